import Foundation

extension Sandbox {
    /// Whether the tests run as root, who ignores file modes: runs then go through `nobody`.
    static var isRoot: Bool { getuid() == 0 }

    /// Runs `accord` (with `--db` after the subcommand) as `nobody` when the tests run as root,
    /// else as the current user.
    func runUnprivileged(_ arguments: [String]) throws -> Run {
        guard Sandbox.isRoot else { return try run(arguments) }
        var withDB = arguments
        withDB.insert(contentsOf: ["--db", db], at: 1)
        // A copy in the temporary folder: the build folder may sit where nobody cannot reach.
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("accord-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: Sandbox.binary, to: copy)
        defer { try? FileManager.default.removeItem(at: copy) }
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: copy.path)
        return try Sandbox.execute(URL(fileURLWithPath: "/usr/bin/setpriv"),
                                   ["--reuid=65534", "--regid=65534", "--clear-groups", copy.path] + withDB,
                                   directory: folder)
    }

    /// Gives the sandbox folder and the database files to the user `runUnprivileged` runs as.
    func giveToUnprivilegedUser() {
        guard Sandbox.isRoot else { return }
        for path in [folder.path, db, db + "-wal", db + "-shm"] { chown(path, 65534, 65534) }
    }

    /// The names in the sandbox folder.
    func names() throws -> Set<String> {
        Set(try FileManager.default.contentsOfDirectory(atPath: folder.path))
    }
}

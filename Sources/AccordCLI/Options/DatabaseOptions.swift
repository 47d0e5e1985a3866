import AccordStore
import AccordCore
import AccordRows
import ArgumentParser
import Foundation

/// `--db`, shared by every command.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The database file (default: $ACCORD_DB, else $XDG_DATA_HOME/accord/accord.sqlite).",
        valueName: "path"))
    var db: String?

    /// Opens the store for reading: the one place where the backend is chosen.
    func open(_ access: StoreAccess) throws -> any CommitmentStore {
        try AppDatabase.open(path: path(for: access), access: access)
    }

    /// Runs `body` on the store opened for writing; a database that does not exist yet
    /// appears only if `body` succeeds.
    func write<T>(_ body: (any CommitmentStore) throws -> T) throws -> T {
        try AppDatabase.write(creatingAt: path(for: .write)) { try body($0) }
    }

    /// The database file and its side files, which no output may overwrite.
    func files() -> [String] {
        AppDatabase.files(atPath: path(for: .read))
    }

    /// The database's path; for writes, the default folder is created on first use.
    private func path(for access: StoreAccess) -> String {
        let environment = ProcessInfo.processInfo.environment
        if let path = db ?? environment["ACCORD_DB"].flatMap({ $0.isEmpty ? nil : $0 }) {
            return path
        }
        let dataHome = environment["XDG_DATA_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil }
            ?? ((environment["HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil } ?? NSHomeDirectory()) + "/.local/share")
        let folder = dataHome + "/accord"
        if access == .write {
            try? FileManager.default.createDirectory(
                atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        }
        return folder + "/accord.sqlite"
    }
}


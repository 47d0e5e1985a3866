import Foundation
import Testing

/// Every user error: one `error:` line, the documented exit code, and the database unchanged.
@Suite struct UserErrorTests {
    /// A sandbox holding two commitments, the second one fulfilled.
    func populated() throws -> Sandbox {
        let sandbox = try Sandbox()
        try sandbox.add("Reopen the crossings", ["--due", "2024-01", "--uid", "reopen"])
        try sandbox.add("Meet in January", ["--due", "2024-01", "--uid", "meet"])
        #expect(try sandbox.run(["update", "2", "--status", "fulfilled", "--note", "met", "--on", "2024-01-20"]).status == 0)
        return sandbox
    }

    static let invalidArguments: [([String], String)] = [
        (["add", "x", "--party", "US", "--status", "done"], "unknown status 'done'; expected one of: unassessed"),
        (["add", "x", "--party", "US", "--made-on", "2023-02-29"], "invalid date '2023-02-29'"),
        (["add", "x", "--party", "US", "--made-on", "2024-00-10"], "invalid date '2024-00-10'"),
        (["add", "x", "--party", "US", "--made-on", "99999-01-01"], "invalid date '99999-01-01'"),
        (["add", "x", "--party", "US", "--made-on", "2023-12-27", "--due", "2024-Q0"], "invalid due date '2024-Q0'"),
        (["add", "x", "--party", "US", "--made-on", "2023-12-27", "--due", "+0d"], "invalid due date '+0d'"),
        (["add", "x", "--party", "US", "--made-on", "2023-12-27", "--due", "+-5d"], "invalid due date '+-5d'"),
        (["add", "x", "--party", "US", "--made-on", "2023-12-27", "--due", "2024-02-30"], "invalid due date '2024-02-30'"),
        (["add", "x", "--party", "US", "--made-on", "2999-01-01"], "is after today"),
        (["add", "", "--party", "US"], "title must not be empty"),
        (["add", "   ", "--party", "US"], "title must not be empty"),
        (["add", "x"], "needs at least one party"),
        (["add", "x", "--party", "US", "--party", "US"], "party 'US' is given twice"),
        (["add", "x", "--party", "US;MX"], "party 'US;MX'"),
        (["add", "x", "--party", "US", "--uid", "reopen"], "uid 'reopen' already exists"),
        (["add", "x", "--party", "US", "--uid", "no spaces"], "invalid uid 'no spaces'"),
        (["add", "x", "--party", "US", "--bogus"], "Unknown option '--bogus'"),
        (["update", "99", "--note", "x"], "no commitment has id 99"),
        (["update", "abc", "--note", "x"], "abc"),
        (["update", "1"], "an update needs --status, --note, or both"),
        (["update", "1", "--status", "unassessed"], "the status is already 'unassessed'"),
        (["update", "1", "--status", "broken"], "'broken' is a final status: give the reason with --note"),
        (["update", "2", "--status", "in-progress"], "add --reopen"),
        (["update", "1", "--status", "stalled", "--reopen"], "--reopen applies to a final status"),
        (["update", "1", "--note", "x", "--on", "2023-12-01"], "before the commitment was made"),
        (["update", "1", "--note", "x", "--on", "2023-13-01"], "invalid date '2023-13-01'"),
        (["edit", "1", "--due", "2024-01"], "nothing to change"),
        (["edit", "1", "--due", "2024-13"], "invalid due date '2024-13'"),
        (["edit", "1", "--title", ""], "title must not be empty"),
        (["edit", "1", "--due", "2024-02", "--clear-due"], "exclude each other"),
        (["list", "--status", "done"], "unknown status 'done'"),
        (["list", "--as-of", "2024-02-30"], "invalid date '2024-02-30'"),
        (["list", "--format", "xml"], "xml"),
        (["overdue", "--format", "text"], "does not write format 'text'"),
        (["show", "7"], "no commitment has id 7"),
        (["export", "--format", "table"], "does not write format 'table'"),
    ]

    @Test(arguments: invalidArguments)
    func invalidArgumentsExit64AndChangeNothing(_ arguments: [String], _ message: String) throws {
        let sandbox = try populated()
        let before = sandbox.databaseBytes()
        expectUserError(try sandbox.run(arguments), status: 64, containing: message)
        #expect(sandbox.databaseBytes() == before)
    }

    @Test func aHugeTitleIsRefused() throws {
        // The kernel caps one argument at 128 KiB; the 1 MiB case goes through import.
        let sandbox = try populated()
        let before = sandbox.databaseBytes()
        let title = String(repeating: "x", count: 100_000)
        expectUserError(try sandbox.run(["add", title, "--party", "US"]), status: 64,
                        containing: "title is 100000 characters long; at most 500")
        #expect(sandbox.databaseBytes() == before)
    }

    @Test func anArgumentThatIsNotUTF8IsRefused() throws {
        // Process cannot pass raw bytes, so go through the shell's printf.
        let sandbox = try populated()
        let before = sandbox.databaseBytes()
        let result = try Sandbox.execute(URL(fileURLWithPath: "/bin/sh"), [
            "-c", "\"$0\" add \"$(printf 'bad\\377title')\" --party US --db \"$1\"", Sandbox.binary.path, sandbox.db,
        ])
        expectUserError(result, status: 64, containing: "is not valid UTF-8")
        #expect(sandbox.databaseBytes() == before)
    }

    @Test(.enabled(if: Backend.isSQLite, "database files")) func databaseProblemsAreOneLineEach() throws {
        let sandbox = try Sandbox()
        expectUserError(try sandbox.run(["add", "x", "--party", "US", "--db", "/no/such/folder/a.sqlite"], useDB: false),
                        status: 74, containing: "folder")
        expectUserError(try sandbox.run(["list", "--db", sandbox.folder.appendingPathComponent("none.sqlite").path], useDB: false),
                        status: 66, containing: "no database at")
        #expect(!FileManager.default.fileExists(atPath: sandbox.folder.appendingPathComponent("none.sqlite").path))
        // Random bytes, a truncated database and another application's database.
        let random = try sandbox.write("random.sqlite", bytes: (0..<8192).map { _ in UInt8.random(in: 0...255) })
        expectUserError(try sandbox.run(["add", "x", "--party", "US", "--db", random], useDB: false),
                        status: 74, containing: "not an Accord database")
        expectUserError(try sandbox.run(["list", "--db", random], useDB: false), status: 74)
        try sandbox.add("x")
        let full = try Data(contentsOf: URL(fileURLWithPath: sandbox.db))
        let truncated = try sandbox.write("truncated.sqlite", bytes: Array(full.prefix(full.count / 2)))
        let before = try Data(contentsOf: URL(fileURLWithPath: truncated))
        let result = try sandbox.run(["list", "--db", truncated], useDB: false)
        expectUserError(result, status: 74)
        expectUserError(try sandbox.run(["add", "y", "--party", "US", "--db", truncated], useDB: false), status: 74)
        #expect(try Data(contentsOf: URL(fileURLWithPath: truncated)) == before)
        // A database that a newer Accord migrated further.
        _ = try sandbox.sqlite("INSERT INTO grdb_migrations VALUES ('9999_from_the_future')")
        let newer = sandbox.databaseBytes()
        expectUserError(try sandbox.run(["add", "y", "--party", "US"]), status: 74,
                        containing: "was written by a newer Accord (unknown migrations: 9999_from_the_future)")
        expectUserError(try sandbox.run(["list"]), status: 74, containing: "newer Accord")
        #expect(sandbox.databaseBytes() == newer)
    }

    /// Runs `accord` as an unprivileged user when the tests run as root (root ignores file
    /// modes), or as the current user otherwise.
    func runUnprivileged(_ sandbox: Sandbox, _ arguments: [String]) throws -> Run {
        guard getuid() == 0 else { return try sandbox.run(arguments) }
        var withDB = arguments
        withDB.insert(contentsOf: ["--db", sandbox.db], at: 1)
        // A copy in the temporary folder: the build folder may sit where nobody cannot reach.
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("accord-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: Sandbox.binary, to: copy)
        defer { try? FileManager.default.removeItem(at: copy) }
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: copy.path)
        return try Sandbox.execute(URL(fileURLWithPath: "/usr/bin/setpriv"),
                                   ["--reuid=65534", "--regid=65534", "--clear-groups", copy.path] + withDB)
    }

    @Test(.enabled(if: Backend.isSQLite, "database files")) func aReadOnlyDatabaseRefusesWritesAndStillReads() throws {
        // Given a database the user may read but not write, in a folder it cannot write
        let sandbox = try populated()
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: sandbox.db)
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: sandbox.folder.path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: sandbox.folder.path) }
        let before = sandbox.databaseBytes()
        // When a write is tried, Then it is refused with one line and nothing changes
        expectUserError(try runUnprivileged(sandbox, ["add", "x", "--party", "US"]), status: 74, containing: "read-only")
        expectUserError(try runUnprivileged(sandbox, ["update", "1", "--note", "x"]), status: 74, containing: "read-only")
        // And reads still work
        let list = try runUnprivileged(sandbox, ["list", "--format", "csv"])
        #expect(list.status == 0, "\(list.stderr)")
        #expect(list.stdout.contains("Reopen the crossings"))
        #expect(sandbox.databaseBytes() == before)
    }

    @Test(.enabled(if: Backend.isSQLite, "database files")) func aFolderThatIsNotWritableIsOneLine() throws {
        let sandbox = try Sandbox()
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: sandbox.folder.path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: sandbox.folder.path) }
        expectUserError(try runUnprivileged(sandbox, ["add", "x", "--party", "US"]), status: 74,
                        containing: "its folder is not writable")
    }
}

import Foundation
import Testing

/// The result of one `accord` run.
struct Run {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// The backend the end-to-end tests run on: SQLite unless `ACCORD_TEST_BACKEND=postgres`
/// (scripts/test runs the suite once more that way, beside the server of scripts/with-postgres).
enum Backend: String {
    case sqlite, postgres

    /// This run's backend.
    static let current: Backend = ProcessInfo.processInfo.environment["ACCORD_TEST_BACKEND"] == "postgres" ? .postgres : .sqlite

    /// Whether this run tests SQLite files (tests of file safety and of the sqlite3 shell).
    static var isSQLite: Bool { current == .sqlite }
}

/// Runs the built `accord` on a temporary database, as a user would from the shell: a file in
/// a fresh folder, or a fresh database on the test server.
struct Sandbox {
    let folder: URL
    /// The new database's URL on the PostgreSQL backend.
    private let url: String?
    var db: String { url ?? folder.appendingPathComponent("accord.sqlite").path }

    /// A sandbox on this run's backend, or on `backend` (to move a tracker between them).
    init(backend: Backend = .current) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("accord-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        url = backend == .sqlite ? nil : try PostgresServer.makeDatabase()
    }

    /// The `accord` built beside the test bundle.
    static var binary: URL {
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidates = [bundle, Bundle.main.bundleURL.deletingLastPathComponent(), Bundle.main.bundleURL]
        return candidates.map { $0.appendingPathComponent("accord") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0].appendingPathComponent("accord")
    }

    /// Runs `accord` with `--db` added after the subcommand unless `useDB` is false.
    @discardableResult
    func run(_ arguments: [String], useDB: Bool = true, environment: [String: String] = [:],
             binary: URL = Sandbox.binary) throws -> Run {
        var arguments = arguments
        if useDB && !arguments.isEmpty { arguments.insert(contentsOf: ["--db", db], at: 1) }
        return try Self.execute(binary, arguments, environment: environment, directory: folder)
    }

    static func execute(_ binary: URL, _ arguments: [String], environment: [String: String] = [:],
                        directory: URL? = nil) throws -> Run {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "ACCORD_DB")
        env["NO_COLOR"] = "1"
        for (key, value) in environment { env[key] = value }
        process.environment = env
        if let directory { process.currentDirectoryURL = directory }
        // Files, not pipes: a large output can never block the child.
        let outURL = FileManager.default.temporaryDirectory.appendingPathComponent("accord-out-\(UUID().uuidString)")
        let errURL = FileManager.default.temporaryDirectory.appendingPathComponent("accord-err-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: outURL)
            try? FileManager.default.removeItem(at: errURL)
        }
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        let outData = try Data(contentsOf: outURL), errData = try Data(contentsOf: errURL)
        return Run(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                   stderr: String(decoding: errData, as: UTF8.self))
    }

    /// Adds a commitment and returns its id.
    @discardableResult
    func add(_ title: String, _ extra: [String] = []) throws -> Int {
        let result = try run(["add", title, "--party", "US", "--made-on", "2023-12-27"] + extra)
        #expect(result.status == 0, "add failed: \(result.stderr)")
        return Int(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
    }

    /// The bytes of the database and its side files, to prove a command left them alone
    /// (a missing side file counts as empty: a reader may leave an empty -wal behind); on
    /// PostgreSQL, the whole dump of the database, schema and rows.
    func databaseBytes() -> [Data] {
        if let url {
            let dump = try? Sandbox.execute(URL(fileURLWithPath: "/usr/bin/env"), ["pg_dump", "--no-owner", "-d", url])
            // pg_dump marks its output with a random key (\restrict): leave those lines out.
            let lines = (dump.map { "\($0.status)\n" + $0.stdout + $0.stderr } ?? "pg_dump failed")
                .split(separator: "\n").filter { !$0.hasPrefix("\\restrict") && !$0.hasPrefix("\\unrestrict") }
            return [Data(lines.joined(separator: "\n").utf8)]
        }
        return ["", "-wal", "-journal"].map { FileManager.default.contents(atPath: db + $0) ?? Data() }
    }

    /// Writes a file into the sandbox and returns its path.
    func write(_ name: String, _ contents: String) throws -> String {
        let url = folder.appendingPathComponent(name)
        try Data(contents.utf8).write(to: url)
        return url.path
    }

    func write(_ name: String, bytes: [UInt8]) throws -> String {
        let url = folder.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }
}

/// Checks that a run failed the way every user error must: one `error:` line, a non-zero exit.
func expectUserError(_ result: Run, status: Int32, containing text: String = "",
                     sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(result.status == status, "exit \(result.status): \(result.stderr)", sourceLocation: sourceLocation)
    let lines = result.stderr.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.isEmpty }
    #expect(lines.count == 1, "one line expected: \(result.stderr)", sourceLocation: sourceLocation)
    #expect(result.stderr.hasPrefix("error: "), "\(result.stderr)", sourceLocation: sourceLocation)
    #expect(text.isEmpty || result.stderr.contains(text), "\(result.stderr) should contain \(text)", sourceLocation: sourceLocation)
    #expect(result.stdout.isEmpty, "stdout: \(result.stdout)", sourceLocation: sourceLocation)
}

/// An `accord` (or shell) process started in the background.
final class Background {
    let process = Process()
    private let outURL: URL
    private let errURL: URL

    init(_ executable: URL, _ arguments: [String]) throws {
        process.executableURL = executable
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "ACCORD_DB")
        process.environment = env
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("accord-bg-\(UUID().uuidString)")
        outURL = base.appendingPathExtension("out")
        errURL = base.appendingPathExtension("err")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        process.standardInput = FileHandle.nullDevice
        try process.run()
    }

    /// Kills the process at once, as a crash or `kill -9` would.
    func kill() {
        _ = Foundation.kill(process.processIdentifier, SIGKILL)
    }

    /// Waits for the end and returns what it printed.
    func wait() throws -> Run {
        process.waitUntilExit()
        defer {
            try? FileManager.default.removeItem(at: outURL)
            try? FileManager.default.removeItem(at: errURL)
        }
        return Run(status: process.terminationStatus,
                   stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
                   stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }
}

extension Sandbox {
    /// Runs a shell script in the background with `$ACCORD` and `$DB` set.
    func shell(_ script: String) throws -> Background {
        try Background(URL(fileURLWithPath: "/bin/sh"), ["-c", "ACCORD=\"$0\"; DB=\"$1\"; " + script, Sandbox.binary.path, db])
    }

    /// A query through the sqlite3 shell (installed by scripts/setup), or psql on the
    /// PostgreSQL backend: independent of Accord.
    func sqlite(_ sql: String, url: String? = nil) throws -> String {
        let url = url ?? self.url
        let arguments = url.map { ["psql", "-X", "-q", "-A", "-t", "-d", $0, "-c", sql] } ?? ["sqlite3", db, sql]
        let result = try Sandbox.execute(URL(fileURLWithPath: "/usr/bin/env"), arguments)
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Runs one statement through psql on the PostgreSQL database at `url`, stopping at its
    /// first error, and returns the whole run.
    func psql(_ sql: String, url: String, environment: [String: String] = [:]) throws -> Run {
        try Sandbox.execute(URL(fileURLWithPath: "/usr/bin/env"),
                            ["psql", "-X", "-w", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", url, "-c", sql],
                            environment: environment)
    }
}

extension Sandbox {
    /// "ok" when the database is sound: SQLite's integrity check, or on PostgreSQL (whose
    /// pages checksum themselves) the invariants a torn write would break: no history entry
    /// without its commitment, no id above the counter.
    func integrity() throws -> String {
        guard !Backend.isSQLite else { return try sqlite("PRAGMA integrity_check") }
        return try sqlite("""
            SELECT CASE WHEN NOT EXISTS (SELECT 1 FROM progress_update u WHERE NOT EXISTS \
            (SELECT 1 FROM commitment c WHERE c.id = u.commitment_id)) AND coalesce((SELECT max(id) FROM commitment), 0) \
            <= (SELECT last FROM accord_counter) THEN 'ok' ELSE 'damaged' END
            """)
    }
}

/// The test server of scripts/with-postgres.
enum PostgresServer {
    /// Creates an empty database with a fresh name on the server of `ACCORD_TEST_POSTGRES`
    /// and returns its URL.
    static func makeDatabase() throws -> String {
        let admin = try #require(ProcessInfo.processInfo.environment["ACCORD_TEST_POSTGRES"],
                                 "ACCORD_TEST_BACKEND=postgres needs a server: run the tests under scripts/with-postgres")
        let name = "accord_cli_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        let created = try Sandbox.execute(URL(fileURLWithPath: "/usr/bin/env"),
                                          ["psql", "-X", "-q", "-d", admin, "-c", "CREATE DATABASE \(name)"])
        try #require(created.status == 0, "cannot create a test database: \(created.stderr)")
        // With ACCORD_TEST_THROUGH_POOLER, accord reaches it through scripts/with-postgres's
        // PgBouncer (transaction pooling) instead.
        var base = admin
        if ProcessInfo.processInfo.environment["ACCORD_TEST_THROUGH_POOLER"] != nil {
            base = try #require(ProcessInfo.processInfo.environment["ACCORD_TEST_POOLER"],
                                "ACCORD_TEST_THROUGH_POOLER needs PgBouncer: run scripts/setup, then the tests under scripts/with-postgres")
        }
        // The admin URL names the maintenance database: only its path changes.
        guard let path = base.range(of: "/postgres") else { return base }
        return base.replacingCharacters(in: path, with: "/" + name)
    }
}

/// The repository's top folder (this file is Tests/<target>/Support/<file>).
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()


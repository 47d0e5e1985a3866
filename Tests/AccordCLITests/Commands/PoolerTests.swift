import Foundation
import Testing

/// A PgBouncer that cannot take a client now refuses it in its own words (SQLSTATE 08P01):
/// Accord gives the exit code the server's refusal would get. Each test starts a PgBouncer of
/// its own, in transaction pooling, in front of scripts/with-postgres's server.
@Suite(.serialized, .enabled(if: !Backend.isSQLite && PgBouncer.binary != nil
                             && ProcessInfo.processInfo.environment["ACCORD_TEST_THROUGH_POOLER"] == nil,
                             "PostgreSQL straight to the server, with PgBouncer installed"))
struct PoolerTests {
    @Test func aPoolerPastItsMaxClientConnIsExit75AsAServerPastItsMaxConnectionsIs() throws {
        // Given a tracker behind a PgBouncer that takes one client at a time
        let sandbox = try Sandbox()
        try #require(try sandbox.run(["add", "Kept", "--party", "US", "--made-on", "2023-12-27"]).status == 0)
        let pooler = try PgBouncer(["max_client_conn = 1"], in: sandbox.folder)
        defer { pooler.stop() }
        // When another client is in (psql, sleeping) and accord comes
        let refused = try pooler.refusal(of: ["add", "Refused", "--party", "US", "--db", pooler.url(for: sandbox.db)],
                                         in: sandbox)
        // Then it is one `error:` line with exit 75, as a full server's, in the pooler's words
        expectUserError(refused, status: 75, containing: "cannot take another client now (no more connections allowed")
        // And nothing was written
        #expect(try sandbox.sqlite("SELECT count(*) FROM commitment") == "1")
    }

    @Test func aClientWaitingForAServerSessionPastQueryWaitTimeoutIsExit75() throws {
        // Given a tracker behind a PgBouncer with one server session, which gives up on a
        // client waiting for it after a second
        let sandbox = try Sandbox()
        try #require(try sandbox.run(["add", "Kept", "--party", "US", "--made-on", "2023-12-27"]).status == 0)
        let pooler = try PgBouncer(["default_pool_size = 1", "query_wait_timeout = 1"], in: sandbox.folder)
        defer { pooler.stop() }
        // When another client's statement holds the session (psql, sleeping) and accord comes
        let refused = try pooler.refusal(of: ["list", "--db", pooler.url(for: sandbox.db)], in: sandbox)
        // Then it is one `error:` line with exit 75, as a lock wait that ends
        expectUserError(refused, status: 75, containing: "cannot take another client now (query_wait_timeout); try again")
    }
}

/// A PgBouncer of a test's own, on a Unix socket in the test's folder, in front of the server
/// of `ACCORD_TEST_POSTGRES`, trusting every role; run as the `postgres` user when the tests
/// run as root (PgBouncer refuses root), in the foreground (a daemon would keep what Foundation
/// waits on to see its starter end).
struct PgBouncer {
    static let binary = ["/usr/sbin/pgbouncer", "/usr/bin/pgbouncer"].first { FileManager.default.isExecutableFile(atPath: $0) }

    let folder: URL
    /// The server's socket folder, as the test databases' URLs name it.
    let serverFolder: String
    let process: Background

    init(_ settings: [String], in parent: URL) throws {
        let admin = try #require(ProcessInfo.processInfo.environment["ACCORD_TEST_POSTGRES"])
        let server = try #require(admin.range(of: "host=").map { String(admin[$0.upperBound...]) })
        let port = try #require(admin.range(of: "localhost:").flatMap { start in
            admin[start.upperBound...].split(separator: "/").first.map(String.init)
        })
        serverFolder = server
        folder = parent.appendingPathComponent("pooler")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let ini = """
            [databases]
            * = host=\(server) port=\(port)
            [pgbouncer]
            listen_addr =
            unix_socket_dir = \(folder.path)
            listen_port = \(port)
            auth_type = trust
            auth_file = \(folder.path)/users.txt
            pool_mode = transaction
            logfile = \(folder.path)/pgbouncer.log
            pidfile = \(folder.path)/pgbouncer.pid
            \(settings.joined(separator: "\n"))

            """
        try ini.write(to: folder.appendingPathComponent("pgbouncer.ini"), atomically: true, encoding: .utf8)
        try "\"accord\" \"\"\n".write(to: folder.appendingPathComponent("users.txt"), atomically: true, encoding: .utf8)
        let env = URL(fileURLWithPath: "/usr/bin/env")
        var start = [try #require(Self.binary), folder.appendingPathComponent("pgbouncer.ini").path]
        if getuid() == 0 {
            try #require(try Sandbox.execute(env, ["chown", "-R", "postgres:", folder.path]).status == 0)
            start = ["runuser", "-u", "postgres", "--"] + start
        }
        process = try Background(env, start)
        let socket = folder.appendingPathComponent(".s.PGSQL.\(port)").path
        for _ in 0..<250 where !FileManager.default.fileExists(atPath: socket) && process.process.isRunning {
            usleep(20_000)
        }
        guard FileManager.default.fileExists(atPath: socket) else {
            stop()
            let log = (try? String(contentsOf: folder.appendingPathComponent("pgbouncer.log"), encoding: .utf8)) ?? ""
            throw PoolerNeverStarted(log: log)
        }
    }

    struct PoolerNeverStarted: Error { let log: String }

    /// `url`, a test database's on the server, through this pooler.
    func url(for url: String) -> String {
        url.replacingOccurrences(of: "host=\(serverFolder)", with: "host=\(folder.path)")
    }

    /// Runs `arguments` while psql holds the pooler (its one client, or its one server
    /// session) with a long statement, until the pooler refuses accord, and returns that run.
    func refusal(of arguments: [String], in sandbox: Sandbox) throws -> Run {
        let psql = URL(fileURLWithPath: "/usr/bin/env")
        let holder = try Background(psql, ["psql", "-X", "-q", "-d", url(for: sandbox.db), "-c", "SELECT pg_sleep(60)"])
        defer {
            holder.kill()
            _ = try? holder.wait()
        }
        // Until psql is in, accord gets through: try again, for at most ten seconds.
        for _ in 0..<100 {
            let run = try sandbox.run(arguments, useDB: false)
            if run.status != 0 { return run }
            usleep(100_000)
        }
        Issue.record("the pooler never refused accord")
        return try sandbox.run(arguments, useDB: false)
    }

    /// Stops PgBouncer (by its pid file: under runuser, the process started is runuser's)
    /// and waits for it. SIGKILL: it is started with the test runner's signals blocked.
    func stop() {
        if let pid = try? String(contentsOf: folder.appendingPathComponent("pgbouncer.pid"), encoding: .utf8),
           let number = Int32(pid.trimmingCharacters(in: .whitespacesAndNewlines)) {
            kill(number, SIGKILL)
        } else {
            process.kill()
        }
        _ = try? process.wait()
    }
}

import Foundation
import Testing

/// Logging in with a password: the test server trusts every role, so these tests make one
/// role that must give its password (SCRAM-SHA-256, a line of its own in pg_hba.conf).
@Suite(.serialized, .enabled(if: !Backend.isSQLite, "PostgreSQL only")) struct PasswordTests {
    /// A role that needs its password, the database it owns, and URLs to reach it.
    struct Login {
        let role = "accord_pw_" + UUID().uuidString.prefix(8).lowercased()
        /// A password with characters a URL and ~/.pgpass must escape.
        let password = "s3cret:@/é\\x-" + UUID().uuidString.prefix(6)
        let database: String
        let admin: String

        init() throws {
            admin = try #require(ProcessInfo.processInfo.environment["ACCORD_TEST_POSTGRES"])
            database = role + "_db"
            let sandbox = try Sandbox()
            let escaped = password.replacingOccurrences(of: "'", with: "''")
            for statement in ["SET password_encryption = 'scram-sha-256'; CREATE ROLE \(role) LOGIN PASSWORD '\(escaped)'",
                              "CREATE DATABASE \(database) OWNER \(role)"] {
                let made = try sandbox.psql(statement, url: admin)
                try #require(made.status == 0, "\(made.stderr)")
            }
            // Only this role must authenticate: its line goes before the cluster's `trust` lines.
            let hba = try sandbox.sqlite("SHOW hba_file", url: admin)
            let rules = try String(contentsOfFile: hba, encoding: .utf8)
            try ("local all \(role) scram-sha-256\n" + rules).write(toFile: hba, atomically: false, encoding: .utf8)
            try #require(try sandbox.sqlite("SELECT pg_reload_conf()", url: admin) == "t")
            // The server reads the file again in the background: wait until it asks this role.
            for _ in 0..<500 {
                if try sandbox.psql("SELECT 1", url: url()).status != 0 { return }
                usleep(10_000)
            }
            Issue.record("the server never asked \(role) for a password")
        }

        /// The role's URL, with `password` in it when given.
        func url(password: String? = nil) -> String {
            let secret = password.map { ":" + ($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? $0) } ?? ""
            return admin.replacingOccurrences(of: "accord@", with: "\(role)\(secret)@")
                .replacingOccurrences(of: "/postgres?", with: "/\(database)?")
        }
    }

    @Test func theRightPasswordWorksFromTheURLPGPASSWORDAndThePasswordFile() throws {
        // Given a role that needs a password
        let login = try Login()
        let sandbox = try Sandbox()
        // When it is in the URL (percent-encoded), Then a write works
        let added = try sandbox.run(["add", "By password", "--party", "US", "--made-on", "2023-12-27", "--db", login.url(password: login.password)],
                                    useDB: false)
        #expect(added.status == 0, "\(added.stderr)")
        // When it is in PGPASSWORD
        let list = ["list", "--format", "csv", "--fields", "id,title", "--db", login.url()]
        let byVariable = try sandbox.run(list, useDB: false, environment: ["PGPASSWORD": login.password])
        #expect(byVariable.status == 0 && byVariable.stdout.contains("By password"), "\(byVariable.stderr)")
        // When it is in a password file named by PGPASSFILE, or in ~/.pgpass
        let escaped = login.password.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: ":", with: "\\:")
        let line = "localhost:*:\(login.database):\(login.role):\(escaped)\n"
        let file = try sandbox.write("pgpass", "# a comment\n*:*:other:\(login.role):wrong\n" + line)
        #expect(chmod(file, 0o600) == 0)
        let byFile = try sandbox.run(list, useDB: false, environment: ["PGPASSFILE": file])
        #expect(byFile.status == 0 && byFile.stdout.contains("By password"), "\(byFile.stderr)")
        let home = sandbox.folder.appendingPathComponent("home")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        let dotfile = home.appendingPathComponent(".pgpass").path
        try FileManager.default.copyItem(atPath: file, toPath: dotfile)
        #expect(chmod(dotfile, 0o600) == 0)
        let byHome = try sandbox.run(list, useDB: false, environment: ["HOME": home.path])
        #expect(byHome.status == 0 && byHome.stdout.contains("By password"), "\(byHome.stderr)")
        // But a password file others may read is ignored, as libpq ignores it
        #expect(chmod(dotfile, 0o644) == 0)
        expectUserError(try sandbox.run(list, useDB: false, environment: ["HOME": home.path]), status: 77, containing: "password")
    }

    @Test func aWrongOrMissingPasswordIsOneLineWithExit77ThatNeverShowsThePassword() throws {
        // Given a role that needs a password and a stored commitment
        let login = try Login()
        let sandbox = try Sandbox()
        let added = try sandbox.run(["add", "Kept", "--party", "US", "--db", login.url(password: login.password)], useDB: false)
        try #require(added.status == 0, "\(added.stderr)")
        let wrong = "Wr0ng:pass@word-" + login.password.suffix(6)
        let encoded = try #require(wrong.addingPercentEncoding(withAllowedCharacters: .alphanumerics))
        // When the password is wrong in the URL, in PGPASSWORD, or missing
        let runs = [
            try sandbox.run(["add", "Refused", "--party", "US", "--db", login.url(password: wrong)], useDB: false),
            try sandbox.run(["list", "--db", login.url()], useDB: false, environment: ["PGPASSWORD": wrong]),
            try sandbox.run(["export", "--format", "json", "--db", login.url()], useDB: false, environment: ["PGPASSFILE": "/nonexistent"]),
        ]
        // Then each is one `error:` line with exit 77, naming the role but no password
        for run in runs {
            expectUserError(run, status: 77, containing: login.role)
            for secret in [wrong, encoded, login.password, String(login.password.prefix(6))] {
                #expect(!run.stderr.contains(secret), "\(run.stderr) shows a password")
            }
        }
        // And nothing was written
        let count = try sandbox.psql("SELECT count(*) FROM commitment", url: login.url(), environment: ["PGPASSWORD": login.password])
        #expect(count.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "1", "\(count.stderr)")
    }

    @Test(.enabled(if: ProcessInfo.processInfo.environment["ACCORD_TEST_POOLER_PASSWORD"] != nil,
                   "PgBouncer asking for passwords (scripts/with-postgres, when PgBouncer is installed)"))
    func throughPgBouncerTheRightPasswordWorksAndAWrongOneIsExit77() throws {
        // Given scripts/with-postgres's PgBouncer, which asks `accord_pooled` for its password
        // (SCRAM-SHA-256), and a database that role owns
        let environment = ProcessInfo.processInfo.environment
        let admin = try #require(environment["ACCORD_TEST_POSTGRES"])
        let pooler = try #require(environment["ACCORD_TEST_POOLER"])
        let password = try #require(environment["ACCORD_TEST_POOLER_PASSWORD"])
        let sandbox = try Sandbox()
        let database = "accord_pooled_" + UUID().uuidString.prefix(8).lowercased()
        let made = try sandbox.psql("CREATE DATABASE \(database) OWNER accord_pooled", url: admin)
        try #require(made.status == 0, "\(made.stderr)")
        func url(password: String? = nil) -> String {
            pooler.replacingOccurrences(of: "accord@", with: "accord_pooled\(password.map { ":" + $0 } ?? "")@")
                .replacingOccurrences(of: "/postgres?", with: "/\(database)?")
        }
        // When the right password is in the URL or in PGPASSWORD, Then a write and a read work
        let added = try sandbox.run(["add", "Through the pooler", "--party", "US", "--made-on", "2023-12-27",
                                     "--db", url(password: password)], useDB: false)
        #expect(added.status == 0, "\(added.stderr)")
        let listed = try sandbox.run(["list", "--format", "csv", "--fields", "id,title", "--db", url()], useDB: false,
                                     environment: ["PGPASSWORD": password])
        #expect(listed.status == 0 && listed.stdout.contains("Through the pooler"), "\(listed.stderr)")
        // When the password is wrong in the URL, in PGPASSWORD, or missing, or the role is one
        // the pooler's hba file rejects
        let wrong = "wrong-" + password.prefix(4)
        let runs = [
            try sandbox.run(["add", "Refused", "--party", "US", "--db", url(password: wrong)], useDB: false),
            try sandbox.run(["list", "--db", url()], useDB: false, environment: ["PGPASSWORD": wrong]),
            try sandbox.run(["list", "--db", url()], useDB: false, environment: ["PGPASSFILE": "/nonexistent"]),
            try sandbox.run(["list", "--db", url().replacingOccurrences(of: "accord_pooled@", with: "accord_rejected@")],
                            useDB: false, environment: ["PGPASSWORD": wrong]),
        ]
        // Then each is one `error:` line with exit 77, as straight to the server (PgBouncer
        // says 08P01 where the server says 28P01), naming the role but no password
        for run in runs {
            expectUserError(run, status: 77, containing: "accord_")
            #expect(!run.stderr.contains(wrong) && !run.stderr.contains(password), "\(run.stderr) shows a password")
        }
        // And nothing was written
        let count = try sandbox.psql("SELECT count(*) FROM commitment", url: admin.replacingOccurrences(of: "/postgres?", with: "/\(database)?"))
        #expect(count.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "1", "\(count.stderr)")
    }
}

@testable import AccordPostgres
import AccordStore
import Foundation
import Testing

@Suite struct ConnectionTargetTests {
    @Test func aFullURLGivesEveryPart() throws {
        // Given a URL with every part, percent-encoded where needed
        let target = try ConnectionTarget(
            url: "postgresql://ana%40team:s%3Acret@db.example.org:6543/accord%20team?sslmode=verify-full",
            environment: [:], homeDirectory: "/nonexistent")
        // Then each part is decoded, and the display has no password
        #expect(target.user == "ana@team")
        #expect(target.password == "s:cret")
        #expect(target.host == "db.example.org")
        #expect(target.port == 6543)
        #expect(target.database == "accord team")
        #expect(target.sslMode == .verifyFull)
        #expect(!target.display.contains("s:cret") && !target.display.contains("cret"))
        #expect(target.display == "postgres://ana@team@db.example.org:6543/accord team")
    }

    @Test func aSocketFolderInTheHostParameterWinsAndTheEnvironmentFillsTheRest() throws {
        // Given a URL without user or database, a socket folder in host=, and libpq's variables
        let environment = ["PGUSER": "editor", "PGDATABASE": "tracker", "PGPORT": "5433", "PGPASSWORD": "from-env"]
        // When it is read
        let target = try ConnectionTarget(url: "postgres://localhost?host=/run/pg", environment: environment,
                                          homeDirectory: "/nonexistent")
        // Then the socket is used, with the environment's user, database, port and password
        #expect(target.isUnixSocket)
        #expect(target.socketPath == "/run/pg/.s.PGSQL.5433")
        #expect(target.user == "editor")
        #expect(target.database == "tracker")
        #expect(target.password == "from-env")
        #expect(target.sslMode == .prefer)
    }

    @Test func theURLsPasswordBeatsPGPASSWORDAndIPv6HostsKeepTheirBrackets() throws {
        let target = try ConnectionTarget(url: "postgres://u:inurl@[::1]:5000/d", environment: ["PGPASSWORD": "env"],
                                          homeDirectory: "/nonexistent")
        #expect(target.password == "inurl")
        #expect(target.host == "::1")
        #expect(target.display == "postgres://u@[::1]:5000/d")
    }

    @Test func thePasswordFileIsReadWhenNothingElseGivesOneAndIgnoredWhenOthersCanReadIt() throws {
        // Given a ~/.pgpass with an escaped colon, a wildcard line and a comment
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("accord-pgpass-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        let file = home.appendingPathComponent(".pgpass").path
        try Data("# comment\nother:5432:*:*:wrong\ndb.example.org:*:accord:ana:pa\\:ss\n".utf8).write(to: URL(fileURLWithPath: file))
        chmod(file, 0o600)
        // When a URL names that host, database and user
        let url = "postgres://ana@db.example.org/accord"
        let target = try ConnectionTarget(url: url, environment: [:], homeDirectory: home.path)
        // Then its password is the matching line's
        #expect(target.password == "pa:ss")
        // And a file others may read is ignored, as libpq does
        chmod(file, 0o644)
        #expect(try ConnectionTarget(url: url, environment: [:], homeDirectory: home.path).password == nil)
        // And PGPASSFILE names another file
        chmod(file, 0o600)
        #expect(try ConnectionTarget(url: url, environment: ["PGPASSFILE": file], homeDirectory: "/nonexistent").password == "pa:ss")
    }

    @Test(arguments: [
        ("postgres://h/d?sslmode=sometimes", "unknown sslmode 'sometimes'"),
        ("postgres://h/d?colour=blue", "unknown parameter 'colour'"),
        ("postgres://h:99999/d", "invalid port '99999'"),
        ("postgres://h1,h2/d", "several hosts are not supported"),
        ("postgres://h/d?host=/tmp/a,/tmp/b", "several hosts are not supported"),
        ("postgres:///d?host=%2Ftmp%2Fa%2C%2Ftmp%2Fb", "several hosts are not supported"),
        ("postgres://u%zz@h/d", "cannot read the user name"),
        ("postgres://h/d%C3", "cannot read the database name"),
        ("postgres://h/d?host=%2", "cannot read the value of the parameter 'host'"),
        ("postgres://h/d?h%zzost=x", "cannot read the parameter 'h%zzost'"),
        ("postgres://u%00@h/d", "cannot read the user name"),
    ])
    func malformedURLsAreRefusedNamingTheProblem(url: String, message: String) throws {
        #expect {
            try ConnectionTarget(url: url, environment: [:], homeDirectory: "/nonexistent")
        } throws: { error in
            guard case StoreError.invalidLocation(_, let reason) = error else { return false }
            return reason.contains(message)
        }
    }

    @Test func percentEncodingIsReadAsFoundationReadsItExceptANUL() {
        // Accord decodes URLs itself (Foundation's decoder is slow to start); the same text
        // must come out, or none where Foundation finds none
        let samples = ["", "plain", "a%20b", "%41%42", "%e2%82%ac%20euro", "%E2%82%AC", "100%", "%4", "%zz", "%%41",
                       "%C3", "%C3%A9", "%FF", "a+b", "%2F%3A%40", "é%C3%A9", "%c3%28", "%ED%A0%80", "%F0%9F%98%80"]
        for sample in samples {
            #expect(ConnectionTarget.percentDecoded(sample) == sample.removingPercentEncoding, "\(sample)")
        }
        // And a NUL is refused, as libpq refuses it (Foundation lets it through)
        #expect(ConnectionTarget.percentDecoded("a%00b") == nil)
    }

    @Test func aParameterThatCannotBeReadIsNamedWithoutItsValue() {
        #expect {
            try ConnectionTarget(url: "postgres://h/d?password=Sec%zzret", environment: [:], homeDirectory: "/nonexistent")
        } throws: { error in
            guard case StoreError.invalidLocation(let location, let reason) = error else { return false }
            return !"\(location) \(reason)".contains("Sec") && reason.contains("'password'")
        }
    }

    @Test func aRefusedURLNeverShowsItsPassword() {
        #expect(ConnectionTarget.redacted("postgres://u:secret@h/d?password=other&x=1") == "postgres://u:***@h/d?password=***&x=1")
        // Nor a password given twice, under a key in capitals or percent-encoded, which libpq
        // would not read as the password but the user meant as one
        #expect(ConnectionTarget.redacted("postgres://h/d?password=a&password=b") == "postgres://h/d?password=***&password=***")
        #expect(ConnectionTarget.redacted("postgres://h/d?PASSWORD=hunter2&x=1") == "postgres://h/d?PASSWORD=***&x=1")
        #expect(ConnectionTarget.redacted("postgres://h/d?pass%77ord=hunter2") == "postgres://h/d?pass%77ord=***")
        #expect {
            try ConnectionTarget(url: "postgres://u@h/db?PASSWORD=hunter2", environment: [:], homeDirectory: "/nonexistent")
        } throws: { error in
            guard case StoreError.invalidLocation(let location, let reason) = error else { return false }
            return !"\(location) \(reason)".contains("hunter2") && reason.contains("'PASSWORD'")
        }
    }

    @Test func onlyPostgresSchemesChooseTheServer() {
        #expect(ConnectionTarget.isURL("postgres://h/d"))
        #expect(ConnectionTarget.isURL("POSTGRESQL://h/d"))
        #expect(!ConnectionTarget.isURL("postgres.sqlite"))
        #expect(!ConnectionTarget.isURL("/tmp/postgres://x"))
    }

    @Test func migrationFilesSplitIntoStatementsKeepingDollarQuotedBodiesWhole() {
        let statements = PostgresMigrations.statements("""
            -- a comment; with a semicolon
            CREATE TABLE t (x text DEFAULT 'a;b');
            CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'no'; END;
            $$;
            """)
        #expect(statements.count == 2)
        #expect(statements[0] == "CREATE TABLE t (x text DEFAULT 'a;b')")
        #expect(statements[1].hasSuffix("END;\n$$"))
    }
}

import Foundation
import Testing

/// What only a shared PostgreSQL database has: roles, and writers on other connections.
@Suite(.serialized, .enabled(if: !Backend.isSQLite, "PostgreSQL only")) struct TeamModeTests {
    @Test func theDocumentedRolesReadEditAndOwnAsTheREADMESays() throws {
        // Given the roles of docs/postgres-roles.sql on a new database
        let sandbox = try Sandbox()
        let name = "accord_team_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        let admin = try #require(ProcessInfo.processInfo.environment["ACCORD_TEST_POSTGRES"])
        let script = repositoryRoot.appendingPathComponent("docs/postgres-roles.sql").path
        let created = try Sandbox.execute(URL(fileURLWithPath: "/usr/bin/env"), [
            "psql", "-X", "-q", "-d", admin, "-v", "db=\(name)", "-v", "owner_password=o", "-v", "editor_password=e",
            "-v", "reader_password=r", "-f", script])
        try #require(created.status == 0, "\(created.stderr)")
        func url(_ role: String) -> String {
            admin.replacingOccurrences(of: "accord@", with: "\(role)@").replacingOccurrences(of: "/postgres?", with: "/\(name)?")
        }
        // When the reader looks before anyone made the tables, Then there is nothing to read yet
        expectUserError(try sandbox.run(["list", "--db", url("accord_reader")], useDB: false), status: 66)
        // When the owner makes the tables, the editor writes and the reader reads and tries to write
        #expect(try sandbox.run(["add", "By the owner", "--party", "US", "--db", url("accord_owner")], useDB: false).status == 0)
        let edited = try sandbox.run(["update", "1", "--note", "by the editor", "--db", url("accord_editor")], useDB: false)
        #expect(edited.status == 0, "\(edited.stderr)")
        #expect(try sandbox.run(["add", "By the editor", "--party", "MX", "--db", url("accord_editor")], useDB: false).status == 0)
        let listed = try sandbox.run(["list", "--format", "csv", "--db", url("accord_reader")], useDB: false)
        #expect(listed.stdout.contains("By the editor"))
        // Then the reader's write is one line with exit 77, and nothing changed
        expectUserError(try sandbox.run(["add", "By the reader", "--party", "US", "--db", url("accord_reader")], useDB: false),
                        status: 77, containing: "permission denied")
        #expect(try sandbox.run(["list", "--format", "csv", "--db", url("accord_reader")], useDB: false).stdout == listed.stdout)
        // And the editor can neither rewrite nor delete the history, nor touch the migration log
        let log = try sandbox.sqlite("SELECT string_agg(name, ',' ORDER BY name) FROM accord_migrations", url: url("accord_owner"))
        #expect(log.hasPrefix("0001_initial,"), "\(log)")
        for statement in ["UPDATE accord_migrations SET name = '9999_future'", "DELETE FROM accord_migrations",
                          "INSERT INTO accord_migrations (name) VALUES ('9999_future')", "TRUNCATE accord_migrations",
                          "UPDATE progress_update SET note = 'rewritten'", "DELETE FROM progress_update",
                          "DELETE FROM commitment"] {
            let refused = try sandbox.psql(statement, url: url("accord_editor"))
            #expect(refused.status != 0 && (refused.stderr.contains("permission denied") || refused.stderr.contains("append-only")),
                    "\(statement): \(refused.stderr)")
        }
        #expect(try sandbox.sqlite("SELECT string_agg(name, ',' ORDER BY name) FROM accord_migrations", url: url("accord_owner")) == log)
        #expect(try sandbox.run(["list", "--format", "csv", "--db", url("accord_reader")], useDB: false).stdout == listed.stdout)
        // And the owner may delete
        #expect(try sandbox.run(["delete", "2", "--yes", "--db", url("accord_owner")], useDB: false).status == 0)
    }

    @Test func concurrentUpdatesOfOneCommitmentAreNeitherLostNorReordered() throws {
        // Given one commitment, When 4 processes add 15 notes each to it at once
        let sandbox = try Sandbox()
        try sandbox.add("Shared")
        let writers = try (0..<4).map { writer in
            try sandbox.shell("""
                i=0; while [ $i -lt 15 ]; do i=$((i+1))
                  "$ACCORD" update 1 --note "writer \(writer) note $i" --on 2024-01-01 --quiet --db "$DB" >/dev/null || exit 1
                done
                """)
        }
        // Then every process succeeds and the history holds every note, each writer's in its order
        for run in try writers.map({ try $0.wait() }) {
            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.stderr.isEmpty, "\(run.stderr)")
        }
        let notes = try sandbox.sqlite("SELECT note FROM progress_update WHERE commitment_id = 1 ORDER BY id")
            .split(separator: "\n").dropFirst()
        #expect(notes.count == 60)
        for writer in 0..<4 {
            let mine = notes.filter { $0.hasPrefix("writer \(writer) ") }
            #expect(mine == (1...15).map { "writer \(writer) note \($0)"[...] })
        }
    }

    @Test func anImportWhoseConnectionIsTerminatedStoresNothingAndSaysSoInOneLine() throws {
        // Given a stored commitment and a file of 60,000 rows being imported
        let sandbox = try Sandbox()
        try sandbox.add("Already stored")
        var csv = "uid,title,parties,made_on,due,quote\n"
        for row in 0..<60_000 { csv += "row-\(row),\"Commitment \(row), quoted\",US; MX,2023-12-27,2024-Q\(row % 4 + 1),\"a\nquote\"\n" }
        let file = try sandbox.write("big.csv", csv)
        let database = try sandbox.sqlite("SELECT current_database()")
        let importing = try Background(Sandbox.binary, ["import", file, "--db", sandbox.db])
        // When another connection terminates its backend while it sends rows (COPY) or inserts them
        var terminated = false
        for _ in 0..<6_000 where !terminated {
            terminated = try sandbox.sqlite("""
                SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = '\(database)' \
                AND application_name = 'accord' AND state = 'active' AND (query LIKE 'COPY%' OR query LIKE 'INSERT%')
                """) == "1"
            if !terminated { usleep(10_000) }
        }
        // (PostgresNIO never answers a query sent on a closed connection: a hang is a failure.)
        for _ in 0..<600 where importing.process.isRunning { usleep(100_000) }
        if importing.process.isRunning {
            importing.kill()
            Issue.record("the import still ran a minute after its connection was terminated")
        }
        let result = try importing.wait()
        try #require(terminated, "the import ended before it could be stopped: \(result.stderr)")
        // Then it fails with one line, exit 74, and none of the file's rows landed
        expectUserError(result, status: 74, containing: "postgres://")
        #expect(try sandbox.sqlite("SELECT count(*) FROM commitment") == "1")
        #expect(try sandbox.sqlite("SELECT count(*) FROM progress_update") == "1")
        #expect(try sandbox.integrity() == "ok")
        // And the same import, tried again, stores every row after the kept one
        let retried = try sandbox.run(["import", file, "--quiet"])
        #expect(retried.status == 0, "\(retried.stderr)")
        #expect(try sandbox.sqlite("SELECT count(*), max(id) FROM commitment") == "60001|60001")
    }

    @Test func anExportWhoseConnectionIsTerminatedBetweenBatchesSaysSoInOneLine() throws {
        // Given 5,000 commitments (three batches of the report's cursor)
        let sandbox = try Sandbox()
        var csv = "title,parties,made_on\n"
        for row in 0..<5_000 { csv += "Commitment \(row) with a title long enough to fill a pipe,US; MX,2023-12-27\n" }
        #expect(try sandbox.run(["import", try sandbox.write("many.csv", csv), "--quiet"]).status == 0)
        let database = try sandbox.sqlite("SELECT current_database()")
        // And an export into a pipe nobody reads yet: it waits to write, its next batch fetched
        let export = Process()
        export.executableURL = Sandbox.binary
        export.arguments = ["export", "--format", "csv", "--db", sandbox.db]
        let output = Pipe()
        let errors = sandbox.folder.appendingPathComponent("export.err")
        _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
        export.standardOutput = output
        export.standardError = try FileHandle(forWritingTo: errors)
        try export.run()
        let waiting = """
            SELECT count(*) FROM pg_stat_activity WHERE datname = '\(database)' AND application_name = 'accord' \
            AND state = 'idle in transaction'
            """
        var tries = 0
        while try sandbox.sqlite(waiting) != "1" && tries < 600 {
            tries += 1
            usleep(50_000)
        }
        try #require(tries < 600, "the export never waited between batches")
        // When another connection terminates its backend, and the reader reads again
        #expect(try sandbox.sqlite("""
            SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = '\(database)' \
            AND application_name = 'accord'
            """) == "1")
        let drained = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            _ = output.fileHandleForReading.readDataToEndOfFile()
            drained.signal()
        }
        // Then it ends (PostgresNIO never answers a query sent on a closed connection: a hang is
        // a failure) with one line and exit 74
        for _ in 0..<600 where export.isRunning { usleep(100_000) }
        if export.isRunning {
            _ = kill(export.processIdentifier, SIGKILL)
            Issue.record("the export still ran a minute after its connection was terminated")
        }
        export.waitUntilExit()
        drained.wait()
        let message = String(decoding: try Data(contentsOf: errors), as: UTF8.self)
        #expect(export.terminationStatus == 74, "\(message)")
        #expect(message.hasPrefix("error: ") && message.split(separator: "\n").count == 1, "\(message)")
    }
}

import Foundation
import Testing

/// Small versions of the runs in scripts/stress: concurrent processes and killed writes.
@Suite(.serialized) struct ReliabilityTests {
    @Test func concurrentWritersAndReadersAllSucceed() throws {
        // Given a new database, When 4 writers add 20 commitments each while 2 readers loop
        let sandbox = try Sandbox()
        let writers = try (0..<4).map { writer in
            try sandbox.shell("""
                i=0; while [ $i -lt 20 ]; do i=$((i+1))
                  "$ACCORD" add "writer \(writer) item $i" --party US --made-on 2023-12-27 --due 2024-01 --quiet --db "$DB" >/dev/null || exit 1
                done
                """)
        }
        let readers = try (0..<2).map { _ in
            try sandbox.shell("""
                # Reads wait for the first write to make the database (a read never makes one).
                n=0; until "$ACCORD" list --db "$DB" >/dev/null 2>&1; do n=$((n+1)); [ $n -lt 600 ] || exit 1; sleep 0.05; done
                i=0; while [ $i -lt 10 ]; do i=$((i+1))
                  "$ACCORD" overdue --as-of 2024-03-01 --format csv --db "$DB" >/dev/null || exit 1
                  "$ACCORD" export --format json --db "$DB" >/dev/null || exit 1
                done
                """)
        }
        // Then every process succeeds, no error reaches a user, and every commitment is there
        for run in try (writers + readers).map({ try $0.wait() }) {
            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.stderr.isEmpty, "\(run.stderr)")
        }
        #expect(try sandbox.sqlite("SELECT count(*) FROM commitment") == "80")
        #expect(try sandbox.sqlite("SELECT count(DISTINCT title) FROM commitment") == "80")
        #expect(try sandbox.integrity() == "ok")
    }

    @Test func anImportKilledAtAnyMomentStoresAllOrNothing() throws {
        let sandbox = try Sandbox()
        try sandbox.add("Already there")
        var csv = "uid,title,parties,made_on,due,quote\n"
        for index in 0..<4000 {
            csv += "u\(index),\"Commitment \(index), with a comma\",US; MX,2023-12-27,2024-Q\(index % 4 + 1),\"a \"\"quote\"\"\nover lines\"\n"
        }
        let file = try sandbox.write("big.csv", csv)
        var outcomes = Set<String>()
        for trial in 0..<4 {
            // Kill after a random delay; the last trial lets the import finish.
            let importing = try Background(Sandbox.binary, ["import", file, "--db", sandbox.db])
            if trial < 3 {
                usleep(UInt32.random(in: 0...600_000))
                importing.kill()
            }
            _ = try importing.wait()
            #expect(try sandbox.integrity() == "ok")
            let count = try sandbox.sqlite("SELECT count(*) FROM commitment")
            #expect(count == "1" || count == "4001", "trial \(trial): \(count) commitments")
            #expect(try sandbox.sqlite("SELECT count(*) FROM progress_update") == count)
            outcomes.insert(count)
            if count == "4001" { break }
        }
        #expect(outcomes.contains("4001"))
    }

    @Test(.enabled(if: Backend.isSQLite, "database files")) func anImportIntoANewDatabaseKilledAtAnyMomentLeavesNoneOrAllOfIt() throws {
        let sandbox = try Sandbox()
        var csv = "uid,title,parties,made_on\n"
        for index in 0..<4000 { csv += "u\(index),Commitment \(index),US,2023-12-27\n" }
        let file = try sandbox.write("big.csv", csv)
        for trial in 0..<4 {
            let importing = try Background(Sandbox.binary, ["import", file, "--db", sandbox.db])
            if trial < 3 {
                usleep(UInt32.random(in: 0...400_000))
                importing.kill()
            }
            _ = try importing.wait()
            // Either no database at all, or the whole file in a sound one.
            guard FileManager.default.fileExists(atPath: sandbox.db) else { continue }
            #expect(try sandbox.integrity() == "ok")
            #expect(try sandbox.sqlite("PRAGMA journal_mode") == "wal")
            #expect(try sandbox.sqlite("SELECT count(*) FROM commitment") == "4000")
            break
        }
        #expect(FileManager.default.fileExists(atPath: sandbox.db))
    }

    @Test func anUpdateKilledAtAnyMomentKeepsStatusAndHistoryTogether() throws {
        let sandbox = try Sandbox()
        try sandbox.add("Reopen the crossings")
        for trial in 0..<12 {
            let current = try sandbox.sqlite("SELECT status FROM commitment WHERE id = 1")
            let next = current == "in-progress" ? "stalled" : "in-progress"
            let updating = try Background(Sandbox.binary, ["update", "1", "--status", next, "--note", "trial \(trial)",
                                                           "--on", "2024-01-01", "--db", sandbox.db])
            usleep(UInt32.random(in: 0...40_000))
            updating.kill()
            _ = try updating.wait()
            #expect(try sandbox.integrity() == "ok")
            // The status is the one the last status entry of the history set.
            let last = try sandbox.sqlite(
                "SELECT to_status FROM progress_update WHERE commitment_id = 1 AND to_status IS NOT NULL ORDER BY id DESC LIMIT 1")
            #expect(try sandbox.sqlite("SELECT status FROM commitment WHERE id = 1") == last)
        }
    }
}

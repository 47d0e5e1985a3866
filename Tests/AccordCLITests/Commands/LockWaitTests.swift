import Foundation
import Testing

/// Lock waits on PostgreSQL end as SQLite's busy timeout does: after 15 s, with one line,
/// exit 75 and nothing changed, however the command reaches the server (through a pooler too,
/// where each transaction sets the timeout for itself).
@Suite(.enabled(if: !Backend.isSQLite, "PostgreSQL only")) struct LockWaitTests {
    /// Holds a lock from another session for 40 s (longer than the timeout, so that a command
    /// waiting for it without one would end with exit 0), once `held` (a count on pg_locks)
    /// reads 1. In a transaction: through a pooler, a lock of the session would stay on the
    /// server session after the holder ends.
    private func holding(_ sql: String, until held: String, in sandbox: Sandbox) throws -> Background {
        let holder = try Background(URL(fileURLWithPath: "/usr/bin/env"), ["psql", "-X", "-q", "-d", sandbox.db, "-c", sql])
        var tries = 0
        while try sandbox.sqlite(held) != "1" && tries < 300 {
            tries += 1
            usleep(50_000)
        }
        guard tries < 300 else {
            holder.kill()
            throw HeldLockError(stderr: try holder.wait().stderr)
        }
        return holder
    }

    private struct HeldLockError: Error { let stderr: String }

    /// Holds `table` locked against every reader, as a migration, a VACUUM FULL or a restore do.
    private func holding(table: String, in sandbox: Sandbox) throws -> Background {
        try holding("BEGIN; LOCK TABLE \(table) IN ACCESS EXCLUSIVE MODE; SELECT pg_sleep(40); COMMIT",
                    until: "SELECT count(*) FROM pg_locks WHERE relation = '\(table)'::regclass "
                        + "AND mode = 'AccessExclusiveLock' AND granted", in: sandbox)
    }

    @Test func aWriteWaitingForTheWriteLockGivesUpWithExit75() throws {
        // Given a commitment, and another session holding the advisory lock every write takes
        let sandbox = try Sandbox()
        try sandbox.add("Stored")
        let holder = try holding("BEGIN; SELECT pg_advisory_xact_lock(\(0x4163_636F_7264)); SELECT pg_sleep(40); COMMIT",
                                 until: "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted "
                                     + "AND objid = \(0x636F_7264) AND classid = \(0x4163)", in: sandbox)
        defer { holder.kill() }
        // When a user adds a commitment and updates one
        let added = try sandbox.run(["add", "Waiting", "--party", "US"])
        let updated = try sandbox.run(["update", "1", "--note", "waiting"])
        // Then each gives up with one line and exit 75, and nothing changed
        expectUserError(added, status: 75)
        expectUserError(updated, status: 75)
        #expect(try sandbox.sqlite("SELECT count(*) FROM commitment") == "1")
        #expect(try sandbox.sqlite("SELECT count(*) FROM progress_update") == "1")
    }

    @Test func aReportWaitingForALockedTableGivesUpWithExit75() throws {
        // Given a commitment, and another session holding its table locked against readers
        let sandbox = try Sandbox()
        try sandbox.add("Stored")
        let holder = try holding(table: "commitment", in: sandbox)
        defer { holder.kill() }
        // When a user lists the commitments and looks at one
        // Then each gives up with one line and exit 75
        expectUserError(try sandbox.run(["list"]), status: 75)
        expectUserError(try sandbox.run(["show", "1"]), status: 75)
    }

    @Test func aCommandWaitingForTheMigrationLogGivesUpWithExit75() throws {
        // Given a commitment, and another session holding the migration log's table locked,
        // which every command reads first (outside a transaction, bounded by Accord itself)
        let sandbox = try Sandbox()
        try sandbox.add("Stored")
        let holder = try holding(table: "accord_migrations", in: sandbox)
        defer { holder.kill() }
        // When a user lists the commitments, Then it gives up with one line and exit 75
        expectUserError(try sandbox.run(["list"]), status: 75)
    }
}

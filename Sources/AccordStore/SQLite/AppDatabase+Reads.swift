import AccordCore
import AccordRows
import Foundation
import GRDB

// MARK: - Reads

extension AppDatabase {
    /// One commitment with its whole history.
    public func commitment(id: Int64) throws -> Commitment {
        try read { db in
            guard let record = try CommitmentRecord.fetchOne(db, key: id) else {
                throw StoreError.unknownID(id)
            }
            return try record.commitment(history: try history(of: id, db))
        }
    }

    /// Streams the commitments that match `filter` to `body`, by id (or most overdue first
    /// for an overdue filter), without holding them all in memory. With `includeHistory`,
    /// each comes with its history.
    public func forEachCommitment(
        matching filter: CommitmentFilter, includeHistory: Bool = false,
        _ body: (Commitment) throws -> Void
    ) throws {
        try read { db in
            let cursor = try CommitmentRecord.all().matching(filter).fetchCursor(db)
            while let record = try cursor.next() {
                let history = includeHistory ? try history(of: record.id ?? 0, db) : []
                try body(try record.commitment(history: history))
            }
        }
    }

    /// Streams every update in date order (then in the order recorded), optionally limited to
    /// a date range and one commitment.
    public func forEachUpdate(
        since: CalendarDate?, until: CalendarDate?, commitmentId: Int64?, _ body: (LogEntry) throws -> Void
    ) throws {
        try read { db in
            if let commitmentId, try !CommitmentRecord.exists(db, key: commitmentId) {
                throw StoreError.unknownID(commitmentId)
            }
            var conditions: [String] = []
            var arguments: StatementArguments = []
            if let since { conditions.append("u.on_date >= ?"); arguments += [since.description] }
            if let until { conditions.append("u.on_date <= ?"); arguments += [until.description] }
            if let commitmentId { conditions.append("u.commitment_id = ?"); arguments += [commitmentId] }
            let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
            let rows = try Row.fetchCursor(db, sql: """
                SELECT u.*, c.uid AS commitment_uid, c.title AS commitment_title
                FROM progress_update u JOIN commitment c ON c.id = u.commitment_id
                \(whereClause)
                ORDER BY u.on_date, u.id
                """, arguments: arguments)
            while let row = try rows.next() {
                try body(LogEntry(
                    commitmentId: row["commitment_id"], uid: row["commitment_uid"], title: row["commitment_title"],
                    update: try UpdateRecord(row: row).update()))
            }
        }
    }

    /// How many commitments are stored.
    public func count() throws -> Int {
        try read { db in try CommitmentRecord.fetchCount(db) }
    }

    private func history(of id: Int64, _ db: Database) throws -> [Update] {
        try UpdateRecord.all().history(of: id).fetchAll(db).map { try $0.update() }
    }
}

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
            return try record.commitment(history: try storedHistory(of: id, madeOn: record.madeOn, db))
        }
    }

    /// Streams the commitments that match `filter` to `body`, by id (or most overdue first
    /// for an overdue filter), without holding them all in memory. With `includeHistory`,
    /// each comes with its history; with `day`, each as it stood that day (replayed from its
    /// history when the history goes on after that day).
    public func forEachCommitment(
        matching filter: CommitmentFilter, asOf day: CalendarDate?, includeHistory: Bool,
        _ body: (Commitment) throws -> Void
    ) throws {
        try read { db in
            let cursor = try CommitmentRecord.all().matching(filter, asOf: day).fetchCursor(db)
            while let record = try cursor.next() {
                let commitment = try record.commitment()
                let needsReplay = day.map { commitment.lastUpdateOn > $0 } ?? false
                guard includeHistory || needsReplay else {
                    try body(commitment)
                    continue
                }
                var whole = commitment
                whole.history = try storedHistory(of: record.id ?? 0, madeOn: commitment.madeOn, db)
                var state = day.flatMap(whole.state(on:)) ?? whole
                if !includeHistory { state.history = [] }
                try body(state)
            }
        }
    }

    /// Streams every update in date order (then in the order recorded), optionally limited to
    /// a date range and one commitment.
    public func forEachUpdate(
        since: CalendarDate?, until: CalendarDate?, commitmentId: Int64?, newestFirst: Bool = false, limit: Int? = nil,
        _ body: (LogEntry) throws -> Void
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
            if let limit { arguments += [limit] }
            let rows = try Row.fetchCursor(db, sql: """
                SELECT u.*, c.uid AS commitment_uid, c.title AS commitment_title, c.made_on AS commitment_made_on
                FROM progress_update u JOIN commitment c ON c.id = u.commitment_id
                \(whereClause)
                ORDER BY \(newestFirst ? "u.on_date DESC, u.id DESC" : "u.on_date, u.id")
                \(limit == nil ? "" : "LIMIT ?")
                """, arguments: arguments)
            while let row = try rows.next() {
                try body(LogEntry(
                    commitmentId: row["commitment_id"], uid: row["commitment_uid"], title: row["commitment_title"],
                    update: try UpdateRecord(row: row).update(madeOn: try CalendarDate(parsing: row["commitment_made_on"]))))
            }
        }
    }

    /// The day the earliest stored commitment was made, nil when there is none.
    public func firstMadeOn() throws -> CalendarDate? {
        try read { db in
            try String.fetchOne(db, sql: "SELECT min(made_on) FROM commitment").map { text in
                do { return try CalendarDate(parsing: text) } catch {
                    throw RowError.unreadableValue(column: CommitmentColumn.madeOn.name, text: text)
                }
            }
        }
    }

    /// How many commitments are stored.
    public func count() throws -> Int {
        try read { db in try CommitmentRecord.fetchCount(db) }
    }

    /// One commitment's history in date order.
    func storedHistory(of id: Int64, madeOn: CalendarDate, _ db: Database) throws -> [Update] {
        try UpdateRecord.all().history(of: id).fetchAll(db).map { try $0.update(madeOn: madeOn) }
    }
}

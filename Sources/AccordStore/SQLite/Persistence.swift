import AccordCore
import AccordRows
import Foundation
import GRDB

// MARK: - Writes

extension AppDatabase {
    /// Stores a new commitment with its history and returns it with its id; `beforeCommit`
    /// runs inside the transaction, and its error rolls it back.
    public func add(_ commitment: Commitment, beforeCommit: (Commitment) throws -> Void) throws -> Commitment {
        try write { db in
            let stored = try insert(commitment, db, place: nil)
            try beforeCommit(stored)
            return stored
        }
    }

    /// Loads a commitment with its whole history (the rules on the timeline read it), lets
    /// `change` apply a domain rule to it and return the history entry it made, then stores
    /// both in one transaction: both or neither.
    @discardableResult
    public func change(
        id: Int64, _ change: (inout Commitment) throws -> Update
    ) throws -> Commitment {
        try write { db in
            guard let record = try CommitmentRecord.fetchOne(db, key: id) else {
                throw StoreError.unknownID(id)
            }
            var commitment = try record.commitment()
            commitment.history = try storedHistory(of: id, madeOn: commitment.madeOn, db)
            let update = try change(&commitment)
            try CommitmentRecord(commitment).update(db)
            try appendUpdate(update, to: id, db)
            return commitment
        }
    }

    /// Applies `change` to each of `ids` in one transaction: all or none.
    public func change(
        ids: [Int64], _ change: (inout Commitment) throws -> Update
    ) throws -> [(before: Commitment, after: Commitment)] {
        try write { db in
            var changed: [(before: Commitment, after: Commitment)] = []
            for id in ids {
                guard let record = try CommitmentRecord.fetchOne(db, key: id) else {
                    throw StoreError.unknownID(id)
                }
                var commitment = try record.commitment()
                commitment.history = try storedHistory(of: id, madeOn: commitment.madeOn, db)
                let before = commitment
                let update = try StoreError.naming(id, among: ids.count) { try change(&commitment) }
                try CommitmentRecord(commitment).update(db)
                try appendUpdate(update, to: id, db)
                changed.append((before, commitment))
            }
            return changed
        }
    }

    /// Removes `ids` and their histories in one transaction (the history's foreign key
    /// cascades); AUTOINCREMENT never gives their ids again.
    public func delete(ids: [Int64]) throws -> [Commitment] {
        try write { db in
            var removed: [Commitment] = []
            for id in ids {
                guard let record = try CommitmentRecord.fetchOne(db, key: id) else {
                    throw StoreError.unknownID(id)
                }
                removed.append(try record.commitment())
                _ = try record.delete(db)
            }
            return removed
        }
    }

    /// Imports commitments as `produce` hands them over, all in one transaction: the first
    /// error rolls everything back. `produce` calls its argument with each commitment and the
    /// place it came from ("line 4"). Into an empty tracker it is a ``BulkLoad``.
    public func importCommitments(
        policy: ImportPolicy, beforeCommit: (ImportSummary) throws -> Void,
        _ produce: (_ store: (Commitment, String) throws -> Void) throws -> Void
    ) throws -> ImportSummary {
        try write { db in
            let bulkLoad = try BulkLoad.begin(db)
            var summary = ImportSummary()
            var seenUIDs = Set<String>()
            var seenIDs = Set<Int64>()
            try produce { commitment, place in
                // The same commitment twice in one file is a mistake whatever the policy.
                guard seenUIDs.insert(commitment.uid).inserted else {
                    throw StoreError.duplicateInFile("uid", commitment.uid, place: place)
                }
                if let id = commitment.id, !seenIDs.insert(id).inserted {
                    throw StoreError.duplicateInFile("id", String(id), place: place)
                }
                // With the default policy the UNIQUE constraint finds stored uids: no lookup.
                if policy != .fail, let existing = try CommitmentRecord.fetchOne(
                    try db.cachedStatement(sql: "SELECT * FROM commitment WHERE uid = ?"),
                    arguments: [commitment.uid]) {
                    switch policy {
                    case .fail:
                        throw StoreError.duplicateUID(commitment.uid, place: place)
                    case .skip:
                        summary.skipped += 1
                        return
                    case .update(let day):
                        // Never deleted: the fields change as a dated edit, the history grows.
                        var stored = try existing.commitment()
                        stored.history = try storedHistory(of: existing.id ?? 0, madeOn: stored.madeOn, db)
                        let (merged, added) = try Self.placed(place) { () throws(AccordError) in
                            try stored.merging(commitment, on: day)
                        }
                        guard !added.isEmpty, let id = existing.id else {
                            summary.unchanged += 1
                            return
                        }
                        try CommitmentRecord(merged).update(db)
                        for update in added { try appendUpdate(update, to: id, db) }
                        summary.replaced += 1
                        return
                    }
                } else {
                    summary.inserted += 1
                }
                _ = try insert(commitment, db, place: place)
            }
            try bulkLoad?.finish(db)
            try beforeCommit(summary)
            return summary
        }
    }

    /// Runs a domain rule for a record of an import file, naming the record in its error.
    private static func placed<T>(_ place: String, _ body: () throws(AccordError) -> T) throws -> T {
        do {
            return try body()
        } catch {
            throw AccordError.malformedFile(place: place, reason: error.description)
        }
    }

    /// Inserts a commitment and its history; keeps a given id when it is free. Statements
    /// are prepared once per connection: an import runs them for every row.
    private func insert(_ commitment: Commitment, _ db: Database, place: String?) throws -> Commitment {
        var id = commitment.id
        if let wanted = id,
           try Bool.fetchOne(try db.cachedStatement(sql: "SELECT 1 FROM commitment WHERE id = ?"), arguments: [wanted]) == true {
            id = nil
        }
        do {
            try execute(try db.cachedStatement(sql: Self.insertCommitmentSQL),
                        [id.map(SQLArgument.integer) ?? .null]
                            + CommitmentColumn.allCases.map { SQLArgument(commitment.storedText($0)) })
        } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
            throw StoreError.duplicateUID(commitment.uid, place: place)
        }
        let storedID = db.lastInsertedRowID
        for update in commitment.history {
            try appendUpdate(update, to: storedID, db)
        }
        var stored = commitment
        stored.id = storedID
        return stored
    }

    private func appendUpdate(_ update: Update, to commitmentId: Int64, _ db: Database) throws {
        try execute(try db.cachedStatement(sql: Self.insertUpdateSQL),
                    [.integer(commitmentId)] + UpdateColumn.allCases.map { SQLArgument(update.storedText($0)) })
    }

    /// The insert of a commitment: its id, then every ``CommitmentColumn``.
    static let insertCommitmentSQL = insertSQL(table: "commitment", columns: ["id"] + CommitmentColumn.allCases.map(\.name))
    /// The insert of a history entry: its commitment, then every ``UpdateColumn``.
    static let insertUpdateSQL = insertSQL(
        table: "progress_update", columns: ["commitment_id"] + UpdateColumn.allCases.map(\.name))

    private static func insertSQL(table: String, columns: [String]) -> String {
        "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES ("
            + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
    }
}

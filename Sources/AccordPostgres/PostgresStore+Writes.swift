import AccordCore
import AccordRows
import AccordStore
import Foundation
import PostgresNIO

// MARK: - Writes

extension PostgresStore {
    /// Stores a new commitment with its history and returns it with its id; `beforeCommit`
    /// runs inside the transaction, and its error rolls it back.
    public func add(_ commitment: Commitment, beforeCommit: (Commitment) throws -> Void) throws -> Commitment {
        try writeTransaction {
            let stored = try insert(commitment, place: nil)
            try beforeCommit(stored)
            return stored
        }
    }

    /// Loads a commitment with its whole history, its row locked (`FOR UPDATE`, beside the
    /// write lock), lets `change` apply a domain rule to it and return the history entry it
    /// made, then stores both in one transaction: both or neither.
    @discardableResult
    public func change(id: Int64, _ change: (inout Commitment) throws -> Update) throws -> Commitment {
        try writeTransaction {
            var commitment = try loadCommitment(id: id, forUpdate: true)
            let update = try change(&commitment)
            try store(commitment, id: id, appending: [update])
            return commitment
        }
    }

    /// Applies `change` to each of `ids`, in that order, in one transaction holding the write
    /// lock and their rows: all or none. With several ids, a rule's refusal names the id.
    /// Every rule runs before anything is written, so that a refusal leaves even the history's
    /// identity sequence (which no rollback resets) as it was.
    public func change(
        ids: [Int64], _ change: (inout Commitment) throws -> Update
    ) throws -> [(before: Commitment, after: Commitment)] {
        try writeTransaction {
            var changed: [(id: Int64, before: Commitment, after: Commitment, update: Update)] = []
            var current: [Int64: Commitment] = [:]
            for id in ids {
                var commitment = try current[id] ?? loadCommitment(id: id, forUpdate: true)
                let before = commitment
                let update = try StoreError.naming(id, among: ids.count) { try change(&commitment) }
                current[id] = commitment
                changed.append((id, before, commitment, update))
            }
            for (id, _, after, update) in changed {
                try store(after, id: id, appending: [update])
            }
            return changed.map { ($0.before, $0.after) }
        }
    }

    /// Removes `ids` and their histories in one transaction (the history's foreign key
    /// cascades), all or none; the counter never gives their ids again.
    public func delete(ids: [Int64]) throws -> [Commitment] {
        try writeTransaction {
            var removed: [Commitment] = []
            for id in ids {
                var commitment = try loadCommitment(id: id, forUpdate: true)
                commitment.history = []
                var text = SQLText()
                text.sql = "DELETE FROM commitment WHERE id = \(text.bind(id))"
                try rows(text.query)
                removed.append(commitment)
            }
            return removed
        }
    }

    /// Writes a stored commitment's columns and appends history entries to it.
    func store(_ commitment: Commitment, id: Int64, appending updates: [Update]) throws {
        var text = SQLText()
        let assignments = CommitmentColumn.allCases.map { column in
            "\(column.name) = " + bind(commitment.storedText(column), &text) + PostgresColumns.cast(column)
        }
        text.sql = "UPDATE commitment SET " + assignments.joined(separator: ", ") + " WHERE id = \(text.bind(id))"
        try rows(text.query)
        try append(updates, to: id)
    }

    /// Inserts a commitment and its history in one statement (one round trip): the id from
    /// the counter, the row, then its entries in order. Keeps a given id when it is free, else
    /// takes the next one from the counter (under the write lock: gapless, never reused).
    ///
    /// Without a given id (every `add`), the counter's update is the plain `last + 1`: a new
    /// server session parses and plans each statement from a cold catalog cache, and the
    /// general form's two `EXISTS` and its `CASE`s cost `add` about half a millisecond more
    /// (pgbench, a new connection per run).
    func insert(_ commitment: Commitment, place: String?) throws -> Commitment {
        var text = SQLText()
        let next: String
        if let id = commitment.id {
            let wanted = text.bind(id) + "::bigint"
            let isTaken = "(\(wanted) < 1 OR EXISTS (SELECT 1 FROM commitment WHERE id = \(wanted)))"
            next = "UPDATE accord_counter SET last = CASE WHEN \(isTaken) THEN last + 1 ELSE greatest(last, \(wanted)) END "
                + "WHERE name = 'commitment' RETURNING CASE WHEN \(isTaken) THEN last ELSE \(wanted) END AS id"
        } else {
            next = "UPDATE accord_counter SET last = last + 1 WHERE name = 'commitment' RETURNING last AS id"
        }
        let values = CommitmentColumn.allCases.map { column in
            bind(commitment.storedText(column), &text) + PostgresColumns.cast(column)
        }
        text.sql = "WITH next AS (\(next)), "
            + "stored AS (INSERT INTO commitment (id, " + CommitmentColumn.allCases.map(\.name).joined(separator: ", ")
            + ") SELECT next.id, " + values.joined(separator: ", ") + " FROM next RETURNING id)"
        let entries = commitment.history.prefix(Self.entriesPerStatement)
        if !entries.isEmpty {
            text.sql += ", entries AS (INSERT INTO progress_update (commitment_id, \(Self.updateColumns)) "
                + "SELECT stored.id, \(Self.entryColumns) FROM stored, \(valuesList(entries, &text)) RETURNING 1)"
        }
        text.sql += " SELECT id FROM stored"
        let id: Int64
        do {
            guard let cell = try unmappedRows(text.query).first?.makeRandomAccess()[0] else {
                throw StoreError.database("the id counter is missing")
            }
            id = try mapErrors { try cell.decode(Int64.self) }
        } catch let error where Self.sqlState(error) == "23505" {
            throw StoreError.duplicateUID(commitment.uid, place: place)
        } catch let error as PSQLError {
            throw Self.storeError(error, display: display)
        }
        try append(Array(commitment.history.dropFirst(entries.count)), to: id)
        var stored = commitment
        stored.id = id
        return stored
    }

    /// History entries per statement: seven parameters each, under the protocol's limit of
    /// 65,535.
    static let entriesPerStatement = 5000

    /// Appends history entries to a commitment, in order, in as few statements as the
    /// protocol's parameter limit allows.
    func append(_ updates: [Update], to id: Int64) throws {
        var start = 0
        while start < updates.count {
            var text = SQLText()
            let idPlaceholder = text.bind(id)
            let chunk = updates[start..<min(start + Self.entriesPerStatement, updates.count)]
            text.sql = "INSERT INTO progress_update (commitment_id, \(Self.updateColumns)) "
                + "SELECT \(idPlaceholder)::bigint, \(Self.entryColumns) FROM \(valuesList(chunk, &text))"
            try rows(text.query)
            start += Self.entriesPerStatement
        }
    }

    /// The history's columns, in ``UpdateColumn`` order.
    private static let updateColumns = UpdateColumn.allCases.map(\.name).joined(separator: ", ")
    /// The same columns of ``valuesList(_:_:)``'s rows.
    private static let entryColumns = UpdateColumn.allCases.map { "v.\($0.name)" }.joined(separator: ", ")

    /// Entries as a VALUES list of their bound columns, cast to their stored types, each
    /// after its place in `updates`, and ordered by it: their identities, which order entries
    /// of the same day, are drawn in the order the rows come, and a join alone does not
    /// promise an order.
    private func valuesList(_ updates: ArraySlice<Update>, _ text: inout SQLText) -> String {
        let rows = updates.enumerated().map { place, update in
            "(\(place), " + UpdateColumn.allCases.map { column in
                bind(update.storedText(column), &text) + PostgresColumns.cast(column)
            }.joined(separator: ", ") + ")"
        }
        return "(VALUES " + rows.joined(separator: ", ") + ") AS v (place, \(Self.updateColumns)) ORDER BY v.place"
    }

    /// Binds a text or NULL.
    private func bind(_ value: String?, _ text: inout SQLText) -> String {
        guard let value else { return "NULL" }
        return text.bind(value)
    }
}

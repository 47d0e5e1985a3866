import AccordCore
import AccordRows
import AccordStore
import Foundation
import PostgresNIO

// MARK: - Imports through COPY

extension PostgresStore {
    /// The staging table's columns: the order in the file, the place shown in errors, the
    /// kind of row (`c` a commitment, `u` a history entry of the commitment `id`), then the
    /// columns of both tables.
    static let stagingColumns = ["seq", "place", "kind", "id"] + CommitmentColumn.allCases.map(\.name)
        + UpdateColumn.allCases.map { $0 == .source ? "update_source" : $0.name }

    /// Imports commitments as `produce` hands them over, in one transaction holding the write
    /// lock: all or nothing, also when the client is killed or the connection drops.
    ///
    /// Rows are checked as they come (the same uid or id twice in the file; with `.skip` or
    /// `.update`, uids already stored), given their ids as the SQLite store would, and sent
    /// through COPY into a temporary staging table that keeps their place in the file; then
    /// set-wise inserts move them into the tables. The first bad record is the one named, as
    /// on SQLite: when the file fails at one record, the records before it are checked first.
    /// `beforeCommit` gets the summary inside the transaction; its error rolls everything back.
    public func importCommitments(
        policy: ImportPolicy, beforeCommit: (ImportSummary) throws -> Void,
        _ produce: (_ store: (Commitment, String) throws -> Void) throws -> Void
    ) throws -> ImportSummary {
        try writeTransaction {
            var state = try ImportState(store: self, policy: policy)
            try execute("CREATE TEMPORARY TABLE accord_import (seq bigint NOT NULL, place text, kind text NOT NULL, "
                + "id bigint NOT NULL, " + CommitmentColumn.allCases.map { "\($0.name) \(Self.stagingType($0))" }
                    .joined(separator: ", ")
                + ", " + UpdateColumn.allCases.map { "\($0 == .source ? "update_source" : $0.name) \(Self.stagingType($0))" }
                    .joined(separator: ", ")
                + ") ON COMMIT DROP")
            let feed = CopyFeed()
            let connection = connection, logger = logger
            let copy = Pending {
                do {
                    try await connection.copyFrom(table: "accord_import", columns: Self.stagingColumns, logger: logger) { writer in
                        for await chunk in feed.chunks {
                            try await writer.write(chunk)
                            feed.sent()
                        }
                    }
                } catch {
                    feed.fail(error)
                    throw error
                }
            }
            var fileError: (any Error)?
            do {
                try produce { commitment, place in try state.stage(commitment, place: place, feed: feed) }
                try state.flush(feed)
            } catch {
                fileError = error
                try? state.flush(feed)
            }
            feed.finish()
            do {
                try mapErrors { try copy.wait() }
            } catch {
                // The server's refusal explains more than the failed send that followed it.
                throw error
            }
            try state.checkStoredUIDs(self)
            try state.mergeDeferred(self)
            if let fileError { throw fileError }
            try execute("INSERT INTO commitment (id, " + CommitmentColumn.allCases.map(\.name).joined(separator: ", ")
                + ") SELECT id, " + CommitmentColumn.allCases.map(\.name).joined(separator: ", ")
                + " FROM accord_import WHERE kind = 'c' ORDER BY seq")
            try execute("INSERT INTO progress_update (commitment_id, " + UpdateColumn.allCases.map(\.name).joined(separator: ", ")
                + ") SELECT id, " + UpdateColumn.allCases.map { $0 == .source ? "update_source" : $0.name }
                    .joined(separator: ", ")
                + " FROM accord_import WHERE kind = 'u' ORDER BY seq")
            var counter = SQLText()
            counter.sql = "UPDATE accord_counter SET last = greatest(last, \(counter.bind(state.lastID))) WHERE name = 'commitment'"
            try rows(counter.query)
            try beforeCommit(state.summary)
            return state.summary
        }
    }

    /// The staging column's type: the stored type, so that COPY checks dates and JSON.
    private static func stagingType(_ column: CommitmentColumn) -> String {
        switch PostgresColumns.cast(column) {
        case "::json": "json"
        case "::date": "date"
        default: "text"
        }
    }

    private static func stagingType(_ column: UpdateColumn) -> String {
        switch PostgresColumns.cast(column) {
        case "::json": "json"
        case "::date": "date"
        default: "text"
        }
    }
}

/// What an import knows while the file streams in.
struct ImportState {
    let policy: ImportPolicy
    var summary = ImportSummary()
    /// The ids and uids already seen in the file.
    private var seenUIDs = Set<String>()
    private var seenIDs = Set<Int64>()
    /// The stored ids, the ids given out by this import, the last id given out.
    private var storedIDs = Set<Int64>()
    private var assignedIDs = Set<Int64>()
    private(set) var lastID: Int64
    /// The stored uids and their ids (read only for `.skip` and `.update`).
    private var storedUIDs: [String: Int64] = [:]
    private let isEmpty: Bool
    /// The stored commitments the file updates, merged once the COPY is done.
    private var deferred: [(commitment: Commitment, place: String, id: Int64)] = []
    private var encoder = CopyEncoder()
    private var seq: Int64 = 0

    init(store: PostgresStore, policy: ImportPolicy) throws {
        self.policy = policy
        lastID = try store.value("SELECT last FROM accord_counter WHERE name = 'commitment'", as: Int64.self) ?? 0
        isEmpty = try store.value("SELECT NOT EXISTS (SELECT 1 FROM commitment)", as: Bool.self) ?? true
        guard !isEmpty else { return }
        for row in try store.rows("SELECT id FROM commitment") {
            storedIDs.insert(try store.mapErrors { try row.decode(Int64.self) })
        }
        guard policy != .fail else { return }
        for row in try store.rows("SELECT uid, id FROM commitment") {
            let (uid, id) = try store.mapErrors { try row.decode((String, Int64).self) }
            storedUIDs[uid] = id
        }
    }

    /// Checks one record of the file, gives it its id and encodes it for COPY.
    mutating func stage(_ commitment: Commitment, place: String, feed: CopyFeed) throws {
        // The same commitment twice in one file is a mistake whatever the policy.
        guard seenUIDs.insert(commitment.uid).inserted else {
            throw StoreError.duplicateInFile("uid", commitment.uid, place: place)
        }
        if let id = commitment.id, !seenIDs.insert(id).inserted {
            throw StoreError.duplicateInFile("id", String(id), place: place)
        }
        if policy != .fail, let storedID = storedUIDs[commitment.uid] {
            if policy == .skip {
                summary.skipped += 1
            } else {
                deferred.append((commitment, place, storedID))
            }
            return
        }
        summary.inserted += 1
        let id: Int64
        if let wanted = commitment.id, wanted > 0, !storedIDs.contains(wanted), !assignedIDs.contains(wanted) {
            id = wanted
            lastID = max(lastID, wanted)
        } else {
            lastID += 1
            id = lastID
        }
        assignedIDs.insert(id)
        seq += 1
        encoder.field(seq)
        encoder.field(place)
        encoder.field("c")
        encoder.field(id)
        for column in CommitmentColumn.allCases { encoder.field(commitment.storedText(column)) }
        for _ in UpdateColumn.allCases { encoder.field(nil) }
        encoder.endRow()
        for update in commitment.history {
            seq += 1
            encoder.field(seq)
            encoder.field(nil)
            encoder.field("u")
            encoder.field(id)
            for _ in CommitmentColumn.allCases { encoder.field(nil) }
            for column in UpdateColumn.allCases { encoder.field(update.storedText(column)) }
            encoder.endRow()
        }
        if encoder.buffer.readableBytes >= 1 << 18 { try flush(feed) }
    }

    /// Sends what is encoded.
    mutating func flush(_ feed: CopyFeed) throws {
        guard encoder.buffer.readableBytes > 0 else { return }
        let chunk = encoder.buffer
        encoder = CopyEncoder()
        try feed.send(chunk)
    }

    /// With the default policy, refuses the first staged record whose uid is already stored.
    func checkStoredUIDs(_ store: PostgresStore) throws {
        guard policy == .fail, !isEmpty else { return }
        let found = try store.rows("""
            SELECT i.place, i.uid FROM accord_import i WHERE i.kind = 'c' \
            AND EXISTS (SELECT 1 FROM commitment c WHERE c.uid = i.uid) ORDER BY i.seq LIMIT 1
            """)
        guard let row = found.first else { return }
        let (place, uid) = try store.mapErrors { try row.decode((String, String).self) }
        throw StoreError.duplicateUID(uid, place: place)
    }

    /// Merges the records that update stored commitments: changed fields as one edit dated
    /// the import's day, new history entries in date order (``Commitment/merging(_:on:)``).
    mutating func mergeDeferred(_ store: PostgresStore) throws {
        guard case .update(let day) = policy else { return }
        // Every record is merged before anything is written: a refused one leaves even the
        // history's identity sequence as it was.
        var merges: [(merged: Commitment, added: [Update], id: Int64)] = []
        for (commitment, place, id) in deferred {
            let stored = try store.loadCommitment(id: id, forUpdate: true)
            let merged: Commitment, added: [Update]
            do {
                (merged, added) = try stored.merging(commitment, on: day)
            } catch {
                throw AccordError.malformedFile(place: place, reason: error.description)
            }
            guard !added.isEmpty else {
                summary.unchanged += 1
                continue
            }
            merges.append((merged, added, id))
        }
        for (merged, added, id) in merges {
            try store.store(merged, id: id, appending: added)
            summary.replaced += 1
        }
        deferred.removeAll()
    }
}

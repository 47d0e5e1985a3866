import AccordCore
import AccordRows
import AccordStore
import Foundation
import PostgresNIO

// MARK: - Streaming rows for reports and exports

extension PostgresStore {
    /// Rows fetched from the report's cursor per round trip.
    static let fetchSize = 2000

    /// Streams the commitments that `filter` lets through as raw column bytes, in report order,
    /// from one read-only snapshot. A cursor hands them over `fetchSize` at a time with their
    /// histories (one indexed query per batch); the next batch is fetched while this thread
    /// formats the last one, and memory stays flat whatever the size of the database.
    ///
    /// With `day`, a commitment whose history goes on after that day is replayed through the
    /// domain (``Commitment/state(on:)``), as the SQLite store's row reader does.
    public func forEachRow(
        matching filter: CommitmentFilter, asOf day: CalendarDate?, includeHistory: Bool,
        _ body: (CommitmentRow) throws -> Void
    ) throws {
        let request = PostgresRequest.commitments(matching: filter, asOf: day, includeHistory: includeHistory)
        try readTransaction {
            try rows(PostgresQuery(unsafeSQL: "DECLARE accord_rows NO SCROLL CURSOR FOR " + request.sql,
                                   binds: request.binds))
            let connection = connection, logger = logger
            let fetch: @Sendable () async throws -> FetchedBatch = {
                try await FetchedBatch.fetch(connection: connection, logger: logger, size: Self.fetchSize)
            }
            var pending = Pending(fetch)
            // The batch being fetched must end before the transaction does, whatever happens.
            defer { _ = try? pending.wait() }
            var batch = RowBatch()
            var scratch = RowBatch()
            let dayText = day?.description
            while true {
                let fetched = try mapErrors { try pending.wait() }
                let isLast = fetched.rows.count < Self.fetchSize
                if !isLast { pending = Pending(fetch) }
                batch.removeAll()
                try fetched.pack(into: &batch, scratch: &scratch, asOf: day, dayText: dayText, includeHistory: includeHistory)
                try batch.forEachRow(body)
                if isLast { return }
            }
        }
    }

    /// Streams the same commitments as domain values.
    public func forEachCommitment(
        matching filter: CommitmentFilter, asOf day: CalendarDate?, includeHistory: Bool,
        _ body: (Commitment) throws -> Void
    ) throws {
        try forEachRow(matching: filter, asOf: day, includeHistory: includeHistory) { row in
            try body(try Commitment(row: row))
        }
    }

    /// One commitment with its whole history.
    public func commitment(id: Int64) throws -> Commitment {
        try readTransaction { try loadCommitment(id: id, forUpdate: false) }
    }

    /// Loads a commitment with its whole history in the current transaction; with
    /// `forUpdate`, its row stays locked until the transaction ends.
    func loadCommitment(id: Int64, forUpdate: Bool) throws -> Commitment {
        var text = SQLText()
        text.sql = "SELECT \(PostgresColumns.commitment) FROM commitment c WHERE c.id = \(text.bind(id))"
            + (forUpdate ? " FOR UPDATE" : "")
        guard let row = try rows(text.query).first else { throw StoreError.unknownID(id) }
        var history = SQLText()
        history.sql = "SELECT \(PostgresColumns.update) FROM progress_update u WHERE u.commitment_id = "
            + history.bind(id) + " ORDER BY u.on_date, u.id"
        let entries = try rows(history.query)
        var batch = RowBatch()
        try FetchedBatch.add(row, history: entries[...], to: &batch)
        return try batch.withFirstRow { try Commitment(row: $0) }
    }
}

/// One round trip's rows of the report cursor and the histories they need.
struct FetchedBatch: Sendable {
    /// The commitments: id, the columns, whether the history was read.
    var rows: [PostgresRow]
    /// Their histories, commitment by commitment, each in date order.
    var history: [PostgresRow]

    /// Fetches the next rows of the cursor `accord_rows` and the histories they need.
    static func fetch(connection: PostgresConnection, logger: Logger, size: Int) async throws -> FetchedBatch {
        let rows = try await connection.query(PostgresQuery(unsafeSQL: "FETCH \(size) FROM accord_rows"), logger: logger).collect()
        let historyColumn = CommitmentColumn.allCases.count + 1
        var ids: [Int64] = []
        for row in rows {
            let cells = row.makeRandomAccess()
            if try cells[historyColumn].decode(Bool.self) { ids.append(try cells[0].decode(Int64.self)) }
        }
        guard !ids.isEmpty else { return FetchedBatch(rows: rows, history: []) }
        var text = SQLText()
        text.binds.append(ids)
        text.sql = "SELECT \(PostgresColumns.update) FROM progress_update u WHERE u.commitment_id = ANY($1)"
            + " ORDER BY u.commitment_id, u.on_date, u.id"
        let history = try await connection.query(text.query, logger: logger).collect()
        return FetchedBatch(rows: rows, history: history)
    }

    /// Packs the rows into `batch`, in order, as the formats read them.
    func pack(into batch: inout RowBatch, scratch: inout RowBatch, asOf day: CalendarDate?, dayText: String?,
              includeHistory: Bool) throws {
        // Each commitment's entries, which the history query returned in id order (the
        // report's order may be another: by deadline).
        var ranges: [Int64: Range<Int>] = [:]
        var start = history.startIndex
        while start < history.endIndex {
            let id = try history[start].makeRandomAccess()[0].decode(Int64.self)
            var end = start + 1
            while end < history.endIndex, try history[end].makeRandomAccess()[0].decode(Int64.self) == id { end += 1 }
            ranges[id] = start..<end
            start = end
        }
        for row in rows {
            let id = try row.makeRandomAccess()[0].decode(Int64.self)
            let entries = ranges[id].map { history[$0] } ?? []
            if let day, let dayText, let last = row.makeRandomAccess()[CommitmentColumn.lastUpdateOn.rawValue + 1].bytes,
               String(buffer: last) > dayText {
                scratch.removeAll()
                try Self.add(row, history: entries, to: &scratch)
                let commitment = try scratch.withFirstRow { try Commitment(row: $0) }
                // The query left out commitments made after the day.
                guard let state = commitment.state(on: day) else { continue }
                batch.add(state, includeHistory: includeHistory)
                continue
            }
            try Self.add(row, history: includeHistory ? entries : [], to: &batch)
        }
    }

    /// Adds one commitment row and its history entries to `batch`.
    static func add(_ row: PostgresRow, history: ArraySlice<PostgresRow>, to batch: inout RowBatch) throws {
        var cells = row.makeIterator()
        guard let idCell = cells.next() else { return }
        batch.beginRow(id: try idCell.decode(Int64.self))
        for _ in CommitmentColumn.allCases { addField(cells.next()?.bytes, to: batch) }
        for entry in history {
            batch.beginHistoryEntry()
            var fields = entry.makeIterator()
            _ = fields.next()
            for _ in UpdateColumn.allCases { addField(fields.next()?.bytes, to: batch) }
        }
    }

    private static func addField(_ bytes: NIOCore.ByteBuffer?, to batch: RowBatch) {
        guard let bytes else {
            batch.add(nil as UnsafeRawBufferPointer?)
            return
        }
        bytes.withUnsafeReadableBytes { batch.add($0) }
    }
}

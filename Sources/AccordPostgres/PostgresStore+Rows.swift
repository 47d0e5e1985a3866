import AccordCore
import AccordRows
import AccordStore
import Foundation
import PostgresNIO

// MARK: - Streaming rows for reports and exports

extension PostgresStore {
    /// Rows fetched from the report's cursor per round trip.
    static let fetchSize = 2000
    /// Tells the planner that a cursor will be read to its end, as every report's is (by
    /// default it plans for the first tenth).
    static let readsEveryRow = "set_config('cursor_tuple_fraction', '1', true)"

    /// The next `fetchSize` rows of `cursor`, fewer at its end, gathered on the event loop
    /// (NIO's future), not handed over one by one to the waiting task.
    static func fetch(from cursor: String, connection: PostgresConnection, logger: Logger) async throws -> [PostgresRow] {
        let result: EventLoopFuture<PostgresQueryResult> = connection.query(
            PostgresQuery(unsafeSQL: "FETCH \(fetchSize) FROM \(cursor)"), logger: logger)
        return try await answered(result, on: connection).get().rows
    }

    /// Streams the commitments that `filter` lets through as raw column bytes, in report order,
    /// from one read-only snapshot. A cursor hands them over `fetchSize` at a time, each with
    /// its history in the same row where it is needed; the next batch is fetched while this
    /// thread formats the last one, and memory stays flat whatever the size of the database.
    ///
    /// With `day`, a commitment whose history goes on after that day is replayed through the
    /// domain (``Commitment/state(on:)``), as the SQLite store's row reader does.
    public func forEachRow(
        matching filter: CommitmentFilter, asOf day: CalendarDate?, includeHistory: Bool,
        _ body: (CommitmentRow) throws -> Void
    ) throws {
        try forEachRow(matching: filter, asOf: day, includeHistory: includeHistory, reading: PostgresColumns.all, body)
    }

    /// The same rows with only the columns in `reading` sent, the others NULL (all of them on
    /// a past day).
    public func forEachRow(
        matching filter: CommitmentFilter, asOf day: CalendarDate?, includeHistory: Bool,
        reading columns: Set<CommitmentColumn>, _ body: (CommitmentRow) throws -> Void
    ) throws {
        let request = PostgresRequest.commitments(matching: filter, asOf: day, includeHistory: includeHistory,
                                                  reading: columns)
        // The cursor streams rows through a plan costed in the millions on a large database,
        // which makes PostgreSQL compile it (JIT) first: half a second of LLVM for a plan that
        // is only an index scan and a subquery per row.
        try readTransaction(settings: ["set_config('jit', 'off', true)", Self.readsEveryRow]) {
            try rows(PostgresQuery(unsafeSQL: "DECLARE accord_rows NO SCROLL CURSOR FOR " + request.sql,
                                   binds: request.binds))
            let connection = connection, logger = logger
            let fetch: @Sendable () async throws -> FetchedBatch = {
                FetchedBatch(rows: try await Self.fetch(from: "accord_rows", connection: connection, logger: logger))
            }
            var pending = Pending(fetch)
            // The batch being fetched must end before the transaction does, whatever happens.
            defer { _ = try? pending.wait() }
            var batch = RowBatch()
            var scratch = RowBatch()
            while true {
                let fetched = try mapErrors { try pending.wait() }
                let isLast = fetched.rows.count < Self.fetchSize
                if !isLast { pending = Pending(fetch) }
                batch.removeAll()
                try fetched.pack(into: &batch, scratch: &scratch, asOf: day, includeHistory: includeHistory)
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
        text.sql = "SELECT \(PostgresColumns.rows(needsHistory: "true", isLater: "false")) FROM commitment c "
            + "WHERE c.id = \(text.bind(id))" + (forUpdate ? " FOR UPDATE OF c" : "")
        let found = FetchedBatch(rows: try rows(text.query))
        guard !found.rows.isEmpty else { throw StoreError.unknownID(id) }
        var batch = RowBatch()
        var scratch = RowBatch()
        try found.pack(into: &batch, scratch: &scratch, asOf: nil, includeHistory: true)
        return try batch.withFirstRow { try Commitment(row: $0) }
    }
}

/// One round trip's rows of the report cursor, each as ``PostgresColumns/rows(needsHistory:isLater:)``
/// selects it: the id, the columns as one record, the history as an array of records (or
/// NULL), whether the commitment must be replayed.
struct FetchedBatch: Sendable {
    var rows: [PostgresRow]

    /// Packs the rows into `batch`, in order, as the formats read them; on a past `day`, the
    /// commitments whose history goes on after it are replayed through the domain (in
    /// `scratch`) and packed as they stood that day.
    func pack(into batch: inout RowBatch, scratch: inout RowBatch, asOf day: CalendarDate?, includeHistory: Bool) throws {
        for row in rows {
            var cells = row.makeIterator()
            guard var idCell = cells.next()?.bytes, let id = idCell.readInteger(as: Int64.self),
                  let record = cells.next()?.bytes, let historyCell = cells.next(), let laterCell = cells.next()
            else { throw BinaryRecords.unexpected("a row without its id and columns") }
            let history = historyCell.bytes
            let isLater = laterCell.bytes.map { $0.getInteger(at: $0.readerIndex, as: UInt8.self) == 1 } ?? false
            if let day, isLater {
                scratch.removeAll()
                try Self.add(id: id, record: record, history: history, to: &scratch)
                let commitment = try scratch.withFirstRow { try Commitment(row: $0) }
                // The query left out commitments made after the day.
                guard let state = commitment.state(on: day) else { continue }
                batch.add(state, includeHistory: includeHistory)
                continue
            }
            try Self.add(id: id, record: record, history: includeHistory ? history : nil, to: &batch)
        }
    }

    /// Adds one commitment and its history entries to `batch`.
    private static func add(id: Int64, record: NIOCore.ByteBuffer, history: NIOCore.ByteBuffer?,
                            to batch: inout RowBatch) throws {
        batch.beginRow(id: id)
        try BinaryRecords.addFields(of: record, count: CommitmentColumn.allCases.count, to: batch)
        if let history { try BinaryRecords.addHistory(history, to: batch) }
    }
}

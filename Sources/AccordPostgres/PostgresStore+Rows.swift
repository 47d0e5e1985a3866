import AccordCore
import AccordRows
import AccordStore
import Foundation
import PostgresNIO

// MARK: - Streaming rows for reports and exports

extension PostgresStore {
    /// Rows handed over to the formatting thread at a time.
    static let fetchSize = 2000

    /// Streams the commitments that `filter` lets through as raw column bytes, in report order,
    /// from one read-only snapshot. The query's rows come as the server sends them, each with
    /// its history in the same row where it is needed; a task gathers the next `fetchSize`
    /// while this thread formats the last ones, and memory stays flat whatever the size of the
    /// database (PostgresNIO stops reading the socket while rows wait).
    ///
    /// One query, not a cursor: PostgreSQL runs a cursor's plan in one process, and a report's
    /// plan in parallel workers (a million commitments sorted by deadline: 1.2 s before a
    /// cursor's first row). When `body` throws before the last row, the query is stopped
    /// (``cancelQuery(backend:)``) instead of read to its end.
    ///
    /// With `day`, a commitment whose history goes on after that day is replayed through the
    /// domain (``Commitment/state(on:)``), as the SQLite store's row reader does.
    public func forEachRow(
        matching filter: CommitmentFilter, asOf day: CalendarDate?, includeHistory: Bool,
        _ body: (CommitmentRow) throws -> Void
    ) throws {
        let request = PostgresRequest.commitments(matching: filter, asOf: day, includeHistory: includeHistory)
        try readTransaction {
            // A plan costed in the millions on a large database makes PostgreSQL compile it
            // (JIT) first: half a second of LLVM for a scan, a sort and a subquery per row. The
            // same statement tells which server process runs the query, to stop it if need be.
            guard let backend = try value("SELECT pg_backend_pid() FROM (SELECT set_config('jit', 'off', true)) AS s",
                                          as: Int32.self) else { throw BinaryRecords.unexpected("no process id") }
            let stream = RowStream(connection: connection, query: PostgresQuery(unsafeSQL: request.sql, binds: request.binds),
                                   logger: logger)
            let fetch: @Sendable () async throws -> FetchedBatch = {
                FetchedBatch(rows: try await stream.next(Self.fetchSize))
            }
            var pending = Pending(fetch)
            // The batch being gathered must end before the transaction does, whatever happens.
            defer { _ = try? pending.wait() }
            var batch = RowBatch()
            var scratch = RowBatch()
            while true {
                let fetched = try mapErrors { try pending.wait() }
                let isLast = fetched.rows.count < Self.fetchSize
                if !isLast { pending = Pending(fetch) }
                do {
                    batch.removeAll()
                    try fetched.pack(into: &batch, scratch: &scratch, asOf: day, includeHistory: includeHistory)
                    try batch.forEachRow(body)
                } catch {
                    // Rows are still coming that no one will read (a closed pipe, say).
                    if !isLast { cancelQuery(backend: backend) }
                    throw error
                }
                if isLast { return }
            }
        }
    }

    /// Asks the server to stop the query that process `backend` runs, from a second connection
    /// (this one is busy receiving its rows): PostgresNIO would otherwise read every row left
    /// before the connection could roll back, as it still does when no second connection can be had.
    func cancelQuery(backend: Int32) {
        guard let other = try? Self.connect(target) else { return }
        var text = SQLText()
        text.sql = "SELECT pg_cancel_backend(\(text.bind(Int64(backend)))::integer)"
        _ = try? other.rows(text.query)
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

/// Rows of the report query, each as ``PostgresColumns/rows(needsHistory:isLater:)`` selects
/// it: the id, the columns as one record, the history as an array of records (or NULL),
/// whether the commitment must be replayed.
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

/// A query's rows as the server sends them, `count` at a time. The query starts with the first
/// call. Each call is one task's, the next starting only once the last has ended (``Pending``
/// is waited for first), so the iterator is never used by two at once: hence
/// `@unchecked Sendable`.
final class RowStream: @unchecked Sendable {
    private let connection: PostgresConnection
    private let query: PostgresQuery
    private let logger: Logger
    private var iterator: PostgresRowSequence.AsyncIterator?
    private var isDone = false

    init(connection: PostgresConnection, query: PostgresQuery, logger: Logger) {
        self.connection = connection
        self.query = query
        self.logger = logger
    }

    /// The next `count` rows, fewer at the end.
    func next(_ count: Int) async throws -> [PostgresRow] {
        var rows: [PostgresRow] = []
        guard !isDone else { return rows }
        var iterator: PostgresRowSequence.AsyncIterator
        if let started = self.iterator {
            iterator = started
        } else {
            iterator = try await connection.query(query, logger: logger).makeAsyncIterator()
        }
        defer { self.iterator = iterator }
        rows.reserveCapacity(count)
        while rows.count < count {
            guard let row = try await iterator.next() else {
                isDone = true
                break
            }
            rows.append(row)
        }
        return rows
    }
}

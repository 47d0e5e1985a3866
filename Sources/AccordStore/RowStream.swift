import AccordCore
import GRDB
#if canImport(GRDBSQLite)
import GRDBSQLite
#else
import SQLite3
#endif

// MARK: - Streaming rows for reports and exports

extension AppDatabase {
    /// Streams the commitments that `filter` lets through as raw column bytes (and, with
    /// `includeHistory`, their updates), in report order, in one read transaction. Nothing is
    /// collected: memory stays flat whatever the size of the database.
    ///
    /// Rows are stepped with SQLite's C interface because building GRDB rows and Swift strings
    /// for every cell cost several times what SQLite itself spends on a million-row export.
    /// The history of one commitment, in the order it was recorded.
    static let historySQL = """
        SELECT on_date, from_status, to_status, note, source FROM progress_update
        WHERE commitment_id = ? ORDER BY id
        """

    public func forEachRow(
        matching filter: CommitmentFilter, includeHistory: Bool,
        _ body: (CommitmentBytes, [UpdateBytes]) throws -> Void
    ) throws {
        try read { db in
            let request = CommitmentRecord.all().matching(filter).select(
                CommitmentRecord.Columns.id, CommitmentRecord.Columns.uid, CommitmentRecord.Columns.title,
                CommitmentRecord.Columns.quote, CommitmentRecord.Columns.status, CommitmentRecord.Columns.parties,
                CommitmentRecord.Columns.owners, CommitmentRecord.Columns.tags, CommitmentRecord.Columns.madeOn,
                CommitmentRecord.Columns.occasion, CommitmentRecord.Columns.source, CommitmentRecord.Columns.due,
                CommitmentRecord.Columns.dueBy, CommitmentRecord.Columns.statusChangedOn,
                CommitmentRecord.Columns.lastUpdateOn)
            // Keep the GRDB statement alive: releasing it finalizes the SQLite statement.
            let prepared = try request.makePreparedRequest(db).statement
            let statement = prepared.sqliteStatement
            defer {
                sqlite3_reset(statement)
                withExtendedLifetime(prepared) {}
            }
            // Each commitment's history is one indexed search (SEARCH progress_update USING
            // INDEX progress_update_commitment), prepared once: never a scan of the history table.
            // (A merge join over the whole table measured no faster, and reads the history of
            // commitments that a filter leaves out.)
            let historyStatement = includeHistory
                ? try db.cachedStatement(sql: Self.historySQL)
                : nil
            let history = historyStatement?.sqliteStatement
            defer { withExtendedLifetime(historyStatement) {} }
            // A history row's bytes die at the next step, so each commitment's history is
            // copied into one reused buffer before the callback sees it.
            var storage: [UInt8] = []
            var entries: [(on: Range<Int>, from: Range<Int>?, to: Range<Int>?, note: Range<Int>, source: Range<Int>)] = []
            func copy(_ bytes: UnsafeRawBufferPointer?) -> Range<Int>? {
                guard let bytes else { return nil }
                let start = storage.count
                storage.append(contentsOf: bytes)
                return start..<storage.count
            }
            while true {
                let code = sqlite3_step(statement)
                if code == SQLITE_DONE { break }
                guard code == SQLITE_ROW else { throw stepError(statement, code) }
                let id = sqlite3_column_int64(statement, 0)
                let row = CommitmentBytes(
                    id: id, uid: text(statement, 1), title: text(statement, 2), quote: text(statement, 3),
                    status: text(statement, 4), parties: text(statement, 5), owners: text(statement, 6),
                    tags: text(statement, 7), madeOn: text(statement, 8), occasion: text(statement, 9),
                    source: text(statement, 10), due: optionalText(statement, 11), dueBy: optionalText(statement, 12),
                    statusChangedOn: text(statement, 13), lastUpdateOn: text(statement, 14))
                guard let history else {
                    try body(row, [])
                    continue
                }
                storage.removeAll(keepingCapacity: true)
                entries.removeAll(keepingCapacity: true)
                sqlite3_reset(history)
                sqlite3_bind_int64(history, 1, id)
                var historyCode = sqlite3_step(history)
                while historyCode == SQLITE_ROW {
                    entries.append((
                        on: copy(text(history, 0)) ?? 0..<0, from: copy(optionalText(history, 1)),
                        to: copy(optionalText(history, 2)), note: copy(text(history, 3)) ?? 0..<0,
                        source: copy(text(history, 4)) ?? 0..<0))
                    historyCode = sqlite3_step(history)
                }
                guard historyCode == SQLITE_ROW || historyCode == SQLITE_DONE else { throw stepError(history, historyCode) }
                try storage.withUnsafeBytes { buffer in
                    func slice(_ range: Range<Int>) -> UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: buffer[range]) }
                    let updates = entries.map { entry in
                        UpdateBytes(on: slice(entry.on), fromStatus: entry.from.map(slice), toStatus: entry.to.map(slice),
                                    note: slice(entry.note), source: slice(entry.source))
                    }
                    try body(row, updates)
                }
            }
            if let history { sqlite3_reset(history) }
        }
    }
}

// MARK: - Executing inserts

/// A value bound to a statement parameter.
enum SQLArgument {
    case integer(Int64)
    case text(String)
    case null
}

/// SQLite copies the bound text before `sqlite3_bind_text` returns.
private let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

/// Runs an insert with bound values through SQLite's C interface: GRDB's general binding
/// (boxing every value) cost as much as the insert itself on a million-row import.
func execute(_ statement: Statement, _ arguments: [SQLArgument]) throws {
    let handle = statement.sqliteStatement
    sqlite3_reset(handle)
    sqlite3_clear_bindings(handle)
    for (offset, argument) in arguments.enumerated() {
        let index = Int32(offset + 1)
        switch argument {
        case .integer(let value): sqlite3_bind_int64(handle, index, value)
        case .null: sqlite3_bind_null(handle, index)
        case .text(var value):
            value.withUTF8 { bytes in
                // An empty string must bind as '' (a non-null pointer), not as NULL.
                guard let base = bytes.baseAddress else {
                    _ = sqlite3_bind_text(handle, index, "", 0, transient)
                    return
                }
                let pointer = UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self)
                _ = sqlite3_bind_text(handle, index, pointer, Int32(bytes.count), transient)
            }
        }
    }
    let code = sqlite3_step(handle)
    guard code == SQLITE_DONE else {
        let db = sqlite3_db_handle(handle)
        let error = DatabaseError(resultCode: ResultCode(rawValue: sqlite3_extended_errcode(db)),
                                  message: String(cString: sqlite3_errmsg(db)))
        sqlite3_reset(handle)
        throw error
    }
    sqlite3_reset(handle)
}

/// The error of a failed step, with SQLite's message.
private func stepError(_ statement: OpaquePointer, _ code: Int32) -> DatabaseError {
    DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(sqlite3_db_handle(statement))))
}

/// A text column's bytes (empty for NULL), valid until the statement steps again.
private func text(_ statement: OpaquePointer, _ index: Int32) -> UnsafeRawBufferPointer {
    optionalText(statement, index) ?? UnsafeRawBufferPointer(start: nil, count: 0)
}

/// A text column's bytes, or nil for NULL.
private func optionalText(_ statement: OpaquePointer, _ index: Int32) -> UnsafeRawBufferPointer? {
    guard sqlite3_column_type(statement, index) != SQLITE_NULL else { return nil }
    let pointer = sqlite3_column_text(statement, index)
    let count = Int(sqlite3_column_bytes(statement, index))
    return UnsafeRawBufferPointer(start: pointer, count: count)
}

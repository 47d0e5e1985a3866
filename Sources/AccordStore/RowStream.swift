import AccordCore
import GRDB
#if canImport(GRDBSQLite)
import GRDBSQLite
#else
import SQLite3
#endif

// MARK: - Streaming rows for reports and exports

extension AppDatabase {
    /// The history of the commitments whose ids lie in `?1 ..< ?2`, commitment by commitment,
    /// each in the order it was recorded: one range search of the index progress_update_commitment,
    /// which already holds that order (never a scan of the table, never a sort).
    static let historySQL = """
        SELECT commitment_id, on_date, from_status, to_status, note, source FROM progress_update
        WHERE commitment_id >= ? AND commitment_id < ? ORDER BY commitment_id, id
        """

    /// How many commitment ids one history search covers when every commitment is exported:
    /// walking one range beside the commitments instead of a fresh search per commitment spared
    /// a third of SQLite's work in a JSON export.
    static let historyWindow: Int64 = 1024

    /// Streams the commitments that `filter` lets through as raw column bytes (and, with
    /// `includeHistory`, their updates), in report order, in one read transaction. Nothing is
    /// collected: memory stays flat whatever the size of the database.
    ///
    /// Rows are stepped with SQLite's C interface because building GRDB rows and Swift strings
    /// for every cell cost several times what SQLite itself spends on a million-row export.
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
            let historyStatement = includeHistory
                ? try db.cachedStatement(sql: Self.historySQL)
                : nil
            let history = historyStatement?.sqliteStatement
            defer {
                if let history { sqlite3_reset(history) }
                withExtendedLifetime(historyStatement) {}
            }
            // Without a filter, commitments come in id order and nearly all histories are wanted:
            // one search covers a window of ids. Otherwise (filtered, or in deadline order) each
            // commitment gets its own search, so that no unwanted history is read.
            let window = filter == CommitmentFilter() ? Self.historyWindow : 1
            var windowEnd = Int64.min
            var historyCode = SQLITE_DONE
            // A history row's bytes die at the next step, so each commitment's history is
            // copied into one reused buffer before the callback sees it.
            let storage = ByteBuffer()
            var entries: [(on: Range<Int>, from: Range<Int>?, to: Range<Int>?, note: Range<Int>, source: Range<Int>)] = []
            var updates: [UpdateBytes] = []
            func copy(_ bytes: UnsafeRawBufferPointer?) -> Range<Int>? {
                guard let bytes else { return nil }
                let start = storage.count
                storage.append(bytes)
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
                if window == 1 || id >= windowEnd {
                    windowEnd = id < Int64.max - window ? id + window : Int64.max
                    sqlite3_reset(history)
                    sqlite3_bind_int64(history, 1, id)
                    sqlite3_bind_int64(history, 2, windowEnd)
                    historyCode = sqlite3_step(history)
                }
                storage.removeAll()
                entries.removeAll(keepingCapacity: true)
                // Rows before this commitment's belong to no exported commitment.
                while historyCode == SQLITE_ROW && sqlite3_column_int64(history, 0) < id {
                    historyCode = sqlite3_step(history)
                }
                while historyCode == SQLITE_ROW && sqlite3_column_int64(history, 0) == id {
                    entries.append((
                        on: copy(text(history, 1)) ?? 0..<0, from: copy(optionalText(history, 2)),
                        to: copy(optionalText(history, 3)), note: copy(text(history, 4)) ?? 0..<0,
                        source: copy(text(history, 5)) ?? 0..<0))
                    historyCode = sqlite3_step(history)
                }
                guard historyCode == SQLITE_ROW || historyCode == SQLITE_DONE else { throw stepError(history, historyCode) }
                // The buffer no longer moves: slice it.
                let buffer = storage.bytes
                func slice(_ range: Range<Int>) -> UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: buffer[range]) }
                updates.removeAll(keepingCapacity: true)
                for entry in entries {
                    updates.append(UpdateBytes(
                        on: slice(entry.on), fromStatus: entry.from.map(slice), toStatus: entry.to.map(slice),
                        note: slice(entry.note), source: slice(entry.source)))
                }
                try body(row, updates)
            }
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

/// A NOT NULL text column's bytes, valid until the statement steps again.
///
/// Read through the column's value: each `sqlite3_column_*` call locks and checks the
/// connection again, which cost a tenth of SQLite's time in an export. (SQLite calls such a
/// value unprotected: safe because the connection is used by one thread at a time.)
private func text(_ statement: OpaquePointer, _ index: Int32) -> UnsafeRawBufferPointer {
    bytes(of: sqlite3_column_value(statement, index))
}

/// A text column's bytes, or nil for NULL.
private func optionalText(_ statement: OpaquePointer, _ index: Int32) -> UnsafeRawBufferPointer? {
    let value = sqlite3_column_value(statement, index)
    return sqlite3_value_type(value) == SQLITE_NULL ? nil : bytes(of: value)
}

/// A value's text (empty if SQLite could not provide it).
private func bytes(of value: OpaquePointer?) -> UnsafeRawBufferPointer {
    let pointer = sqlite3_value_text(value)
    return UnsafeRawBufferPointer(start: pointer, count: pointer == nil ? 0 : Int(sqlite3_value_bytes(value)))
}

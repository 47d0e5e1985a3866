import AccordCore
import AccordRows
import Foundation
import GRDB
#if canImport(GRDBSQLite)
import GRDBSQLite
#else
import SQLite3
#endif

/// Steps the report's statement (and its history statement) and packs rows into batches.
final class RowReader {
    private let statement: OpaquePointer
    private let history: OpaquePointer?
    private let historyWindow: Int64
    private var windowEnd = Int64.min
    private var historyCode = SQLITE_DONE

    init(statement: OpaquePointer, history: OpaquePointer?, historyWindow: Int64) {
        self.statement = statement
        self.history = history
        self.historyWindow = historyWindow
    }

    /// Fills `batch` until it is full or the rows run out (then marks it last).
    func fill(_ batch: inout RowBatch) throws {
        while !batch.isFull {
            let code = sqlite3_step(statement)
            if code == SQLITE_DONE {
                batch.isLast = true
                return
            }
            guard code == SQLITE_ROW else { throw stepError(statement, code) }
            let id = sqlite3_column_int64(statement, 0)
            batch.beginRow(id: id)
            for column in CommitmentColumn.allCases {
                batch.add(field(statement, Int32(column.rawValue) + 1))
            }
            if let history { try readHistory(of: id, history, into: &batch) }
        }
    }

    private func readHistory(of id: Int64, _ history: OpaquePointer, into batch: inout RowBatch) throws {
        if historyWindow == 1 || id >= windowEnd {
            windowEnd = id < Int64.max - historyWindow ? id + historyWindow : Int64.max
            sqlite3_reset(history)
            sqlite3_bind_int64(history, 1, id)
            sqlite3_bind_int64(history, 2, windowEnd)
            historyCode = sqlite3_step(history)
        }
        // Rows before this commitment's belong to no commitment being read.
        while historyCode == SQLITE_ROW && sqlite3_column_int64(history, 0) < id {
            historyCode = sqlite3_step(history)
        }
        while historyCode == SQLITE_ROW && sqlite3_column_int64(history, 0) == id {
            batch.beginHistoryEntry()
            for column in UpdateColumn.allCases { batch.add(field(history, Int32(column.rawValue) + 1)) }
            historyCode = sqlite3_step(history)
        }
        guard historyCode == SQLITE_ROW || historyCode == SQLITE_DONE else { throw stepError(history, historyCode) }
    }
}


/// The error of a failed step, with SQLite's message.
func stepError(_ statement: OpaquePointer, _ code: Int32) -> DatabaseError {
    DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(sqlite3_db_handle(statement))))
}

/// A column's bytes, or nil for NULL, valid until the statement steps again. Read through the
/// column's value: each `sqlite3_column_*` call locks and checks the connection again, which
/// cost a tenth of SQLite's time in an export. (SQLite calls such a value unprotected: safe
/// because the connection is used by one thread at a time.)
func field(_ statement: OpaquePointer, _ index: Int32) -> UnsafeRawBufferPointer? {
    let value = sqlite3_column_value(statement, index)
    guard sqlite3_value_type(value) != SQLITE_NULL else { return nil }
    let pointer = sqlite3_value_text(value)
    return UnsafeRawBufferPointer(start: pointer, count: pointer == nil ? 0 : Int(sqlite3_value_bytes(value)))
}

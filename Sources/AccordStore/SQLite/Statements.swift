import AccordCore
import AccordRows
import Foundation
import GRDB
#if canImport(GRDBSQLite)
import GRDBSQLite
#else
import SQLite3
#endif

// MARK: - Executing inserts

/// A value bound to a statement parameter.
enum SQLArgument {
    case integer(Int64)
    case text(String)
    case null

    /// Text, or NULL for nil.
    init(_ text: String?) {
        self = text.map(SQLArgument.text) ?? .null
    }
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


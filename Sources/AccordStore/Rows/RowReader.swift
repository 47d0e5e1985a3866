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
///
/// For a report as of a past day, a commitment whose history goes on after that day is
/// replayed through the domain (``Commitment/state(on:)``) from its whole history, read by
/// `replay`; the others are packed from their columns as they are.
final class RowReader {
    private let statement: OpaquePointer
    private let history: OpaquePointer?
    private let historyWindow: Int64
    private var windowEnd = Int64.min
    private var historyCode = SQLITE_DONE
    /// The past day reported on, and the statement reading one commitment's whole history.
    private let past: (day: CalendarDate, text: [UInt8], replay: OpaquePointer)?
    /// One commitment being replayed.
    private var scratch = RowBatch()

    init(statement: OpaquePointer, history: OpaquePointer?, historyWindow: Int64,
         past: (day: CalendarDate, replay: OpaquePointer)? = nil) {
        self.statement = statement
        self.history = history
        self.historyWindow = historyWindow
        self.past = past.map { ($0.day, Array($0.day.description.utf8), $0.replay) }
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
            if let past, let lastUpdate = field(statement, Int32(CommitmentColumn.lastUpdateOn.rawValue) + 1),
               lastUpdate.lexicographicallyPrecedes(past.text) == false && !lastUpdate.elementsEqual(past.text) {
                try replay(id, on: past.day, with: past.replay, into: &batch)
                continue
            }
            batch.beginRow(id: id)
            for column in CommitmentColumn.allCases {
                batch.add(field(statement, Int32(column.rawValue) + 1))
            }
            if let history { try readHistory(of: id, history, into: &batch) }
        }
    }

    /// Packs the commitment of the current row as it stood on `day`, replayed from its whole
    /// history.
    private func replay(_ id: Int64, on day: CalendarDate, with replay: OpaquePointer, into batch: inout RowBatch) throws {
        scratch.removeAll()
        scratch.beginRow(id: id)
        for column in CommitmentColumn.allCases { scratch.add(field(statement, Int32(column.rawValue) + 1)) }
        sqlite3_reset(replay)
        sqlite3_bind_int64(replay, 1, id)
        var code = sqlite3_step(replay)
        while code == SQLITE_ROW {
            scratch.beginHistoryEntry()
            for column in UpdateColumn.allCases { scratch.add(field(replay, Int32(column.rawValue) + 1)) }
            code = sqlite3_step(replay)
        }
        guard code == SQLITE_DONE else { throw stepError(replay, code) }
        let commitment = try scratch.withFirstRow { try Commitment(row: $0) }
        // The query left out commitments made after the day.
        guard let state = commitment.state(on: day) else { return }
        batch.add(state, includeHistory: history != nil)
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

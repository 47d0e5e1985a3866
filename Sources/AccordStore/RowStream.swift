import AccordCore
import Foundation
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
    /// SQLite steps on a second thread while `body` formats the rows already read on this one:
    /// reading and formatting each take about half of an export's time.
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
            // Keep the GRDB statements alive: releasing one finalizes its SQLite statement.
            let prepared = try request.makePreparedRequest(db).statement
            let historyStatement = includeHistory ? try db.cachedStatement(sql: Self.historySQL) : nil
            let reader = RowReader(
                statement: prepared.sqliteStatement, history: historyStatement?.sqliteStatement,
                // Without a filter, commitments come in id order and nearly all histories are
                // wanted: one search covers a window of ids. Otherwise (filtered, or in deadline
                // order) each commitment gets its own search, so that no unwanted history is read.
                historyWindow: filter == CommitmentFilter() ? Self.historyWindow : 1)
            defer {
                sqlite3_reset(prepared.sqliteStatement)
                if let history = historyStatement?.sqliteStatement { sqlite3_reset(history) }
                withExtendedLifetime((prepared, historyStatement)) {}
            }
            try RowPipeline(reader: reader).run(body)
        }
    }
}

// MARK: - Reading rows into batches

/// Rows packed into one buffer: the unit handed from the reading thread to the formatting one.
/// Each row is its id (8 bytes), its number of history entries (4), then its 14 fields and
/// 5 per entry, each a length (4 bytes, -1 for NULL) and the bytes. A struct, filled through
/// `inout`: a class's stored properties, changed field by field, cost a run-time exclusivity
/// check each, and an array per field list a uniqueness check per append.
struct RowBatch {
    let bytes = ByteBuffer(capacity: RowBatch.targetSize + 4096)
    /// Where the current row's count of history entries is.
    private var historyCountOffset = 0
    /// Set on the last batch.
    var isLast = false
    /// Why reading stopped early, for the formatting thread to throw.
    var error: (any Error)?

    /// Bytes after which a batch is handed over (it grows to hold a single larger row).
    static let targetSize = 1 << 17

    var isFull: Bool { bytes.count >= Self.targetSize }

    mutating func removeAll() {
        bytes.removeAll()
        isLast = false
        error = nil
    }

    mutating func beginRow(id: Int64) {
        bytes.appendRaw(id)
        historyCountOffset = bytes.count
        bytes.appendRaw(Int32(0))
    }

    func addHistoryEntry() {
        bytes.storeRaw(bytes.loadRaw(Int32.self, at: historyCountOffset) + 1, at: historyCountOffset)
    }

    func add(_ field: UnsafeRawBufferPointer?) {
        guard let field else {
            bytes.appendRaw(Int32(-1))
            return
        }
        bytes.appendRaw(Int32(field.count))
        bytes.append(field)
    }

    /// Calls `body` with each row as the store's callback receives it.
    func forEachRow(_ body: (CommitmentBytes, [UpdateBytes]) throws -> Void) throws {
        let base = bytes.bytes
        var offset = 0
        func optionalText() -> UnsafeRawBufferPointer? {
            let count = Int(base.loadUnaligned(fromByteOffset: offset, as: Int32.self))
            offset += 4
            guard count >= 0 else { return nil }
            defer { offset += count }
            return UnsafeRawBufferPointer(rebasing: base[offset..<offset + count])
        }
        func text() -> UnsafeRawBufferPointer {
            optionalText() ?? UnsafeRawBufferPointer(start: nil, count: 0)
        }
        var updates: [UpdateBytes] = []
        while offset < base.count {
            let id = base.loadUnaligned(fromByteOffset: offset, as: Int64.self)
            let historyCount = Int(base.loadUnaligned(fromByteOffset: offset + 8, as: Int32.self))
            offset += 12
            // In the order RowReader wrote them (arguments are evaluated left to right).
            let commitment = CommitmentBytes(
                id: id, uid: text(), title: text(), quote: text(), status: text(), parties: text(), owners: text(),
                tags: text(), madeOn: text(), occasion: text(), source: text(), due: optionalText(),
                dueBy: optionalText(), statusChangedOn: text(), lastUpdateOn: text())
            updates.removeAll(keepingCapacity: true)
            for _ in 0..<historyCount {
                updates.append(UpdateBytes(
                    on: text(), fromStatus: optionalText(), toStatus: optionalText(), note: text(), source: text()))
            }
            try body(commitment, updates)
        }
    }
}

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
            // uid … source, then due and due_by (nullable), status_changed_on, last_update_on.
            for column in Int32(1)...10 { batch.add(text(statement, column)) }
            batch.add(optionalText(statement, 11))
            batch.add(optionalText(statement, 12))
            batch.add(text(statement, 13))
            batch.add(text(statement, 14))
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
            batch.addHistoryEntry()
            batch.add(text(history, 1))
            batch.add(optionalText(history, 2))
            batch.add(optionalText(history, 3))
            batch.add(text(history, 4))
            batch.add(text(history, 5))
            historyCode = sqlite3_step(history)
        }
        guard historyCode == SQLITE_ROW || historyCode == SQLITE_DONE else { throw stepError(history, historyCode) }
    }
}

/// Runs a ``RowReader`` on its own thread, two batches ahead at most, while the calling thread
/// formats. The connection is used by the reading thread alone until it finishes: SQLite's
/// multi-thread mode allows that, and GRDB's transaction is opened before and closed after.
///
/// The batches change hands through the `free` and `filled` semaphores, which order every
/// access to them; the cancellation flag has its lock. Hence `@unchecked Sendable`.
final class RowPipeline: @unchecked Sendable {
    private let reader: RowReader
    /// Two boxes, so that each thread holds its own batch.
    private final class Box {
        var batch = RowBatch()
    }

    private let batches = [Box(), Box()]
    /// (Created empty and signalled once per batch: libdispatch traps when a semaphore is
    /// released below the value it was created with.)
    private let free = DispatchSemaphore(value: 0)
    private let filled = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)
    /// Set by the formatting thread when it stops early; the reading thread then stops too.
    private var isCancelled: Bool {
        get { cancellationLock.withLock { cancelled } }
        set { cancellationLock.withLock { cancelled = newValue } }
    }
    private var cancelled = false
    private let cancellationLock = NSLock()

    init(reader: RowReader) {
        self.reader = reader
        for _ in batches { free.signal() }
    }

    func run(_ body: (CommitmentBytes, [UpdateBytes]) throws -> Void) throws {
        let thread = Thread { [self] in
            read()
            finished.signal()
        }
        thread.start()
        defer { finished.wait() }
        var index = 0
        while true {
            filled.wait()
            let box = batches[index % 2]
            do {
                try box.batch.forEachRow(body)
                if let error = box.batch.error { throw error }
            } catch {
                isCancelled = true
                free.signal()
                throw error
            }
            if box.batch.isLast { return }
            free.signal()
            index += 1
        }
    }

    /// The reading thread: fills the batches in turn until the rows run out or an error.
    private func read() {
        var index = 0
        while true {
            free.wait()
            if isCancelled { return }
            let box = batches[index % 2]
            box.batch.removeAll()
            do {
                try reader.fill(&box.batch)
            } catch {
                box.batch.error = error
                box.batch.isLast = true
            }
            let isLast = box.batch.isLast
            filled.signal()
            if isLast { return }
            index += 1
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

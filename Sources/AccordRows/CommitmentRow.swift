import AccordCore
import Foundation

/// A stored commitment as the raw UTF-8 text of its columns, handed to a closure by the store
/// (or by ``Commitment/withRow(_:)``): reports and exports format it straight into an output
/// buffer, without building strings or domain values for every row.
///
/// A row is valid only inside the closure it was handed to. Its bytes are reachable only
/// inside ``withUnsafeBytes(of:_:)``: do not escape the pointer.
public struct CommitmentRow {
    /// The commitment's id.
    public let id: Int64
    /// How many history entries follow the fields (none when read without history).
    public let historyCount: Int
    /// The first field's length prefix, inside the batch that owns the row.
    @usableFromInline let fields: UnsafeRawPointer
    /// Where each column's length prefix is, from `fields`: found once per row, so that a
    /// formatter reaches any column in one step.
    @usableFromInline let offsets: RowFields.Offsets

    init(id: Int64, historyCount: Int, fields: UnsafeRawPointer) {
        self.id = id
        self.historyCount = historyCount
        self.fields = fields
        offsets = RowFields.Offsets(fields)
    }

    /// Calls `body` with the bytes of `column`, nil for SQL NULL. The pointer is valid only
    /// during `body`: do not escape it.
    @inlinable
    public func withUnsafeBytes<R>(of column: CommitmentColumn, _ body: (UnsafeRawBufferPointer?) throws -> R) rethrows -> R {
        try body(RowFields.field(at: fields + offsets[column.rawValue]))
    }

    /// The text of `column`, nil for SQL NULL.
    public func text(_ column: CommitmentColumn) -> String? {
        withUnsafeBytes(of: column) { $0.map { String(decoding: $0, as: UTF8.self) } }
    }

    /// Calls `body` with each history entry, oldest first.
    public func forEachUpdate(_ body: (UpdateRow) throws -> Void) rethrows {
        var next = fields + offsets.end
        for _ in 0..<historyCount {
            let entry = UpdateRow(fields: next)
            try body(entry)
            next = RowFields.end(of: UpdateColumn.allCases.count, from: next)
        }
    }

    /// Where the next row of the batch begins.
    var end: UnsafeRawPointer {
        var next = fields + offsets.end
        for _ in 0..<historyCount { next = RowFields.end(of: UpdateColumn.allCases.count, from: next) }
        return next
    }

    // MARK: - Typed values, read through the domain's parsers

    /// The status; a name the domain does not know is an error, never a default.
    public func status() throws -> Status {
        try withUnsafeBytes(of: .status) { try RowFields.status($0, column: CommitmentColumn.status.name) }
    }

    /// The last day of the deadline, if any.
    public func dueBy() throws -> CalendarDate? {
        try withUnsafeBytes(of: .dueBy) { bytes in try bytes.map { try RowFields.date($0, column: CommitmentColumn.dueBy.name) } }
    }

    /// The day the current status was set.
    public func statusChangedOn() throws -> CalendarDate {
        try withUnsafeBytes(of: .statusChangedOn) { bytes in
            try RowFields.date(bytes ?? UnsafeRawBufferPointer(start: nil, count: 0), column: CommitmentColumn.statusChangedOn.name)
        }
    }

    /// Where the row stands against its deadline on `day`, by the domain's one rule.
    public func schedule(on day: CalendarDate) throws -> Schedule {
        Commitment.schedule(dueBy: try dueBy(), status: try status(), statusChangedOn: try statusChangedOn(), on: day)
    }

    /// Days past the deadline on `day`, by the domain's one rule; nil when not overdue.
    public func daysOverdue(on day: CalendarDate) throws -> Int? {
        Commitment.daysOverdue(dueBy: try dueBy(), status: try status(), on: day)
    }
}

/// One history entry of a ``CommitmentRow``, valid only where the row is. Its bytes are
/// reachable only inside ``withUnsafeBytes(of:_:)``: do not escape the pointer.
public struct UpdateRow {
    /// The first field's length prefix.
    @usableFromInline let fields: UnsafeRawPointer

    init(fields: UnsafeRawPointer) {
        self.fields = fields
    }

    /// Calls `body` with the bytes of `column`, nil for SQL NULL. The pointer is valid only
    /// during `body`: do not escape it.
    @inlinable
    public func withUnsafeBytes<R>(of column: UpdateColumn, _ body: (UnsafeRawBufferPointer?) throws -> R) rethrows -> R {
        try body(RowFields.field(column.rawValue, from: fields))
    }
}

/// Reading length-prefixed fields (see ``RowBatch``).
@usableFromInline
enum RowFields {
    /// The field whose length prefix is at `position`, nil for NULL.
    @inlinable @inline(__always)
    static func field(at position: UnsafeRawPointer) -> UnsafeRawBufferPointer? {
        let count = Int(position.loadUnaligned(as: Int32.self))
        return count < 0 ? nil : UnsafeRawBufferPointer(start: position + 4, count: count)
    }

    /// Field `index` of the fields that start at `start`, nil for NULL.
    @inlinable @inline(__always)
    static func field(_ index: Int, from start: UnsafeRawPointer) -> UnsafeRawBufferPointer? {
        var position = start
        for _ in 0..<index { position = next(after: position) }
        return field(at: position)
    }

    /// The offsets of a row's column fields from its first one, and where they end: a
    /// fixed-size value, so that a row costs no allocation.
    @usableFromInline
    struct Offsets {
        @usableFromInline var storage: (
            UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32,
            UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32
        ) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)

        init(_ start: UnsafeRawPointer) {
            // One slot per column and one for the end: the tuple must hold them all.
            precondition(CommitmentColumn.allCases.count < 16)
            var position = start
            withUnsafeMutableBytes(of: &storage) { slots in
                for index in 0..<CommitmentColumn.allCases.count {
                    slots.storeBytes(of: UInt32(position - start), toByteOffset: index * 4, as: UInt32.self)
                    position = RowFields.next(after: position)
                }
                slots.storeBytes(of: UInt32(position - start), toByteOffset: 15 * 4, as: UInt32.self)
            }
        }

        /// The offset of column `index`.
        @inlinable @inline(__always)
        subscript(index: Int) -> Int {
            withUnsafeBytes(of: storage) { Int($0.load(fromByteOffset: index * 4, as: UInt32.self)) }
        }

        /// The offset just past the last column.
        var end: Int { self[15] }
    }

    /// Where the field after the one at `position` starts.
    @inlinable @inline(__always)
    static func next(after position: UnsafeRawPointer) -> UnsafeRawPointer {
        position + 4 + max(0, Int(position.loadUnaligned(as: Int32.self)))
    }

    /// Where `count` fields from `start` end.
    static func end(of count: Int, from start: UnsafeRawPointer) -> UnsafeRawPointer {
        var position = start
        for _ in 0..<count { position = next(after: position) }
        return position
    }

    /// A stored `YYYY-MM-DD`: ten bytes of digits and dashes naming a real day, read without
    /// building a string (once or twice per row of every report).
    static func date(_ bytes: UnsafeRawBufferPointer, column: String) throws -> CalendarDate {
        var isWellFormed = bytes.count == 10
        func digits(_ range: Range<Int>) -> Int {
            range.reduce(0) { value, index in
                let digit = bytes[index] &- 48
                if digit > 9 { isWellFormed = false }
                return value * 10 + Int(digit)
            }
        }
        if isWellFormed, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
           case let (year, month, day) = (digits(0..<4), digits(5..<7), digits(8..<10)), isWellFormed,
           let date = CalendarDate(year: year, month: month, day: day) {
            return date
        }
        throw RowError.unreadableValue(column: column, text: String(decoding: bytes, as: UTF8.self))
    }

    /// Each status with its name's bytes.
    private static let statusNames = Status.allCases.map { ($0, Array($0.rawValue.utf8)) }

    /// A stored status name, compared as bytes: building a String per row cost more than the
    /// rest of a report row.
    static func status(_ bytes: UnsafeRawBufferPointer?, column: String) throws -> Status {
        if let bytes, let base = bytes.baseAddress {
            for (status, name) in statusNames where name.count == bytes.count {
                if name.withUnsafeBytes({ memcmp(base, $0.baseAddress ?? base, bytes.count) }) == 0 { return status }
            }
        }
        throw RowError.unreadableValue(column: column, text: bytes.map { String(decoding: $0, as: UTF8.self) } ?? "NULL")
    }
}

import AccordCore
import AccordRows

/// Formats stored rows (``CommitmentRow``) as CSV, TSV, JSON or table cells, straight into a
/// byte buffer. This is the one implementation of every report column; exports of a million
/// rows stream through it at close to the speed of the sqlite3 shell.
public struct RowFormatter {
    /// The columns, in order.
    public let columns: [ReportColumn]
    /// The day that deadline columns are computed for.
    public let asOf: CalendarDate
    /// One cell at a time, for the formats that escape a cell as a whole.
    private let scratch = ByteBuffer()

    /// `"name":` for each column, then the openings of a history entry's members, encoded
    /// once into one buffer (an array of arrays cost a retain and a release per cell).
    private let keys = ByteBuffer(capacity: 512)
    private let keyRanges: [Range<Int>]
    /// The members of a history entry, in the order of ``UpdateColumn``.
    private static let historyKeys = [
        "{\"on\":", ",\"from_status\":", ",\"to_status\":", ",\"note\":", ",\"source\":", ",\"changes\":",
    ]

    /// A formatter of `columns` as of `asOf`.
    public init(columns: [ReportColumn], asOf: CalendarDate) {
        self.columns = columns
        self.asOf = asOf
        var ranges: [Range<Int>] = []
        for name in columns.map({ "\"\($0.rawValue)\":" }) + Self.historyKeys {
            let start = keys.count
            keys.append(name)
            ranges.append(start..<keys.count)
        }
        keyRanges = ranges
    }

    /// Appends the encoded key `index` (a column's, or after them a history member's).
    @inline(__always)
    private func appendKey(_ index: Int, into out: ByteBuffer) {
        keys.withUnsafeBytes { out.append(UnsafeRawBufferPointer(rebasing: $0[keyRanges[index]])) }
    }

    // MARK: - Formats

    /// Appends one CSV record (RFC 4180, CRLF); `guardsFormulas` guards cells against formulas.
    public func appendCSV(_ row: CommitmentRow, guardsFormulas: Bool, into out: ByteBuffer) throws {
        for (index, column) in columns.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            scratch.removeAll()
            try appendText(column, row, into: scratch)
            scratch.withUnsafeBytes { CSV.appendField($0, guardingFormulas: guardsFormulas, into: out) }
        }
        out.append(13)
        out.append(10)
    }

    /// Appends one TSV line: cells are made one line by ``CellText``.
    public func appendTSV(_ row: CommitmentRow, into out: ByteBuffer) throws {
        for (index, column) in columns.enumerated() {
            if index > 0 { out.append(9) }
            let start = out.count
            try appendText(column, row, into: out)
            out.replace(from: start, where: CellText.breaksLine, with: 32)
        }
        out.append(10)
    }

    /// Appends one compact JSON object with the columns' snake_case names.
    public func appendJSON(_ row: CommitmentRow, into out: ByteBuffer) throws {
        out.append(UInt8(ascii: "{"))
        for (index, column) in columns.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            appendKey(index, into: out)
            try appendJSONValue(column, row, into: out)
        }
        out.append(UInt8(ascii: "}"))
    }

    /// Appends the text of column `index` (a table cell: lists joined with `; `, null empty).
    public func appendCell(_ index: Int, _ row: CommitmentRow, into out: ByteBuffer) throws {
        try appendText(columns[index], row, into: out)
    }

    // MARK: - Cells

    /// The cell as plain text: lists joined with `; `, null empty.
    private func appendText(_ column: ReportColumn, _ row: CommitmentRow, into out: ByteBuffer) throws {
        if let stored = column.shownColumn {
            row.withUnsafeBytes(of: stored) { if let bytes = $0 { out.append(bytes) } }
            return
        }
        switch column {
        case .id: ByteFormat.appendInteger(Int(row.id), into: out)
        case .schedule: out.append(try row.schedule(on: asOf).rawValue)
        case .parties: row.withUnsafeBytes(of: .parties) { ByteFormat.appendJoinedList($0, into: out) }
        case .owners: row.withUnsafeBytes(of: .owners) { ByteFormat.appendJoinedList($0, into: out) }
        case .lead: row.withUnsafeBytes(of: .owners) { ByteFormat.appendFirstOfList($0, into: out) }
        case .tags: row.withUnsafeBytes(of: .tags) { ByteFormat.appendJoinedList($0, into: out) }
        case .daysOverdue: if let days = try row.daysOverdue(on: asOf) { ByteFormat.appendInteger(days, into: out) }
        case .daysLeft: if let days = try daysLeft(row) { ByteFormat.appendInteger(days, into: out) }
        case .originalDueBy: if let day = try row.originalDueBy() { out.append(day.description) }
        case .note: appendStatusNote(row, into: out, json: false)
        case .lateAgainstOriginal: if let isLate = try row.isLateAgainstOriginal() { out.append(isLate ? "true" : "false") }
        default: break
        }
    }

    private func appendJSONValue(_ column: ReportColumn, _ row: CommitmentRow, into out: ByteBuffer) throws {
        if let stored = column.shownColumn {
            row.withUnsafeBytes(of: stored) { JSONString.append($0, into: out) }
            return
        }
        switch column {
        case .id: ByteFormat.appendInteger(Int(row.id), into: out)
        // Lists are stored as compact JSON arrays.
        case .parties: row.withUnsafeBytes(of: .parties) { if let bytes = $0 { out.append(bytes) } }
        case .owners: row.withUnsafeBytes(of: .owners) { if let bytes = $0 { out.append(bytes) } }
        case .tags: row.withUnsafeBytes(of: .tags) { if let bytes = $0 { out.append(bytes) } }
        case .lead:
            scratch.removeAll()
            row.withUnsafeBytes(of: .owners) { ByteFormat.appendFirstOfList($0, into: scratch) }
            let hasLead = row.withUnsafeBytes(of: .owners) { ByteFormat.listHasItems($0) }
            scratch.withUnsafeBytes { JSONString.append(hasLead ? $0 : nil, into: out) }
        case .daysOverdue: ByteFormat.appendOptionalInteger(try row.daysOverdue(on: asOf), into: out)
        case .daysLeft: ByteFormat.appendOptionalInteger(try daysLeft(row), into: out)
        case .originalDueBy: out.append(try row.originalDueBy().map { "\"\($0)\"" } ?? "null")
        case .note: appendStatusNote(row, into: out, json: true)
        case .lateAgainstOriginal:
            out.append(try row.isLateAgainstOriginal().map { $0 ? "true" : "false" } ?? "null")
        case .schedule:
            out.append(UInt8(ascii: "\""))
            out.append(try row.schedule(on: asOf).rawValue)
            out.append(UInt8(ascii: "\""))
        case .history:
            out.append(UInt8(ascii: "["))
            let first = columns.count
            var isFirst = true
            row.forEachUpdate { update in
                if !isFirst { out.append(UInt8(ascii: ",")) }
                isFirst = false
                for member in UpdateColumn.allCases {
                    appendKey(first + member.rawValue, into: out)
                    update.withUnsafeBytes(of: member) { bytes in
                        // What an edit changed is stored as a JSON object: copied as it is.
                        if member == .changes, let bytes { out.append(bytes) } else { JSONString.append(bytes, into: out) }
                    }
                }
                out.append(UInt8(ascii: "}"))
            }
            out.append(UInt8(ascii: "]"))
        default: break
        }
    }

    /// The note of the row's latest status change (its history in date order), as text or as
    /// a JSON string.
    private func appendStatusNote(_ row: CommitmentRow, into out: ByteBuffer, json: Bool) {
        var index = -1, found = -1
        row.forEachUpdate { update in
            index += 1
            if update.withUnsafeBytes(of: .toStatus, { $0 != nil }) { found = index }
        }
        index = -1
        var written = false
        row.forEachUpdate { update in
            index += 1
            guard index == found else { return }
            update.withUnsafeBytes(of: .note) { bytes in
                if json { JSONString.append(bytes, into: out) } else if let bytes { out.append(bytes) }
            }
            written = true
        }
        if json && !written { out.append("null") }
    }

    /// Days until the deadline on the as-of day.
    private func daysLeft(_ row: CommitmentRow) throws -> Int? {
        try row.dueBy().map { asOf.days(to: $0) }
    }
}


/// Formats stored rows (``CommitmentBytes``) as CSV, TSV, JSON or table cells, straight into a
/// byte buffer. This is the one implementation of every report column; exports of a million
/// rows stream through it at close to the speed of the sqlite3 shell.
public struct RowFormatter {
    public let columns: [ReportColumn]
    public let asOf: CalendarDate
    private var scratch: [UInt8] = []

    /// `"name":` for each column, encoded once.
    private let keys: [[UInt8]]

    public init(columns: [ReportColumn], asOf: CalendarDate) {
        self.columns = columns
        self.asOf = asOf
        keys = columns.map { Array("\"\($0.rawValue)\":".utf8) }
        scratch.reserveCapacity(4096)
    }

    private static let historyKeys = ["{\"on\":", ",\"from_status\":", ",\"to_status\":", ",\"note\":", ",\"source\":"]
        .map { Array($0.utf8) }

    // MARK: - Formats

    /// Appends one CSV record (RFC 4180, CRLF); `neutralise` guards cells against formulas.
    public mutating func appendCSV(_ row: CommitmentBytes, neutralise: Bool, into out: inout [UInt8]) {
        for (index, column) in columns.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            scratch.removeAll(keepingCapacity: true)
            appendText(column, row, into: &scratch)
            ByteFormat.appendCSVField(scratch, neutralise: neutralise, into: &out)
        }
        out.append(13)
        out.append(10)
    }

    /// Appends one TSV line: tabs and line breaks inside cells become spaces.
    public mutating func appendTSV(_ row: CommitmentBytes, into out: inout [UInt8]) {
        for (index, column) in columns.enumerated() {
            if index > 0 { out.append(9) }
            let start = out.count
            appendText(column, row, into: &out)
            for position in start..<out.count where out[position] == 9 || out[position] == 10 || out[position] == 13 {
                out[position] = 32
            }
        }
        out.append(10)
    }

    /// Appends one compact JSON object with the columns' snake_case names.
    public func appendJSON(_ row: CommitmentBytes, history: [UpdateBytes], into out: inout [UInt8]) {
        out.append(UInt8(ascii: "{"))
        for (index, column) in columns.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: keys[index])
            appendJSONValue(column, row, history: history, into: &out)
        }
        out.append(UInt8(ascii: "}"))
    }

    /// The cells of a table row.
    public mutating func cells(_ row: CommitmentBytes) -> [String] {
        columns.map { column in
            scratch.removeAll(keepingCapacity: true)
            appendText(column, row, into: &scratch)
            return String(decoding: scratch, as: UTF8.self)
        }
    }

    // MARK: - Cells

    /// The cell as plain text: lists joined with `; `, null empty.
    private func appendText(_ column: ReportColumn, _ row: CommitmentBytes, into out: inout [UInt8]) {
        switch column {
        case .id: ByteFormat.appendInteger(Int(row.id), into: &out)
        case .uid: ByteFormat.append(row.uid, to: &out)
        case .title: ByteFormat.append(row.title, to: &out)
        case .quote: ByteFormat.append(row.quote, to: &out)
        case .status: ByteFormat.append(row.status, to: &out)
        case .schedule: out.append(contentsOf: schedule(row).rawValue.utf8)
        case .parties: ByteFormat.appendJoinedList(row.parties, into: &out)
        case .owners: ByteFormat.appendJoinedList(row.owners, into: &out)
        case .lead: ByteFormat.appendFirstOfList(row.owners, into: &out)
        case .tags: ByteFormat.appendJoinedList(row.tags, into: &out)
        case .madeOn: ByteFormat.append(row.madeOn, to: &out)
        case .occasion: ByteFormat.append(row.occasion, to: &out)
        case .source: ByteFormat.append(row.source, to: &out)
        case .due: if let due = row.due { ByteFormat.append(due, to: &out) }
        case .dueBy: if let dueBy = row.dueBy { ByteFormat.append(dueBy, to: &out) }
        case .daysOverdue: if let days = daysOverdue(row) { ByteFormat.appendInteger(days, into: &out) }
        case .daysLeft: if let days = daysLeft(row) { ByteFormat.appendInteger(days, into: &out) }
        case .lastUpdateOn: ByteFormat.append(row.lastUpdateOn, to: &out)
        case .history: break
        }
    }

    private func appendJSONValue(_ column: ReportColumn, _ row: CommitmentBytes, history: [UpdateBytes],
                                 into out: inout [UInt8]) {
        switch column {
        case .id: ByteFormat.appendInteger(Int(row.id), into: &out)
        case .parties: ByteFormat.append(row.parties, to: &out)
        case .owners: ByteFormat.append(row.owners, to: &out)
        case .tags: ByteFormat.append(row.tags, to: &out)
        case .lead:
            var lead: [UInt8] = []
            ByteFormat.appendFirstOfList(row.owners, into: &lead)
            if lead.isEmpty && !ByteFormat.listHasItems(row.owners) {
                out.append(contentsOf: "null".utf8)
            } else {
                lead.withUnsafeBytes { ByteFormat.appendJSONString($0, into: &out) }
            }
        case .due: ByteFormat.appendJSONString(row.due, into: &out)
        case .dueBy: ByteFormat.appendJSONString(row.dueBy, into: &out)
        case .daysOverdue: ByteFormat.appendOptionalInteger(daysOverdue(row), into: &out)
        case .daysLeft: ByteFormat.appendOptionalInteger(daysLeft(row), into: &out)
        case .schedule:
            out.append(UInt8(ascii: "\""))
            out.append(contentsOf: schedule(row).rawValue.utf8)
            out.append(UInt8(ascii: "\""))
        case .history:
            out.append(UInt8(ascii: "["))
            for (index, update) in history.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                let keys = Self.historyKeys
                out.append(contentsOf: keys[0])
                ByteFormat.appendJSONString(update.on, into: &out)
                out.append(contentsOf: keys[1])
                ByteFormat.appendJSONString(update.fromStatus, into: &out)
                out.append(contentsOf: keys[2])
                ByteFormat.appendJSONString(update.toStatus, into: &out)
                out.append(contentsOf: keys[3])
                ByteFormat.appendJSONString(update.note, into: &out)
                out.append(contentsOf: keys[4])
                ByteFormat.appendJSONString(update.source, into: &out)
                out.append(UInt8(ascii: "}"))
            }
            out.append(UInt8(ascii: "]"))
        case .uid: ByteFormat.appendJSONString(row.uid, into: &out)
        case .title: ByteFormat.appendJSONString(row.title, into: &out)
        case .quote: ByteFormat.appendJSONString(row.quote, into: &out)
        case .status: ByteFormat.appendJSONString(row.status, into: &out)
        case .madeOn: ByteFormat.appendJSONString(row.madeOn, into: &out)
        case .occasion: ByteFormat.appendJSONString(row.occasion, into: &out)
        case .source: ByteFormat.appendJSONString(row.source, into: &out)
        case .lastUpdateOn: ByteFormat.appendJSONString(row.lastUpdateOn, into: &out)
        }
    }

    // MARK: - Deadline columns, through the domain's one definition

    private func daysOverdue(_ row: CommitmentBytes) -> Int? {
        Commitment.daysOverdue(dueBy: row.dueByDate, status: row.statusValue, on: asOf)
    }

    private func daysLeft(_ row: CommitmentBytes) -> Int? {
        row.dueByDate.map { asOf.days(to: $0) }
    }

    private func schedule(_ row: CommitmentBytes) -> Schedule {
        row.schedule(on: asOf)
    }
}

/// Byte-level escaping for CSV and JSON, and reading the store's JSON lists.
public enum ByteFormat {
    /// Appends raw bytes in one copy (a raw buffer would otherwise be appended byte by byte).
    @inline(__always)
    public static func append(_ bytes: UnsafeRawBufferPointer, to out: inout [UInt8]) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        out.append(contentsOf: UnsafeBufferPointer(start: base.assumingMemoryBound(to: UInt8.self), count: bytes.count))
    }

    /// Appends a CSV field, quoted only when it holds a comma, quote or line break.
    public static func appendCSVField(_ field: [UInt8], neutralise: Bool, into out: inout [UInt8]) {
        var needsQuotes = false
        for byte in field where byte == 44 || byte == 34 || byte == 10 || byte == 13 {
            needsQuotes = true
            break
        }
        let guarded = neutralise && field.first.map(isFormulaStart) == true
        guard needsQuotes else {
            if guarded { out.append(UInt8(ascii: "'")) }
            out.append(contentsOf: field)
            return
        }
        out.append(34)
        if guarded { out.append(UInt8(ascii: "'")) }
        // Copy the runs between quotes in bulk, doubling each quote.
        var start = 0
        for index in field.indices where field[index] == 34 {
            out.append(contentsOf: field[start...index])
            out.append(34)
            start = index + 1
        }
        out.append(contentsOf: field[start...])
        out.append(34)
    }

    /// Whether a cell starting with `byte` would run as a spreadsheet formula (OWASP's
    /// CSV-injection list: `=`, `+`, `-`, `@`, tab, carriage return); such cells get a `'`.
    static func isFormulaStart(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "=") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-")
            || byte == UInt8(ascii: "@") || byte == 9 || byte == 13
    }

    /// Appends a JSON string literal, or `null` for nil.
    public static func appendJSONString(_ text: UnsafeRawBufferPointer?, into out: inout [UInt8]) {
        guard let text else {
            out.append(contentsOf: "null".utf8)
            return
        }
        out.append(34)
        // Copy the runs that need no escaping in bulk; escape the bytes between them.
        var start = 0
        for index in 0..<text.count {
            let byte = text[index]
            guard byte < 32 || byte == 34 || byte == 92 else { continue }
            if index > start { append(UnsafeRawBufferPointer(rebasing: text[start..<index]), to: &out) }
            start = index + 1
            switch byte {
            case 34: out.append(92); out.append(34)
            case 92: out.append(92); out.append(92)
            case 10: out.append(92); out.append(UInt8(ascii: "n"))
            case 13: out.append(92); out.append(UInt8(ascii: "r"))
            case 9: out.append(92); out.append(UInt8(ascii: "t"))
            default:
                out.append(contentsOf: "\\u00".utf8)
                out.append(hexDigit(byte >> 4))
                out.append(hexDigit(byte & 15))
            }
        }
        if text.count > start { append(UnsafeRawBufferPointer(rebasing: text[start..<text.count]), to: &out) }
        out.append(34)
    }

    private static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? 48 + value : 87 + value
    }

    /// Appends a decimal integer.
    public static func appendInteger(_ value: Int, into out: inout [UInt8]) {
        if value < 0 { out.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[count] = UInt8(magnitude % 10) + 48
                magnitude /= 10
                count += 1
            } while magnitude > 0
            for index in stride(from: count - 1, through: 0, by: -1) { out.append(buffer[index]) }
        }
    }

    /// Appends an integer, or `null`.
    public static func appendOptionalInteger(_ value: Int?, into out: inout [UInt8]) {
        if let value { appendInteger(value, into: &out) } else { out.append(contentsOf: "null".utf8) }
    }

    /// Whether a stored JSON list has at least one item.
    public static func listHasItems(_ json: UnsafeRawBufferPointer) -> Bool {
        json.count > 2
    }

    /// Appends a stored JSON list as `a; b`. The store writes lists compactly; values with
    /// escapes take the slower, general path.
    public static func appendJoinedList(_ json: UnsafeRawBufferPointer, into out: inout [UInt8]) {
        guard !json.contains(92) else {
            let values = JSONText.stringArray(String(decoding: json, as: UTF8.self)) ?? []
            out.append(contentsOf: Reports.list(values).utf8)
            return
        }
        // ["US","MX"]: copy what is inside quotes, and write "; " between items.
        var isInside = false
        var isFirst = true
        for byte in json {
            if byte == 34 {
                if !isInside {
                    if !isFirst { out.append(contentsOf: "; ".utf8) }
                    isFirst = false
                }
                isInside.toggle()
            } else if isInside {
                out.append(byte)
            }
        }
    }

    /// Appends the first value of a stored JSON list (the lead owner), or nothing.
    public static func appendFirstOfList(_ json: UnsafeRawBufferPointer, into out: inout [UInt8]) {
        guard !json.contains(92) else {
            let values = JSONText.stringArray(String(decoding: json, as: UTF8.self)) ?? []
            out.append(contentsOf: (values.first ?? "").utf8)
            return
        }
        var isInside = false
        for byte in json {
            if byte == 34 {
                if isInside { return }
                isInside = true
            } else if isInside {
                out.append(byte)
            }
        }
    }
}

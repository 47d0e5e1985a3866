/// Formats stored rows (``CommitmentBytes``) as CSV, TSV, JSON or table cells, straight into a
/// byte buffer. This is the one implementation of every report column; exports of a million
/// rows stream through it at close to the speed of the sqlite3 shell.
public struct RowFormatter {
    public let columns: [ReportColumn]
    public let asOf: CalendarDate
    /// One cell at a time, for the formats that escape a cell as a whole.
    private let scratch = ByteBuffer()

    /// `"name":` for each column, then the openings of a history entry's members, encoded
    /// once into one buffer (an array of arrays cost a retain and a release per cell).
    private let keys = ByteBuffer(capacity: 512)
    private let keyRanges: [Range<Int>]

    public init(columns: [ReportColumn], asOf: CalendarDate) {
        self.columns = columns
        self.asOf = asOf
        let names = columns.map { "\"\($0.rawValue)\":" }
            + ["{\"on\":", ",\"from_status\":", ",\"to_status\":", ",\"note\":", ",\"source\":"]
        var ranges: [Range<Int>] = []
        for name in names {
            let start = keys.count
            keys.append(name)
            ranges.append(start..<keys.count)
        }
        keyRanges = ranges
    }

    /// The encoded key `index` (a column's, or after them a history member's).
    @inline(__always)
    private func key(_ index: Int) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: keys.bytes[keyRanges[index]])
    }

    // MARK: - Formats

    /// Appends one CSV record (RFC 4180, CRLF); `neutralise` guards cells against formulas.
    public func appendCSV(_ row: CommitmentBytes, neutralise: Bool, into out: ByteBuffer) {
        for (index, column) in columns.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            scratch.removeAll()
            appendText(column, row, into: scratch)
            ByteFormat.appendCSVField(scratch.bytes, neutralise: neutralise, into: out)
        }
        out.append(13)
        out.append(10)
    }

    /// Appends one TSV line: tabs and line breaks inside cells become spaces.
    public func appendTSV(_ row: CommitmentBytes, into out: ByteBuffer) {
        for (index, column) in columns.enumerated() {
            if index > 0 { out.append(9) }
            let start = out.count
            appendText(column, row, into: out)
            out.replace(from: start, where: { $0 == 9 || $0 == 10 || $0 == 13 }, with: 32)
        }
        out.append(10)
    }

    /// Appends one compact JSON object with the columns' snake_case names.
    public func appendJSON(_ row: CommitmentBytes, history: [UpdateBytes], into out: ByteBuffer) {
        out.append(UInt8(ascii: "{"))
        for (index, column) in columns.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out.append(key(index))
            appendJSONValue(column, row, history: history, into: out)
        }
        out.append(UInt8(ascii: "}"))
    }

    /// The cells of a table row.
    public func cells(_ row: CommitmentBytes) -> [String] {
        columns.map { column in
            scratch.removeAll()
            appendText(column, row, into: scratch)
            return scratch.string
        }
    }

    // MARK: - Cells

    /// A column that shows one stored text field as it is (nil for SQL NULL), or one that each
    /// format renders in its own way.
    private enum Cell {
        case stored(UnsafeRawBufferPointer?)
        case rendered
    }

    private func cell(_ column: ReportColumn, _ row: CommitmentBytes) -> Cell {
        switch column {
        case .uid: .stored(row.uid)
        case .title: .stored(row.title)
        case .quote: .stored(row.quote)
        case .status: .stored(row.status)
        case .madeOn: .stored(row.madeOn)
        case .occasion: .stored(row.occasion)
        case .source: .stored(row.source)
        case .due: .stored(row.due)
        case .dueBy: .stored(row.dueBy)
        case .lastUpdateOn: .stored(row.lastUpdateOn)
        case .id, .schedule, .parties, .owners, .lead, .tags, .daysOverdue, .daysLeft, .history: .rendered
        }
    }

    /// The cell as plain text: lists joined with `; `, null empty.
    private func appendText(_ column: ReportColumn, _ row: CommitmentBytes, into out: ByteBuffer) {
        if case .stored(let text) = cell(column, row) {
            if let text { out.append(text) }
            return
        }
        switch column {
        case .id: ByteFormat.appendInteger(Int(row.id), into: out)
        case .schedule: out.append(schedule(row).rawValue)
        case .parties: ByteFormat.appendJoinedList(row.parties, into: out)
        case .owners: ByteFormat.appendJoinedList(row.owners, into: out)
        case .lead: ByteFormat.appendFirstOfList(row.owners, into: out)
        case .tags: ByteFormat.appendJoinedList(row.tags, into: out)
        case .daysOverdue: if let days = daysOverdue(row) { ByteFormat.appendInteger(days, into: out) }
        case .daysLeft: if let days = daysLeft(row) { ByteFormat.appendInteger(days, into: out) }
        default: break
        }
    }

    private func appendJSONValue(_ column: ReportColumn, _ row: CommitmentBytes, history: [UpdateBytes],
                                 into out: ByteBuffer) {
        if case .stored(let text) = cell(column, row) {
            ByteFormat.appendJSONString(text, into: out)
            return
        }
        switch column {
        case .id: ByteFormat.appendInteger(Int(row.id), into: out)
        // Lists are stored as compact JSON arrays.
        case .parties: out.append(row.parties)
        case .owners: out.append(row.owners)
        case .tags: out.append(row.tags)
        case .lead:
            if ByteFormat.listHasItems(row.owners) {
                scratch.removeAll()
                ByteFormat.appendFirstOfList(row.owners, into: scratch)
                ByteFormat.appendJSONString(scratch.bytes, into: out)
            } else {
                ByteFormat.appendJSONString(nil, into: out)
            }
        case .daysOverdue: ByteFormat.appendOptionalInteger(daysOverdue(row), into: out)
        case .daysLeft: ByteFormat.appendOptionalInteger(daysLeft(row), into: out)
        case .schedule:
            out.append(UInt8(ascii: "\""))
            out.append(schedule(row).rawValue)
            out.append(UInt8(ascii: "\""))
        case .history:
            out.append(UInt8(ascii: "["))
            let first = columns.count
            for (index, update) in history.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                out.append(key(first))
                ByteFormat.appendJSONString(update.on, into: out)
                out.append(key(first + 1))
                ByteFormat.appendJSONString(update.fromStatus, into: out)
                out.append(key(first + 2))
                ByteFormat.appendJSONString(update.toStatus, into: out)
                out.append(key(first + 3))
                ByteFormat.appendJSONString(update.note, into: out)
                out.append(key(first + 4))
                ByteFormat.appendJSONString(update.source, into: out)
                out.append(UInt8(ascii: "}"))
            }
            out.append(UInt8(ascii: "]"))
        default: break
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
    private static let null: [UInt8] = Array("null".utf8)
    private static let listSeparator: [UInt8] = Array("; ".utf8)

    /// Appends a CSV field, quoted only when it holds a comma, quote or line break.
    public static func appendCSVField(_ field: UnsafeRawBufferPointer, neutralise: Bool, into out: ByteBuffer) {
        let needsQuotes = field.contains { $0 == 44 || $0 == 34 || $0 == 10 || $0 == 13 }
        let guarded = neutralise && field.first.map(isFormulaStart) == true
        guard needsQuotes else {
            if guarded { out.append(UInt8(ascii: "'")) }
            out.append(field)
            return
        }
        out.append(34)
        if guarded { out.append(UInt8(ascii: "'")) }
        // Copy the runs between quotes in bulk, doubling each quote.
        var start = 0
        for index in field.indices where field[index] == 34 {
            out.append(UnsafeRawBufferPointer(rebasing: field[start...index]))
            out.append(34)
            start = index + 1
        }
        out.append(UnsafeRawBufferPointer(rebasing: field[start...]))
        out.append(34)
    }

    /// Whether a cell starting with `byte` would run as a spreadsheet formula (OWASP's
    /// CSV-injection list: `=`, `+`, `-`, `@`, tab, carriage return); such cells get a `'`.
    static func isFormulaStart(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "=") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-")
            || byte == UInt8(ascii: "@") || byte == 9 || byte == 13
    }

    /// Appends a JSON string literal, or `null` for nil.
    public static func appendJSONString(_ text: UnsafeRawBufferPointer?, into out: ByteBuffer) {
        guard let text else {
            out.append(null)
            return
        }
        // At most six bytes (\u00XX) for each byte, and the quotes.
        out.appendUnsafe(maxCount: 6 * text.count + 2) { start in
            var end = start
            end.pointee = 34
            end += 1
            if let source = text.baseAddress?.assumingMemoryBound(to: UInt8.self) {
                var index = 0
                let count = text.count
                // Eight bytes at a time while they need no escaping, then byte by byte.
                while index < count {
                    if index + 8 <= count {
                        let word = UnsafeRawPointer(source + index).loadUnaligned(as: UInt64.self)
                        if !mayNeedEscaping(word) {
                            UnsafeMutableRawPointer(end).storeBytes(of: word, as: UInt64.self)
                            index += 8
                            end += 8
                            continue
                        }
                    } else if count >= 8 && index > 0 {
                        // The last few bytes: test the final eight, overlapping bytes already
                        // written; if none needs escaping, the overlap went out verbatim and
                        // writing the eight again over it finishes the string.
                        let word = UnsafeRawPointer(source + count - 8).loadUnaligned(as: UInt64.self)
                        if !mayNeedEscaping(word) {
                            UnsafeMutableRawPointer(end - (8 - (count - index))).storeBytes(of: word, as: UInt64.self)
                            end += count - index
                            index = count
                            continue
                        }
                    }
                    let byte = source[index]
                    index += 1
                    if byte >= 32 && byte != 34 && byte != 92 {
                        end.pointee = byte
                        end += 1
                        continue
                    }
                    end[0] = 92
                    switch byte {
                    case 34, 92: end[1] = byte
                    case 10: end[1] = UInt8(ascii: "n")
                    case 13: end[1] = UInt8(ascii: "r")
                    case 9: end[1] = UInt8(ascii: "t")
                    default:
                        end[1] = UInt8(ascii: "u")
                        end[2] = 48
                        end[3] = 48
                        end[4] = hexDigit(byte >> 4)
                        end[5] = hexDigit(byte & 15)
                        end += 4
                    }
                    end += 2
                }
            }
            end.pointee = 34
            return end + 1 - start
        }
    }

    /// Whether any of the eight bytes of `word` may be a control character, a quote or a
    /// backslash (never false when one is; the byte loop then decides).
    @inline(__always)
    static func mayNeedEscaping(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highBits: UInt64 = 0x8080_8080_8080_8080
        // A byte below 0x20, then a zero byte after XOR with a quote or a backslash (the
        // classic "has less than" and "has zero byte" tests).
        let control = (word &- ones &* 0x20) & ~word
        let quote = word ^ (ones &* 0x22)
        let backslash = word ^ (ones &* 0x5C)
        let matches = control | ((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash)
        return matches & highBits != 0
    }

    private static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? 48 + value : 87 + value
    }

    /// Appends a decimal integer.
    public static func appendInteger(_ value: Int, into out: ByteBuffer) {
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
    public static func appendOptionalInteger(_ value: Int?, into out: ByteBuffer) {
        if let value { appendInteger(value, into: out) } else { out.append(null) }
    }

    /// Whether a stored JSON list has at least one item.
    public static func listHasItems(_ json: UnsafeRawBufferPointer) -> Bool {
        json.count > 2
    }

    /// Appends a stored JSON list as `a; b`. The store writes lists compactly; values with
    /// escapes take the slower, general path.
    public static func appendJoinedList(_ json: UnsafeRawBufferPointer, into out: ByteBuffer) {
        guard !json.contains(92) else {
            let values = JSONText.stringArray(String(decoding: json, as: UTF8.self)) ?? []
            out.append(Reports.list(values))
            return
        }
        // ["US","MX"]: copy what is inside quotes, and write "; " between items.
        var isInside = false
        var isFirst = true
        for byte in json {
            if byte == 34 {
                if !isInside {
                    if !isFirst { out.append(listSeparator) }
                    isFirst = false
                }
                isInside.toggle()
            } else if isInside {
                out.append(byte)
            }
        }
    }

    /// Appends the first value of a stored JSON list (the lead owner), or nothing.
    public static func appendFirstOfList(_ json: UnsafeRawBufferPointer, into out: ByteBuffer) {
        guard !json.contains(92) else {
            let values = JSONText.stringArray(String(decoding: json, as: UTF8.self)) ?? []
            out.append(values.first ?? "")
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

import AccordCore
import AccordRows

/// RFC 4180 reading and writing, pure over bytes and strings so it streams and tests without
/// files.
public enum CSV {
    /// Encodes one record as RFC 4180 says (CRLF at the end); `guardingFormulas` as in
    /// ``appendField(_:guardingFormulas:into:)``.
    public static func record(_ fields: [String], guardingFormulas: Bool = false) -> String {
        let out = ByteBuffer()
        for (index, field) in fields.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            var field = field
            field.withUTF8 { appendField(UnsafeRawBufferPointer($0), guardingFormulas: guardingFormulas, into: out) }
        }
        out.append(13)
        out.append(10)
        return out.string
    }

    /// Appends a CSV field, quoted only when it holds a comma, quote or line break: the one
    /// CSV quoter. With `guardingFormulas`, a cell a spreadsheet would run (or one that starts
    /// with `'`) gets a leading `'`, which ``unguarded(_:)`` removes on import.
    public static func appendField(_ field: UnsafeRawBufferPointer, guardingFormulas: Bool, into out: ByteBuffer) {
        let needsQuotes = field.contains { $0 == 44 || $0 == 34 || $0 == 10 || $0 == 13 }
        let guarded = guardingFormulas && field.first.map(isGuarded) == true
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
    /// CSV-injection list: `=`, `+`, `-`, `@`, tab, carriage return).
    static func isFormulaStart(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "=") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-")
            || byte == UInt8(ascii: "@") || byte == 9 || byte == 13
    }

    /// Whether the guard puts a `'` before a cell starting with `byte`: a formula start, or a
    /// `'` itself, so that the guard is a reversible escape (``unguarded(_:)``).
    static func isGuarded(_ byte: UInt8) -> Bool {
        isFormulaStart(byte) || byte == UInt8(ascii: "'")
    }

    /// A guarded cell's value: removes exactly the `'` the guard added (one before a formula
    /// start or another `'`), so that a guarded export imports back unchanged.
    public static func unguarded(_ cell: String) -> String {
        let bytes = cell.utf8
        guard bytes.count >= 2, bytes.first == UInt8(ascii: "'"),
              isGuarded(bytes[bytes.index(after: bytes.startIndex)]) else { return cell }
        return String(cell.dropFirst())
    }
}

/// A streaming RFC 4180 parser: feed it bytes as they are read, and it hands back whole
/// records with the line each began on.
///
/// It accepts CRLF and LF line endings, quoted fields with doubled quotes and line breaks, and
/// skips a UTF-8 byte-order mark at the very start. It rejects, naming the line: a quote inside
/// an unquoted field, text after a closing quote, an unterminated quoted field, NUL bytes and
/// invalid UTF-8.
public struct CSVParser: Sendable {
    private enum State: Sendable { case fieldStart, unquoted, quoted, quoteInQuoted, afterCR }

    private var state = State.fieldStart
    private var field: [UInt8] = []
    private var record: [String] = []
    private var line = 1
    private var recordLine = 1
    private var quoteLine = 1
    private var isAtStart = true
    private var bomBytesSeen = 0
    /// The byte between fields: `,` (RFC 4180), `;` (spreadsheets in many locales) or TAB.
    private let separator: UInt8
    /// Whether `"` quotes fields (CSV), or is a plain character (the TSV Accord writes).
    private let quotes: Bool

    /// Creates a parser at the start of a file whose fields are separated by `separator`.
    public init(separator: UInt8 = UInt8(ascii: ","), quotes: Bool = true) {
        self.separator = separator
        self.quotes = quotes
    }

    /// The separator a header line uses: the most frequent of `,`, `;` and TAB outside quotes
    /// (a comma when none appears).
    public static func separator(ofHeader bytes: [UInt8]) -> UInt8 {
        var counts: [UInt8: Int] = [:]
        var isQuoted = false
        for byte in bytes {
            if byte == 10 || byte == 13 { if !isQuoted { break } }
            if byte == UInt8(ascii: "\"") { isQuoted.toggle() }
            if !isQuoted, byte == UInt8(ascii: ",") || byte == UInt8(ascii: ";") || byte == 9 { counts[byte, default: 0] += 1 }
        }
        return counts.max { ($0.value, $0.key == UInt8(ascii: ",") ? 1 : 0) < ($1.value, $1.key == UInt8(ascii: ",") ? 1 : 0) }?.key
            ?? UInt8(ascii: ",")
    }

    /// Parses a chunk, calling `emit` with each complete record and the line it began on.
    public mutating func parse(
        _ bytes: [UInt8], emit: ([String], Int) throws -> Void
    ) throws {
        // A concrete array, walked through its buffer: a generic sequence here was not
        // specialised across the module boundary and cost a tenth of a whole import.
        try bytes.withUnsafeBufferPointer { buffer in try parse(buffer, emit: emit) }
    }

    /// Parses bytes from a buffer.
    public mutating func parse(
        _ bytes: UnsafeBufferPointer<UInt8>, emit: ([String], Int) throws -> Void
    ) throws {
        for byte in bytes {
            if isAtStart {
                // The UTF-8 byte-order mark EF BB BF is not part of the first header.
                let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
                if bomBytesSeen < 3 && byte == bom[bomBytesSeen] {
                    bomBytesSeen += 1
                    if bomBytesSeen == 3 { isAtStart = false }
                    continue
                }
                if bomBytesSeen > 0 {
                    throw AccordError.malformedFile(place: "line 1", reason: "invalid UTF-8")
                }
                isAtStart = false
            }
            if byte == 0 {
                throw AccordError.malformedFile(place: "line \(line)", reason: "NUL byte in the file")
            }
            try consume(byte, emit: emit)
        }
    }

    /// Ends the input: emits the last record if it had no line break, or throws if a quoted
    /// field was never closed.
    public mutating func finish(emit: ([String], Int) throws -> Void) throws {
        switch state {
        case .quoted:
            throw AccordError.malformedFile(place: "line \(quoteLine)", reason: "a quoted field is never closed")
        case .fieldStart where record.isEmpty:
            return
        case .afterCR:
            return
        default:
            try endRecord(emit: emit)
        }
    }

    private mutating func consume(_ byte: UInt8, emit: ([String], Int) throws -> Void) throws {
        let quote = UInt8(ascii: "\""), comma = separator, cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")
        switch state {
        case .afterCR:
            state = .fieldStart
            if byte == lf { return }
            try consume(byte, emit: emit)
        case .fieldStart, .unquoted:
            switch byte {
            case quote where quotes && state == .fieldStart:
                state = .quoted
                quoteLine = line
            case quote where quotes:
                throw AccordError.malformedFile(
                    place: "line \(line)",
                    reason: "a quote inside an unquoted field (quote the whole field and double the quote)")
            case comma, cr, lf:
                try endField(with: byte, emit: emit)
            default:
                try append(byte)
                state = .unquoted
            }
        case .quoted:
            if byte == quote {
                state = .quoteInQuoted
            } else {
                if byte == lf { line += 1 }
                try append(byte)
            }
        case .quoteInQuoted:
            switch byte {
            case quote:
                try append(quote)
                state = .quoted
            case comma, cr, lf:
                try endField(with: byte, emit: emit)
            default:
                throw AccordError.malformedFile(place: "line \(line)", reason: "text after the closing quote of a field")
            }
        }
    }

    /// Adds a byte to the field, refusing a field longer than any column holds before it
    /// fills the memory.
    private mutating func append(_ byte: UInt8) throws {
        guard field.count < ImportLimits.csvFieldBytes else {
            throw AccordError.malformedFile(
                place: "line \(line)", reason: ImportLimits.tooLong("a field", ImportLimits.csvFieldBytes))
        }
        field.append(byte)
    }

    /// Ends the field at a comma, or the record at a line break (CR, LF; the LF of a CRLF is
    /// skipped in `.afterCR`).
    private mutating func endField(with separator: UInt8, emit: ([String], Int) throws -> Void) throws {
        if separator == self.separator {
            try endField()
            state = .fieldStart
            return
        }
        try endRecord(emit: emit)
        line += 1
        state = separator == UInt8(ascii: "\r") ? .afterCR : .fieldStart
    }

    private mutating func endField() throws {
        guard let text = String(validating: field, as: UTF8.self) else {
            throw AccordError.malformedFile(place: "line \(line)", reason: "invalid UTF-8")
        }
        record.append(text)
        field.removeAll(keepingCapacity: true)
    }

    private mutating func endRecord(emit: ([String], Int) throws -> Void) throws {
        try endField()
        let fields = record
        record.removeAll(keepingCapacity: true)
        let startLine = recordLine
        recordLine = line + 1
        try emit(fields, startLine)
    }
}

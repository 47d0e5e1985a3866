import Foundation

/// The checks every text field goes through, written once for `add`, `edit` and `import`.
public enum Field {
    /// Trims a title and checks that it is one non-empty line of bounded length.
    public static func checkedTitle(_ text: String) throws(AccordError) -> String {
        let title = try checkedText(text, field: "title", limit: Commitment.Limit.title)
        guard !title.isEmpty else { throw .emptyField("title") }
        return title
    }

    /// Trims surrounding white space and rejects NUL and control characters (newlines and tabs
    /// are allowed in multi-line fields) and texts over `limit` characters.
    public static func checkedText(
        _ text: String, field: String, limit: Int, multiline: Bool = false
    ) throws(AccordError) -> String {
        // A carriage return would let a stored text rewrite a line on a terminal: in multi-line
        // fields, CR LF and lone CR become LF.
        let text = multiline && text.utf8.contains(13)
            ? text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n") : text
        let trimmed = trimmed(text)
        // UTF-8 length bounds the count of characters: count them only when it might matter.
        if trimmed.utf8.count > limit {
            let count = trimmed.unicodeScalars.count
            guard count <= limit else { throw .fieldTooLong(field, count, limit) }
        }
        // Control characters, scanned as UTF-8: C0 and DEL, C1 (C2 80–9F), U+2028/2029 (E2 80 A8/A9).
        var previous: (UInt8, UInt8) = (0, 0)
        for byte in trimmed.utf8 {
            let isControl: Bool
            switch byte {
            case 9, 10: isControl = !multiline
            case 0..<32, 127: isControl = true
            case 0x80...0x9F where previous.1 == 0xC2: isControl = true
            case 0xA8...0xA9 where previous == (0xE2, 0x80): isControl = true
            default: isControl = false
            }
            if isControl { throw .invalidCharacters(field, text) }
            previous = (previous.1, byte)
        }
        return trimmed
    }

    /// `text` without leading and trailing white space (Unicode White_Space, newlines
    /// included); the same string, not a copy, when there is none.
    public static func trimmed(_ text: String) -> String {
        // Printable ASCII at both ends (the common case) needs no Unicode property lookups.
        guard let firstByte = text.utf8.first, let lastByte = text.utf8.last else { return text }
        if (0x21..<0x7F).contains(firstByte) && (0x21..<0x7F).contains(lastByte) { return text }
        let scalars = text.unicodeScalars
        guard let first = scalars.first, let last = scalars.last else { return text }
        if !first.properties.isWhitespace && !last.properties.isWhitespace { return text }
        guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let end = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[start...end])
    }

    /// Checks a list of parties, owners or tags: each trimmed, non-empty, free of `;` (the
    /// separator in CSV cells), and listed once.
    public static func checkedList(_ values: [String], field: String) throws(AccordError) -> [String] {
        guard values.count <= Commitment.Limit.listCount else {
            throw .tooManyValues(field, values.count, Commitment.Limit.listCount)
        }
        var seen = Set<String>()
        var result: [String] = []
        for value in values {
            let item = try checkedText(value, field: field, limit: Commitment.Limit.listValue)
            guard !item.isEmpty else { throw .emptyField(field) }
            guard !item.utf8.contains(UInt8(ascii: ";")) else { throw .invalidCharacters(field, value) }
            guard seen.insert(item).inserted else { throw .duplicateValue(field, item) }
            result.append(item)
        }
        return result
    }

    /// Splits a CSV cell holding a list (`US; MX`) into its values.
    public static func splitList(_ cell: String) -> [String] {
        var values: [String] = []
        for part in cell.utf8.split(separator: UInt8(ascii: ";")) {
            let value = trimmed(String(decoding: part, as: UTF8.self))
            if !value.isEmpty { values.append(value) }
        }
        return values
    }

    /// Checks a uid: 1 to 128 characters from `[A-Za-z0-9._:-]`.
    public static func checkedUID(_ text: String) throws(AccordError) -> String {
        let isValid = (1...128).contains(text.utf8.count) && text.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "_"),
                 UInt8(ascii: ":"), UInt8(ascii: "-"):
                return true
            default:
                return false
            }
        }
        guard isValid else { throw .invalidUID(text) }
        return text
    }

    /// A new random uid.
    public static func makeUID() -> String {
        UUID().uuidString.lowercased()
    }

    /// Parses a deadline and checks that it does not end before the commitment was made.
    public static func checkedDue(_ text: String, madeOn: CalendarDate) throws(AccordError) -> Due {
        let due = try Due(parsing: text, madeOn: madeOn)
        guard due.dueBy >= madeOn else { throw .dueBeforeMadeOn(text, madeOn) }
        return due
    }
}

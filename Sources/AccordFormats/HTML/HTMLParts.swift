import AccordCore
import AccordRows
import Foundation

/// The small pieces every part of the HTML report uses: escaping, status badges and words,
/// sources as links.
enum HTMLParts {
    /// A symbol that goes with each status's name, so badges differ in shape as well as colour.
    static func symbol(_ status: Status) -> String {
        switch status {
        case .unassessed: "?"
        case .notStarted: "○"
        case .inProgress: "◐"
        case .stalled: "‖"
        case .fulfilled: "✓"
        case .partial: "◑"
        case .broken: "✗"
        case .withdrawn: "⤺"
        case .unverifiable: "∅"
        }
    }

    /// What each status means, for the legend.
    static func definition(_ status: Status) -> String {
        switch status {
        case .unassessed: "not assessed yet"
        case .notStarted: "assessed: nothing done yet"
        case .inProgress: "work under way"
        case .stalled: "work began, then stopped"
        case .fulfilled: "done as promised"
        case .partial: "done in part"
        case .broken: "will not be done, or was undone"
        case .withdrawn: "taken back by those who made it"
        case .unverifiable: "cannot be checked from public sources"
        }
    }

    /// A status badge: symbol and name, coloured, never by colour alone.
    static func badge(_ status: Status) -> String {
        badges[status.ordinal]
    }

    private static let badges = Status.allCases.map { status in
        "<span class=\"badge s-\(status.rawValue)\">\(symbol(status)) \(status.rawValue)</span>"
    }

    /// The badges' bytes, by ``Status/ordinal``.
    static let badgeBytes = badges.map { Array($0.utf8) }

    /// The status a stored name spells, compared as bytes; nil for any other text.
    static func status(_ bytes: UnsafeRawBufferPointer?) -> Status? {
        guard let bytes else { return nil }
        for (status, name) in statusNames where name.count == bytes.count && isEqual(name, bytes) { return status }
        return nil
    }

    /// Whether two runs of bytes are the same.
    static func isEqual(_ array: [UInt8], _ bytes: UnsafeRawBufferPointer) -> Bool {
        array.withUnsafeBytes { stored in
            guard stored.count == bytes.count else { return false }
            guard let first = stored.baseAddress, let second = bytes.baseAddress else { return stored.isEmpty }
            return memcmp(first, second, stored.count) == 0
        }
    }

    private static let statusNames = Status.allCases.map { ($0, Array($0.rawValue.utf8)) }

    /// `part` of `total` as a CSS percentage with one decimal.
    static func percent(_ part: Int, of total: Int) -> String {
        guard total > 0 else { return "0%" }
        let tenths = (part * 1000 + total / 2) / total
        return "\(tenths / 10).\(tenths % 10)%"
    }

    /// An integer with thousands separators: `3,198`.
    static func count(_ value: Int) -> String {
        let out = ByteBuffer(capacity: 32)
        appendCount(value, into: out)
        return out.string
    }

    /// Appends ``count(_:)`` of `value`, digit by digit.
    static func appendCount(_ value: Int, into out: ByteBuffer) {
        if value < 0 { out.append(UInt8(ascii: "-")) }
        let magnitude = value.magnitude
        var power: UInt = 1, digits = 1
        while magnitude / power >= 10 {
            power *= 10
            digits += 1
        }
        while power > 0 {
            out.append(UInt8(magnitude / power % 10) + 48)
            digits -= 1
            if digits > 0, digits % 3 == 0 { out.append(UInt8(ascii: ",")) }
            power /= 10
        }
    }

    /// Appends a stored day (`2024-01-31`) as `<time datetime="2024-01-31">31 January 2024</time>`,
    /// straight from its bytes (a report writes several per commitment).
    static func appendTime(_ iso: UnsafeRawBufferPointer?, into out: ByteBuffer) {
        guard let iso, iso.count == 10, iso[4] == 45, iso[7] == 45 else { return }
        func number(_ range: Range<Int>) -> Int { range.reduce(0) { $0 * 10 + Int(iso[$1]) - 48 } }
        let month = number(5..<7), day = number(8..<10)
        guard (1...12).contains(month) else { return }
        out.append(UnsafeRawBufferPointer(staticString: timeOpening))
        out.append(iso)
        out.append(UnsafeRawBufferPointer(staticString: timeMiddle))
        if day >= 10 { out.append(iso[8]) }
        out.append(iso[9])
        out.append(32)
        out.append(monthNames[month - 1])
        out.append(32)
        out.append(UnsafeRawBufferPointer(rebasing: iso[0..<4]))
        out.append(UnsafeRawBufferPointer(staticString: timeClosing))
    }

    private static let timeOpening: StaticString = "<time datetime=\"", timeMiddle: StaticString = "\">"
    private static let timeClosing: StaticString = "</time>"
    private static let monthNames = (1...12).map { month in
        Array(DeadlineWords.month(of: CalendarDate(year: 2000, month: month, day: 1) ?? .epoch).dropLast(5).utf8)
    }

    // MARK: - Escaping

    /// Escapes text for HTML content and attribute values.
    static func escaped(_ text: String) -> String {
        let out = ByteBuffer(capacity: text.utf8.count + 16)
        appendEscaped(text, into: out)
        return out.string
    }

    /// Appends text escaped for HTML content and attribute values, byte by byte; with
    /// `breakingLines`, line feeds become `<br>`.
    static func appendEscaped(_ text: String, breakingLines: Bool = false, into out: ByteBuffer) {
        var text = text
        text.withUTF8 { appendEscaped(UnsafeRawBufferPointer($0), breakingLines: breakingLines, into: out) }
    }

    /// Appends UTF-8 bytes escaped for HTML content and attribute values.
    static func appendEscaped(_ bytes: UnsafeRawBufferPointer, breakingLines: Bool = false, into out: ByteBuffer) {
        var start = 0
        for index in bytes.indices {
            let byte = bytes[index]
            // Every byte escaped is below `?` (63): letters, and UTF-8 beyond ASCII, go straight on.
            guard byte < 63 else { continue }
            let entity: StaticString
            switch byte {
            case 38: entity = "&amp;"
            case 60: entity = "&lt;"
            case 62: entity = "&gt;"
            case 34: entity = "&quot;"
            case 39: entity = "&#39;"
            case 10 where breakingLines: entity = "<br>"
            default: continue
            }
            out.append(UnsafeRawBufferPointer(rebasing: bytes[start..<index]))
            out.append(UnsafeRawBufferPointer(start: entity.utf8Start, count: entity.utf8CodeUnitCount))
            start = index + 1
        }
        out.append(UnsafeRawBufferPointer(rebasing: bytes[start...]))
    }
}

extension UnsafeRawBufferPointer {
    /// The bytes of a string literal, which live as long as the program.
    init(staticString text: StaticString) {
        self.init(start: text.utf8Start, count: text.utf8CodeUnitCount)
    }
}

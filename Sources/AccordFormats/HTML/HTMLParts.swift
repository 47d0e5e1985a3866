import AccordCore
import AccordRows

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

    /// `part` of `total` as a CSS percentage with one decimal.
    static func percent(_ part: Int, of total: Int) -> String {
        guard total > 0 else { return "0%" }
        let tenths = (part * 1000 + total / 2) / total
        return "\(tenths / 10).\(tenths % 10)%"
    }

    /// An integer with thousands separators: `3,198`.
    static func count(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var result = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { result.append(",") }
            result.append(digit)
        }
        return (value < 0 ? "-" : "") + result
    }

    /// Appends a stored day (`2024-01-31`) as `<time datetime="2024-01-31">31 January 2024</time>`,
    /// straight from its bytes (a report writes several per commitment).
    static func appendTime(_ iso: UnsafeRawBufferPointer?, into out: ByteBuffer) {
        guard let iso, iso.count == 10, iso[4] == 45, iso[7] == 45 else { return }
        func number(_ range: Range<Int>) -> Int { range.reduce(0) { $0 * 10 + Int(iso[$1]) - 48 } }
        let month = number(5..<7), day = number(8..<10)
        guard (1...12).contains(month) else { return }
        out.append(timeOpening)
        out.append(iso)
        out.append(timeMiddle)
        if day >= 10 { out.append(iso[8]) }
        out.append(iso[9])
        out.append(32)
        out.append(monthNames[month - 1])
        out.append(32)
        out.append(UnsafeRawBufferPointer(rebasing: iso[0..<4]))
        out.append(timeClosing)
    }

    private static let timeOpening = Array("<time datetime=\"".utf8), timeMiddle = Array("\">".utf8)
    private static let timeClosing = Array("</time>".utf8)
    private static let monthNames = (1...12).map { month in
        Array(DeadlineWords.month(of: CalendarDate(year: 2000, month: month, day: 1) ?? .epoch).dropLast(5).utf8)
    }

    // MARK: - Sources

    /// One citation of a source: what it is (outlet, date, headline) and its address, if any.
    struct Citation: Hashable {
        let label: String
        let url: String?
    }

    /// The citations in a source text: `Outlet, date, 'headline': https://…; Other: https://…`.
    /// Text without an address is one citation. (Read byte by byte: this runs for every
    /// source of every commitment.)
    static func citations(_ source: UnsafeRawBufferPointer) -> [Citation] {
        let bytes = source
        var result: [Citation] = []
        var labelStart = 0, index = 0
        func text(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }
        func trimmed(_ range: Range<Int>) -> Range<Int> {
            var (low, high) = (range.lowerBound, range.upperBound)
            while low < high, isSeparator(bytes[low]) || bytes[low] == 58 { low += 1 }
            while high > low, isSeparator(bytes[high - 1]) || bytes[high - 1] == 58 { high -= 1 }
            return low..<high
        }
        while index < bytes.count {
            guard bytes[index] == 104, startsAddress(bytes, at: index) else {
                index += 1
                continue
            }
            var end = index
            while end < bytes.count, !isAddressEnd(bytes[end]) { end += 1 }
            while end > index, isTrailing(bytes[end - 1]) { end -= 1 }
            let url = text(index..<end)
            let label = trimmed(labelStart..<index)
            result.append(Citation(label: label.isEmpty ? host(of: url) : text(label), url: url))
            index = end
            while index < bytes.count, isSeparator(bytes[index]) || isTrailing(bytes[index]) { index += 1 }
            labelStart = index
        }
        let rest = trimmed(labelStart..<bytes.count)
        if !rest.isEmpty { result.append(Citation(label: text(rest), url: nil)) }
        return result
    }

    /// Whether `http://` or `https://` starts at `index`.
    private static func startsAddress(_ bytes: UnsafeRawBufferPointer, at index: Int) -> Bool {
        for scheme in [httpScheme, httpsScheme] where index + scheme.count <= bytes.count {
            if bytes[index..<index + scheme.count].elementsEqual(scheme) { return true }
        }
        return false
    }

    private static let httpScheme = Array("http://".utf8), httpsScheme = Array("https://".utf8)
    /// Space, line feed, `"` and `<` end an address.
    private static func isAddressEnd(_ byte: UInt8) -> Bool { byte == 32 || byte == 10 || byte == 34 || byte == 60 }
    /// Punctuation after an address belongs to the sentence: `;`, `,`, `.`, `)`.
    private static func isTrailing(_ byte: UInt8) -> Bool { byte == 59 || byte == 44 || byte == 46 || byte == 41 }
    /// What separates citations: spaces, line breaks and `;`.
    private static func isSeparator(_ byte: UInt8) -> Bool { byte == 32 || byte == 10 || byte == 13 || byte == 59 }

    /// Appends a citation as a link labelled with its outlet (or as text): never a
    /// `javascript:` link.
    static func appendLink(_ citation: Citation, into out: ByteBuffer) {
        guard let url = citation.url else { return appendEscaped(citation.label, into: out) }
        out.append("<a href=\"")
        appendEscaped(url, into: out)
        out.append("\" rel=\"noopener noreferrer\">")
        appendEscaped(citation.label, into: out)
        out.append("</a>")
    }

    /// The host of an address, without `www.`.
    static func host(of url: String) -> String {
        let bytes = Array(url.utf8)
        var start = 0
        while start + 1 < bytes.count, !(bytes[start] == 47 && bytes[start + 1] == 47) { start += 1 }
        guard start + 1 < bytes.count else { return url }
        start += 2
        if bytes.count - start > 4, bytes[start..<start + 4].elementsEqual("www.".utf8) { start += 4 }
        var end = start
        while end < bytes.count, bytes[end] != 47 { end += 1 }
        return String(decoding: bytes[start..<end], as: UTF8.self)
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
        do {
            var start = 0
            for (index, byte) in bytes.enumerated() {
                let entity: [UInt8]
                switch byte {
                case 38: entity = amp
                case 60: entity = lt
                case 62: entity = gt
                case 34: entity = quot
                case 39: entity = apos
                case 10 where breakingLines: entity = br
                default: continue
                }
                out.append(UnsafeRawBufferPointer(rebasing: bytes[start..<index]))
                out.append(entity)
                start = index + 1
            }
            out.append(UnsafeRawBufferPointer(rebasing: bytes[start...]))
        }
    }

    private static let amp = Array("&amp;".utf8), lt = Array("&lt;".utf8), gt = Array("&gt;".utf8)
    private static let quot = Array("&quot;".utf8), apos = Array("&#39;".utf8), br = Array("<br>".utf8)
}

import AccordCore

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

    // MARK: - Sources

    /// One citation of a source: what it is (outlet, date, headline) and its address, if any.
    struct Citation: Hashable {
        let label: String
        let url: String?
    }

    /// The citations in a source text: `Outlet, date, 'headline': https://…; Other: https://…`.
    /// Text without an address is one citation.
    static func citations(_ source: String) -> [Citation] {
        var result: [Citation] = []
        var rest = Substring(source)
        while let start = rest.range(of: "http://") ?? rest.range(of: "https://") {
            let tail = rest[start.lowerBound...]
            let end = tail.firstIndex { $0 == " " || $0 == "\n" || $0 == "\"" || $0 == "<" } ?? tail.endIndex
            var url = tail[..<end]
            while let last = url.last, last == ";" || last == "," || last == "." || last == ")" { url = url.dropLast() }
            var label = rest[..<start.lowerBound].trimmingCharacters(in: [" ", ":", ";", "\n"])
            if label.isEmpty { label = host(of: String(url)) }
            result.append(Citation(label: label, url: String(url)))
            rest = rest[url.endIndex...].drop { $0 == ";" || $0 == " " || $0 == "\n" || $0 == "," || $0 == "." || $0 == ")" }
        }
        let remaining = rest.trimmingCharacters(in: [" ", ";", "\n"])
        if !remaining.isEmpty { result.append(Citation(label: remaining, url: nil)) }
        return result
    }

    /// A citation as a link labelled with its outlet (or as text): never a `javascript:` link.
    static func link(_ citation: Citation) -> String {
        guard let url = citation.url else { return escaped(citation.label) }
        return "<a href=\"\(escaped(url))\" rel=\"noopener noreferrer\">\(escaped(citation.label))</a>"
    }

    /// The host of an address, without `www.`.
    static func host(of url: String) -> String {
        let afterScheme = url.split(separator: "/", maxSplits: 3, omittingEmptySubsequences: true)
        guard afterScheme.count > 1 else { return url }
        let host = afterScheme[1]
        return String(host.hasPrefix("www.") ? host.dropFirst(4) : host)
    }

    // MARK: - Escaping

    /// Escapes text for HTML content and attribute values, byte by byte.
    static func escaped(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 38 || $0 == 60 || $0 == 62 || $0 == 34 || $0 == 39 }) else { return text }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count + 16)
        for byte in text.utf8 {
            switch byte {
            case 38: bytes += Array("&amp;".utf8)
            case 60: bytes += Array("&lt;".utf8)
            case 62: bytes += Array("&gt;".utf8)
            case 34: bytes += Array("&quot;".utf8)
            case 39: bytes += Array("&#39;".utf8)
            default: bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension Substring {
    /// The text without the given characters at either end.
    fileprivate func trimmingCharacters(in set: Set<Character>) -> String {
        String(drop { set.contains($0) }.reversed().drop { set.contains($0) }.reversed())
    }
}

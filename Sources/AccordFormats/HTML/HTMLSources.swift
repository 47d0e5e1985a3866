import AccordRows
import Foundation

/// The sources an article cites, read from their stored text byte by byte (this runs for
/// every source of every commitment and update): a source text holds citations such as
/// `Outlet, date, 'headline': https://…; Other: https://…`, each written as a link labelled
/// with its outlet (or the address's host), and a citation already made in the article is
/// not made again. Text without an address is one citation.
final class CitedSources {
    /// The labels and addresses cited so far in the article, one after another in `bytes`.
    private let bytes = ByteBuffer(capacity: 1024)
    private var citations: [(label: Range<Int>, url: Range<Int>?)] = []

    /// Forgets the citations made (a new article begins).
    func removeAll() {
        bytes.removeAll()
        citations.removeAll(keepingCapacity: true)
    }

    /// Appends the citations of `source` not yet made, separated by `; `, between `before`
    /// and `after`; nothing when there are none.
    func appendNew(_ source: UnsafeRawBufferPointer?, before: String, after: String, into out: ByteBuffer) {
        guard let source, !source.isEmpty else { return }
        var isFirst = true
        Self.forEachCitation(in: source) { label, url in
            guard !contains(source[label], url.map { source[$0] }) else { return }
            remember(source[label], url.map { source[$0] })
            out.append(isFirst ? before : "; ")
            isFirst = false
            Self.appendLink(label: source[label], url: url.map { source[$0] }, into: out)
        }
        if !isFirst { out.append(after) }
    }

    private func contains(_ label: Slice<UnsafeRawBufferPointer>, _ url: Slice<UnsafeRawBufferPointer>?) -> Bool {
        citations.contains { cited in
            guard cited.url?.count == url?.count else { return false }
            if let url, let citedURL = cited.url, !matches(citedURL, url) { return false }
            return matches(cited.label, label)
        }
    }

    private func matches(_ range: Range<Int>, _ other: Slice<UnsafeRawBufferPointer>) -> Bool {
        guard range.count == other.count else { return false }
        guard !range.isEmpty else { return true }
        return bytes.withUnsafeBytes { stored in
            guard let start = stored.baseAddress, let second = UnsafeRawBufferPointer(rebasing: other).baseAddress else { return false }
            return memcmp(start + range.lowerBound, second, range.count) == 0
        }
    }

    private func remember(_ label: Slice<UnsafeRawBufferPointer>, _ url: Slice<UnsafeRawBufferPointer>?) {
        let labelStart = bytes.count
        bytes.append(UnsafeRawBufferPointer(rebasing: label))
        let urlStart = bytes.count
        if let url { bytes.append(UnsafeRawBufferPointer(rebasing: url)) }
        citations.append((labelStart..<urlStart, url.map { _ in urlStart..<bytes.count }))
    }

    /// Calls `body` with each citation in a source text, as ranges of it: its label (the host
    /// of its address when the text gives none) and its address, if any.
    static func forEachCitation(in bytes: UnsafeRawBufferPointer, _ body: (_ label: Range<Int>, _ url: Range<Int>?) -> Void) {
        var labelStart = 0, index = 0
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
            let label = trimmed(labelStart..<index)
            body(label.isEmpty ? host(in: bytes, of: index..<end) : label, index..<end)
            index = end
            while index < bytes.count, isSeparator(bytes[index]) || isTrailing(bytes[index]) { index += 1 }
            labelStart = index
        }
        let rest = trimmed(labelStart..<bytes.count)
        if !rest.isEmpty { body(rest, nil) }
    }

    /// The host of the address at `url`, without `www.`.
    static func host(in bytes: UnsafeRawBufferPointer, of url: Range<Int>) -> Range<Int> {
        var start = url.lowerBound
        while start + 1 < url.upperBound, !(bytes[start] == 47 && bytes[start + 1] == 47) { start += 1 }
        guard start + 1 < url.upperBound else { return url }
        start += 2
        if url.upperBound - start > 4, bytes[start..<start + 4].elementsEqual("www.".utf8) { start += 4 }
        var end = start
        while end < url.upperBound, bytes[end] != 47 { end += 1 }
        return start..<end
    }

    /// Whether `http://` or `https://` starts at `index`.
    private static func startsAddress(_ bytes: UnsafeRawBufferPointer, at index: Int) -> Bool {
        // h t t p, then s or not, then : / /
        func byte(_ offset: Int) -> UInt8? { index + offset < bytes.count ? bytes[index + offset] : nil }
        guard byte(0) == 104, byte(1) == 116, byte(2) == 116, byte(3) == 112 else { return false }
        let colon = byte(4) == 115 ? 5 : 4
        return byte(colon) == 58 && byte(colon + 1) == 47 && byte(colon + 2) == 47
    }

    /// Space, line feed, `"` and `<` end an address.
    private static func isAddressEnd(_ byte: UInt8) -> Bool { byte == 32 || byte == 10 || byte == 34 || byte == 60 }
    /// Punctuation after an address belongs to the sentence: `;`, `,`, `.`, `)`.
    private static func isTrailing(_ byte: UInt8) -> Bool { byte == 59 || byte == 44 || byte == 46 || byte == 41 }
    /// What separates citations: spaces, line breaks and `;`.
    private static func isSeparator(_ byte: UInt8) -> Bool { byte == 32 || byte == 10 || byte == 13 || byte == 59 }

    /// Appends a citation as a link labelled with its outlet (or as text): never a
    /// `javascript:` link.
    static func appendLink(label: Slice<UnsafeRawBufferPointer>, url: Slice<UnsafeRawBufferPointer>?, into out: ByteBuffer) {
        guard let url else { return HTMLParts.appendEscaped(UnsafeRawBufferPointer(rebasing: label), into: out) }
        out.append("<a href=\"")
        HTMLParts.appendEscaped(UnsafeRawBufferPointer(rebasing: url), into: out)
        out.append("\" rel=\"noopener noreferrer\">")
        HTMLParts.appendEscaped(UnsafeRawBufferPointer(rebasing: label), into: out)
        out.append("</a>")
    }
}

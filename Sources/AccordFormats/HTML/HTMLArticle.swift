import AccordCore
import AccordRows

/// One commitment's article in the HTML report, written from the store's row bytes straight
/// into the output (the per-commitment part is most of a large report's time).
extension HTMLReport {
    /// One commitment: what was promised, by whom, by when, the evidence and its history. A
    /// source already cited in the article is not cited again.
    public static func article(_ commitment: Commitment, asOf day: CalendarDate) throws -> String {
        let out = ByteBuffer()
        try commitment.withRow { try appendArticle($0, asOf: day, into: out) }
        return out.string
    }

    /// Appends a stored row's article (``article(_:asOf:)``) to `out`.
    public static func appendArticle(_ row: CommitmentRow, asOf day: CalendarDate, into out: ByteBuffer) throws {
        func text(_ column: CommitmentColumn, breakingLines: Bool = false) {
            row.withUnsafeBytes(of: column) { if let bytes = $0 { HTMLParts.appendEscaped(bytes, breakingLines: breakingLines, into: out) } }
        }
        func hasText(_ column: CommitmentColumn) -> Bool { row.withUnsafeBytes(of: column) { ($0?.count ?? 0) > 0 } }
        let list = ByteBuffer(capacity: 128)
        func joined(_ column: CommitmentColumn) {
            list.removeAll()
            row.withUnsafeBytes(of: column) { ByteFormat.appendJoinedList($0, into: list) }
            list.withUnsafeBytes { HTMLParts.appendEscaped($0, into: out) }
        }
        let madeOn = try CalendarDate(parsing: row.text(.madeOn) ?? "")
        out.append("<article id=\"c-\(row.id)\">\n<h3>#\(row.id) ")
        text(.title)
        out.append("</h3>\n<p class=\"meta\">" + HTMLParts.badge(try row.status()) + " · ")
        try appendDeadline(row, madeOn: madeOn, asOf: day, into: out)
        out.append(" · made ")
        row.withUnsafeBytes(of: .madeOn) { HTMLParts.appendTime($0, into: out) }
        out.append("</p>\n<p class=\"meta\">Parties: ")
        joined(.parties)
        if row.withUnsafeBytes(of: .owners, ByteFormat.listHasItems) { out.append(" · Owners: "); joined(.owners) }
        if row.withUnsafeBytes(of: .tags, ByteFormat.listHasItems) { out.append(" · Tags: "); joined(.tags) }
        out.append("</p>\n")
        if hasText(.occasion) { out.append("<p class=\"meta\">Occasion: "); text(.occasion); out.append("</p>\n") }
        if hasText(.quote) { out.append("<blockquote>"); text(.quote, breakingLines: true); out.append("</blockquote>\n") }
        var cited: [HTMLParts.Citation] = []
        func sources(_ bytes: UnsafeRawBufferPointer?, before: String, after: String) {
            guard let bytes, !bytes.isEmpty else { return }
            var isFirst = true
            for citation in HTMLParts.citations(bytes) where !cited.contains(citation) {
                cited.append(citation)
                out.append(isFirst ? before : "; ")
                isFirst = false
                HTMLParts.appendLink(citation, into: out)
            }
            if !isFirst { out.append(after) }
        }
        row.withUnsafeBytes(of: .source) { sources($0, before: "<p class=\"source\">Source: ", after: "</p>\n") }
        guard row.historyCount > 0 else { return out.append("</article>\n") }
        out.append("<ol class=\"history\">\n")
        row.forEachUpdate { update in
            out.append("<li>")
            update.withUnsafeBytes(of: .on) { HTMLParts.appendTime($0, into: out) }
            out.append(" ")
            if let to = update.text(.toStatus).flatMap(Status.init(rawValue:)) {
                if let from = update.text(.fromStatus).flatMap(Status.init(rawValue:)) { out.append(HTMLParts.badge(from) + " → ") }
                out.append(HTMLParts.badge(to) + " ")
            }
            update.withUnsafeBytes(of: .note) { if let bytes = $0 { HTMLParts.appendEscaped(bytes, into: out) } }
            update.withUnsafeBytes(of: .source) { sources($0, before: " <span class=\"source\">(", after: ")</span>") }
            out.append("</li>\n")
        }
        out.append("</ol>\n</article>\n")
    }

    /// The deadline in words with where it stands: "due January 2024 ✕ overdue 30 days".
    private static func appendDeadline(_ row: CommitmentRow, madeOn: CalendarDate, asOf day: CalendarDate, into out: ByteBuffer) throws {
        guard let text = row.text(.due) else { return out.append("no deadline") }
        let due = try Due(parsing: text, madeOn: madeOn)
        out.append(deadlineCell(due: due, daysOverdue: try row.daysOverdue(on: day), schedule: try row.schedule(on: day)))
    }
}

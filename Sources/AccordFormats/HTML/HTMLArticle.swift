import AccordCore
import AccordRows

/// One commitment's article in the HTML report, written from the store's row bytes straight
/// into the output (the per-commitment part is most of a large report's time).
extension HTMLReport {
    /// One commitment: what was promised, by whom, by when, the evidence and its history. A
    /// source already cited in the article is not cited again.
    public static func article(_ commitment: Commitment, asOf day: CalendarDate) throws -> String {
        let out = ByteBuffer()
        var articles = HTMLArticles(asOf: day)
        try commitment.withRow { try articles.append($0, into: out) }
        return out.string
    }
}

/// Writes the articles of a report (``HTMLReport/article(_:asOf:)``) from stored rows, keeping
/// what one article can lend the next: the deadlines already put in words and the scratch
/// space of the sources cited. Nothing per commitment is built as a string.
public struct HTMLArticles {
    /// The day the report is for.
    public let asOf: CalendarDate
    /// Each deadline's `<span class="due">…</span>`, by what its words depend on
    /// (``DeadlineKey``): a few thousand in years of data, cleared when there are many more.
    private var deadlines: [DeadlineKey: [UInt8]] = [:]
    private let cited = CitedSources()
    private let list = ByteBuffer(capacity: 128)

    /// A writer of articles as of `day`.
    public init(asOf day: CalendarDate) {
        asOf = day
    }

    /// Appends a stored row's article to `out`.
    public mutating func append(_ row: CommitmentRow, into out: ByteBuffer) throws {
        func text(_ column: CommitmentColumn, breakingLines: Bool = false) {
            row.withUnsafeBytes(of: column) { if let bytes = $0 { HTMLParts.appendEscaped(bytes, breakingLines: breakingLines, into: out) } }
        }
        func hasText(_ column: CommitmentColumn) -> Bool { row.withUnsafeBytes(of: column) { ($0?.count ?? 0) > 0 } }
        let list = self.list
        func joined(_ column: CommitmentColumn) {
            list.removeAll()
            row.withUnsafeBytes(of: column) { ByteFormat.appendJoinedList($0, into: list) }
            list.withUnsafeBytes { HTMLParts.appendEscaped($0, into: out) }
        }
        let status = try row.status()
        out.append("<article id=\"c-")
        ByteFormat.appendInteger(Int(row.id), into: out)
        out.append("\">\n<h3>#")
        ByteFormat.appendInteger(Int(row.id), into: out)
        out.append(32)
        text(.title)
        out.append("</h3>\n<p class=\"meta\">")
        out.append(HTMLParts.badgeBytes[status.ordinal])
        out.append(" · ")
        try appendDeadline(row, status: status, into: out)
        out.append(" · made ")
        row.withUnsafeBytes(of: .madeOn) { HTMLParts.appendTime($0, into: out) }
        out.append("</p>\n<p class=\"meta\">Parties: ")
        joined(.parties)
        if row.withUnsafeBytes(of: .owners, ByteFormat.listHasItems) { out.append(" · Owners: "); joined(.owners) }
        if row.withUnsafeBytes(of: .tags, ByteFormat.listHasItems) { out.append(" · Tags: "); joined(.tags) }
        out.append("</p>\n")
        if hasText(.occasion) { out.append("<p class=\"meta\">Occasion: "); text(.occasion); out.append("</p>\n") }
        if hasText(.quote) { out.append("<blockquote>"); text(.quote, breakingLines: true); out.append("</blockquote>\n") }
        let cited = self.cited
        cited.removeAll()
        row.withUnsafeBytes(of: .source) { cited.appendNew($0, before: "<p class=\"source\">Source: ", after: "</p>\n", into: out) }
        guard row.historyCount > 0 else { return out.append("</article>\n") }
        out.append("<ol class=\"history\">\n")
        row.forEachUpdate { update in
            out.append("<li>")
            update.withUnsafeBytes(of: .on) { HTMLParts.appendTime($0, into: out) }
            out.append(32)
            if let to = update.withUnsafeBytes(of: .toStatus, HTMLParts.status) {
                if let from = update.withUnsafeBytes(of: .fromStatus, HTMLParts.status) {
                    out.append(HTMLParts.badgeBytes[from.ordinal])
                    out.append(" → ")
                }
                out.append(HTMLParts.badgeBytes[to.ordinal])
                out.append(32)
            }
            update.withUnsafeBytes(of: .note) { if let bytes = $0 { HTMLParts.appendEscaped(bytes, into: out) } }
            update.withUnsafeBytes(of: .source) {
                cited.appendNew($0, before: " <span class=\"source\">(", after: ")</span>", into: out)
            }
            out.append("</li>\n")
        }
        out.append("</ol>\n</article>\n")
    }

    /// The deadline in words with where it stands: "due January 2024 ✕ overdue 30 days".
    private mutating func appendDeadline(_ row: CommitmentRow, status: Status, into out: ByteBuffer) throws {
        guard let words = try deadlineWords(row) else { return out.append("no deadline") }
        out.append(words)
        let dueBy = try row.dueBy()
        HTMLReport.appendStanding(
            daysOverdue: Commitment.daysOverdue(dueBy: dueBy, status: status, on: asOf),
            schedule: Commitment.schedule(dueBy: dueBy, status: status, statusChangedOn: try row.statusChangedOn(), on: asOf),
            into: out)
    }

    /// `<span class="due">due <time datetime="…">…</time></span>` for the row's deadline, nil
    /// without one, put in words the first time its text (or, for a span after the day made,
    /// its last day) is met.
    private mutating func deadlineWords(_ row: CommitmentRow) throws -> [UInt8]? {
        guard row.withUnsafeBytes(of: .due, { $0 != nil }) else { return nil }
        let isRelative = row.withUnsafeBytes(of: .due) { $0?.first == UInt8(ascii: "+") }
        let relative = isRelative ? try Self.due(row) : nil
        guard let key = relative.map({ DeadlineKey(relativeDueBy: $0.dueBy) })
                ?? row.withUnsafeBytes(of: .due, { $0.flatMap(DeadlineKey.init(text:)) })
        else { return Self.words(try Self.due(row)) }
        if let words = deadlines[key] { return words }
        let words = Self.words(try relative ?? Self.due(row))
        if deadlines.count >= 16384 { deadlines.removeAll(keepingCapacity: true) }
        deadlines[key] = words
        return words
    }

    private static func due(_ row: CommitmentRow) throws -> Due {
        try Due(parsing: row.text(.due) ?? "", madeOn: try CalendarDate(parsing: row.text(.madeOn) ?? ""))
    }

    private static func words(_ due: Due) -> [UInt8] {
        Array(HTMLReport.dueSpan(due).utf8)
    }
}

/// What a deadline's words depend on: its stored text, or for a span after the day made (whose
/// words name its last day) that last day's number.
private struct DeadlineKey: Hashable {
    let text: PackedText?, dueBy: Int?

    init?(text: UnsafeRawBufferPointer) {
        guard let packed = PackedText(text) else { return nil }
        self.text = packed
        dueBy = nil
    }

    init(relativeDueBy dueBy: CalendarDate) {
        text = nil
        self.dueBy = dueBy.dayNumber
    }
}

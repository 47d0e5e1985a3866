/// A column of a terminal table and how it may give way when the table is too wide.
public struct TableColumn: Sendable, Equatable {
    /// How a column gives way to fit the terminal.
    public enum Fit: Sendable, Equatable {
        /// Never cut: ids, dates, statuses, numbers.
        case whole
        /// The long text the table is about (a title, a note): it shrinks first, ending in `…`.
        case title
        /// Other text (parties, a lead, a source): it shrinks after the title, ending in `…`.
        case shrink
    }

    /// The header.
    public var header: String
    /// How it gives way.
    public var fit: Fit
    /// The order in which columns are left out when shrinking text is not enough (lowest
    /// first); nil for a column that is always shown.
    public var dropRank: Int?
    /// The widest its cells can be, when known in advance (a date is 10): a table streamed
    /// before it saw every row reserves that much.
    public var knownWidth: Int?

    /// A column with this header.
    public init(_ header: String, fit: Fit = .whole, dropRank: Int? = nil, knownWidth: Int? = nil) {
        self.header = header
        self.fit = fit
        self.dropRank = dropRank
        self.knownWidth = knownWidth
    }
}

/// Which columns a table shows and how wide each is, to fit a width: the title shrinks first
/// (to 20 columns), then other text (to 10), then low-value columns are left out, then the
/// title shrinks to its header. Ids, dates, statuses and numbers are never cut.
public struct TableLayout: Sendable, Equatable {
    /// The indices of the columns shown, in order.
    public let shown: [Int]
    /// The width of each column (of every column, shown or not).
    public let widths: [Int]
    /// The headers of the columns left out.
    public var dropped: [String]

    /// The layout of `columns` whose cells (headers included) are `natural` columns wide.
    public static func fit(_ columns: [TableColumn], natural: [Int], maxWidth: Int?) -> TableLayout {
        var widths = natural
        var shown = Array(columns.indices)
        func excess() -> Int {
            shown.reduce(0) { $0 + widths[$1] } + 2 * max(0, shown.count - 1) - (maxWidth ?? Int.max)
        }
        func shrink(_ fit: TableColumn.Fit, floor: (Int) -> Int) {
            // The widest column of that kind gives way one column at a time, so that two titles
            // end up alike.
            while excess() > 0 {
                let candidates = shown.filter { columns[$0].fit == fit && widths[$0] > floor($0) }
                guard let widest = candidates.max(by: { widths[$0] < widths[$1] }) else { return }
                widths[widest] -= 1
            }
        }
        let header = columns.map { DisplayWidth.of($0.header) }
        if excess() > 0 {
            shrink(.title) { min(natural[$0], max(header[$0], 20)) }
            shrink(.shrink) { min(natural[$0], max(header[$0], 10)) }
        }
        var dropped: [String] = []
        let ranked = columns.indices.filter { columns[$0].dropRank != nil }
            .sorted { (columns[$0].dropRank ?? 0, $0) < (columns[$1].dropRank ?? 0, $1) }
        for index in ranked where excess() > 0 {
            shown.removeAll { $0 == index }
            dropped.append(columns[index].header)
        }
        if excess() > 0 {
            shrink(.title) { min(natural[$0], max(header[$0], 6)) }
            shrink(.shrink) { min(natural[$0], max(header[$0], 4)) }
        }
        // What leaving out columns freed goes back to the text, title first.
        for fit in [TableColumn.Fit.title, .shrink] {
            for index in shown where columns[index].fit == fit && excess() < 0 {
                widths[index] += min(-excess(), natural[index] - widths[index])
            }
        }
        return TableLayout(shown: shown, widths: widths, dropped: dropped)
    }

    /// A footer that names the columns left out, or nil when none was.
    public func hint(maxWidth: Int?) -> String? {
        guard !dropped.isEmpty else { return nil }
        let width = maxWidth.map { " \($0)" } ?? ""
        return "hint: left out \(dropped.joined(separator: ", ")) to fit\(width) columns; --fields to choose columns"
    }
}

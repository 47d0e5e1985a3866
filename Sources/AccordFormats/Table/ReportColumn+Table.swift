/// How each report column takes part in a terminal table.
extension ReportColumn {
    /// The table columns for `columns`: ids, dates, statuses and numbers are never cut; the
    /// title shrinks first; the columns worth least are left out first when the terminal is
    /// narrow (the last update's day first, then sources and the like, the parties last). The
    /// deadline as written may go only when its last day is shown.
    public static func tableColumns(_ columns: [ReportColumn]) -> [TableColumn] {
        columns.map { column in
            var table = TableColumn(column.rawValue, fit: column.tableFit, dropRank: column.dropRank, knownWidth: column.knownWidth)
            if column == .due && !columns.contains(.dueBy) { table.dropRank = nil }
            return table
        }
    }

    private var tableFit: TableColumn.Fit {
        switch self {
        case .title, .quote: .title
        case .uid, .parties, .owners, .lead, .tags, .occasion, .source, .note: .shrink
        default: .whole
        }
    }

    private var dropRank: Int? {
        switch self {
        case .id, .title, .status, .dueBy, .daysOverdue, .daysLeft, .history: nil
        case .lastUpdateOn: 0
        case .source, .uid, .note: 1
        case .occasion, .originalDueBy, .lateAgainstOriginal: 2
        case .madeOn, .quote: 3
        case .owners: 4
        case .tags: 5
        case .due, .schedule: 6
        case .lead: 7
        case .parties: 8
        }
    }

    private var knownWidth: Int? {
        switch self {
        case .status: 12
        case .schedule: 11
        case .madeOn, .dueBy, .due, .lastUpdateOn, .originalDueBy: 10
        case .lateAgainstOriginal: 5
        default: nil
        }
    }
}

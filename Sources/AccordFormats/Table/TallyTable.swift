import AccordCore

/// The terminal columns of the tally reports (`summary --by`, `trend`): every count is a number
/// and never cut; when the terminal is too narrow, the open statuses (which `open` sums) are
/// left out first, then the rarer final ones, then on time and late; the group name shrinks.
public enum TallyTable {
    /// The table columns for a tally report's CSV header (the names are shortened for people:
    /// `fulfilled_on_time` is `on_time`).
    public static func columns(_ header: [String]) -> [TableColumn] {
        header.map { name in
            switch name {
            case "period_end": return TableColumn(name, knownWidth: 10)
            case "party", "owner", "tag": return TableColumn(name, fit: .shrink)
            case "fulfilled_on_time": return TableColumn("on_time", dropRank: 20)
            case "fulfilled_late": return TableColumn("late", dropRank: 21)
            case "total", "open", "final", "overdue": return TableColumn(name)
            default:
                guard let status = Status(rawValue: name) else { return TableColumn(name) }
                return TableColumn(name, dropRank: rank(status))
            }
        }
    }

    /// The order statuses are left out in: open ones first, fulfilled and broken last.
    private static func rank(_ status: Status) -> Int {
        switch status {
        case .unassessed: 0
        case .notStarted: 1
        case .stalled: 2
        case .inProgress: 3
        case .unverifiable: 10
        case .withdrawn: 11
        case .partial: 12
        case .broken: 30
        case .fulfilled: 31
        }
    }
}

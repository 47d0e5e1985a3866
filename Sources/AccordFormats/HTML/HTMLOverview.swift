import AccordCore
import AccordRows

/// What the top of the HTML report shows, counted in a first pass over the commitments in
/// bounded memory: the meter and the per-party scorecard, the trend by month, a bounded choice
/// of deadlines to chart, and the occasions that name the report.
public struct HTMLOverview {
    /// The day the report is for.
    public let asOf: CalendarDate
    /// The overall tally and one per party.
    public private(set) var summary: SummaryReport
    /// The meter at the end of each month.
    public private(set) var trend: TrendTallies?
    /// How many commitments each occasion holds (the first few dozen occasions met).
    private var occasions: [String: Int] = [:]
    private var deadlines = DeadlineChoice()

    /// One deadline the chart may show.
    public struct Deadline: Sendable {
        /// The commitment's id, title and status on the report's day.
        let id: Int64, title: String, status: Status
        /// The day it was made and its deadline.
        let madeOn: CalendarDate, due: Due
    }

    /// An empty overview as of `day`, with a trend from `firstMadeOn` (nil: no trend).
    public init(asOf day: CalendarDate, firstMadeOn: CalendarDate?) {
        asOf = day
        summary = SummaryReport(grouping: .party, asOf: day)
        if let firstMadeOn, firstMadeOn <= day {
            trend = TrendTallies(from: firstMadeOn, through: day)
        }
    }

    /// Counts a stored row (read with its history, as it stood on the report's day).
    public mutating func add(_ row: CommitmentRow) throws {
        let state = DayState(status: try row.status(), statusChangedOn: try row.statusChangedOn(), dueBy: try row.dueBy())
        summary.add(state, groups: try row.list(.parties))
        trend?.add(try row.timeline())
        count(occasion: row.text(.occasion) ?? "")
        if let dueBy = state.dueBy, deadlines.wants(dueBy, state.status, asOf: asOf) {
            let madeOn = try CalendarDate(parsing: row.text(.madeOn) ?? "")
            let due = try Due(parsing: row.text(.due) ?? "", madeOn: madeOn)
            deadlines.add(Deadline(id: row.id, title: row.text(.title) ?? "", status: state.status, madeOn: madeOn, due: due), asOf: asOf)
        }
    }

    /// Counts a commitment (with its history, as it stood on the report's day).
    public mutating func add(_ commitment: Commitment) {
        summary.add(commitment.dayState, groups: commitment.parties)
        trend?.add(commitment.timeline)
        count(occasion: commitment.occasion)
        if let due = commitment.due, deadlines.wants(due.dueBy, commitment.status, asOf: asOf) {
            deadlines.add(Deadline(id: commitment.id ?? 0, title: commitment.title, status: commitment.status,
                                   madeOn: commitment.madeOn, due: due), asOf: asOf)
        }
    }

    private mutating func count(occasion: String) {
        guard !occasion.isEmpty, occasions[occasion] != nil || occasions.count < 64 else { return }
        occasions[occasion, default: 0] += 1
    }

    /// The deadlines to chart, soonest first, and how many had a deadline at all.
    var chosenDeadlines: (items: [Deadline], total: Int) { (deadlines.chosen(asOf: asOf), deadlines.total) }

    /// A title that names the data: the occasion most commitments were made at (up to its
    /// first colon), or a plain one.
    public var defaultTitle: String {
        guard let top = occasions.max(by: { ($0.value, $1.key) < ($1.value, $0.key) })?.key else { return "Policy commitments" }
        let name = top.split(separator: ":", maxSplits: 1).first.map(String.init) ?? top
        let others = occasions.keys.contains { !$0.hasPrefix(name) }
        return "Commitments of the " + name + (others ? ", and others" : "")
    }
}

/// A bounded choice of deadlines for the chart: the most overdue, the next due and the latest
/// settled, kept as they stream past.
struct DeadlineChoice {
    static let limits = (overdue: 10, upcoming: 8, settled: 6)
    private var overdue: [HTMLOverview.Deadline] = []
    private var upcoming: [HTMLOverview.Deadline] = []
    private var settled: [HTMLOverview.Deadline] = []
    /// Once a list was pruned, the deadline a newcomer must beat.
    private var overdueCutoff: CalendarDate?, upcomingCutoff: CalendarDate?, settledCutoff: CalendarDate?
    /// How many deadlines went past.
    private(set) var total = 0

    /// Whether a deadline could be chosen (cheap: decides before the row's text is read).
    mutating func wants(_ dueBy: CalendarDate, _ status: Status, asOf day: CalendarDate) -> Bool {
        total += 1
        if status.isFinal { return settledCutoff.map { dueBy >= $0 } ?? true }
        if dueBy < day { return overdueCutoff.map { dueBy <= $0 } ?? true }
        return upcomingCutoff.map { dueBy <= $0 } ?? true
    }

    mutating func add(_ deadline: HTMLOverview.Deadline, asOf day: CalendarDate) {
        if deadline.status.isFinal {
            settled.append(deadline)
            guard settled.count > 8 * Self.limits.settled else { return }
            settled = Self.latest(settled, Self.limits.settled)
            settledCutoff = settled.last?.due.dueBy
        } else if deadline.due.dueBy < day {
            overdue.append(deadline)
            guard overdue.count > 8 * Self.limits.overdue else { return }
            overdue = Self.soonest(overdue, Self.limits.overdue)
            overdueCutoff = overdue.last?.due.dueBy
        } else {
            upcoming.append(deadline)
            guard upcoming.count > 8 * Self.limits.upcoming else { return }
            upcoming = Self.soonest(upcoming, Self.limits.upcoming)
            upcomingCutoff = upcoming.last?.due.dueBy
        }
    }

    func chosen(asOf day: CalendarDate) -> [HTMLOverview.Deadline] {
        let all = Self.soonest(overdue, Self.limits.overdue) + Self.soonest(upcoming, Self.limits.upcoming)
            + Self.latest(settled, Self.limits.settled)
        return all.sorted { ($0.due.dueBy, $0.id) < ($1.due.dueBy, $1.id) }
    }

    private static func soonest(_ items: [HTMLOverview.Deadline], _ limit: Int) -> [HTMLOverview.Deadline] {
        Array(items.sorted { ($0.due.dueBy, $0.id) < ($1.due.dueBy, $1.id) }.prefix(limit))
    }

    private static func latest(_ items: [HTMLOverview.Deadline], _ limit: Int) -> [HTMLOverview.Deadline] {
        Array(items.sorted { ($0.due.dueBy, $0.id) > ($1.due.dueBy, $1.id) }.prefix(limit))
    }
}

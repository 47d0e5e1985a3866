import AccordCore
import AccordRows

/// What the top of the HTML report shows, counted in a first pass over the commitments in
/// bounded memory: the meter and the per-party scorecard, the trend by month, a bounded choice
/// of deadlines to chart, and the occasions that name the report.
public struct HTMLOverview {
    /// The day the report is for.
    public let asOf: CalendarDate
    /// The overall tally.
    private var overall = StatusTally()
    /// The tally per party (the scorecard).
    private var parties: PartyTallies
    /// The meter at the end of each month.
    public private(set) var trend: TrendTallies?
    /// The occasions met, for the default title.
    private var occasions = OccasionCounts()
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
        parties = PartyTallies(asOf: day)
        if let firstMadeOn, firstMadeOn <= day {
            trend = TrendTallies(from: firstMadeOn, through: day)
        }
    }

    /// Counts a stored row (read with its history, as it stood on the report's day).
    public mutating func add(_ row: CommitmentRow) throws {
        let state = DayState(status: try row.status(), statusChangedOn: try row.statusChangedOn(), dueBy: try row.dueBy())
        overall.add(state, asOf: asOf)
        try row.withUnsafeBytes(of: .parties) { try parties.add(state, list: $0) }
        trend?.add(try row.timeline())
        row.withUnsafeBytes(of: .occasion) { $0.map { occasions.add($0) } }
        if let dueBy = state.dueBy, deadlines.wants(dueBy, state.status, asOf: asOf) {
            let madeOn = try CalendarDate(parsing: row.text(.madeOn) ?? "")
            let due = try Due(parsing: row.text(.due) ?? "", madeOn: madeOn)
            deadlines.add(Deadline(id: row.id, title: row.text(.title) ?? "", status: state.status, madeOn: madeOn, due: due), asOf: asOf)
        }
    }

    /// Counts a commitment (with its history, as it stood on the report's day).
    public mutating func add(_ commitment: Commitment) {
        overall.add(commitment.dayState, asOf: asOf)
        parties.add(commitment.dayState, parties: commitment.parties)
        trend?.add(commitment.timeline)
        occasions.add(commitment.occasion)
        if let due = commitment.due, deadlines.wants(due.dueBy, commitment.status, asOf: asOf) {
            deadlines.add(Deadline(id: commitment.id ?? 0, title: commitment.title, status: commitment.status,
                                   madeOn: commitment.madeOn, due: due), asOf: asOf)
        }
    }

    /// The overall tally and one per party.
    public var summary: SummaryReport {
        SummaryReport(grouping: .party, asOf: asOf, overall: overall, groups: parties.groups)
    }

    /// The deadlines to chart, soonest first, and how many had a deadline at all.
    var chosenDeadlines: (items: [Deadline], total: Int) { (deadlines.chosen(asOf: asOf), deadlines.total) }

    /// A title that names the data: the occasion most commitments were made at (up to its
    /// first colon), or a plain one.
    public var defaultTitle: String {
        guard let top = occasions.top else { return "Policy commitments" }
        let name = top.split(separator: ":", maxSplits: 1).first.map(String.init) ?? top
        let others = occasions.names.contains { !$0.hasPrefix(name) }
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

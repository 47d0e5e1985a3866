import Foundation

/// Counts by status, as promise meters show them: open and final grouped, with the overdue
/// count and fulfilled-on-time against late.
public struct StatusTally: Equatable, Sendable {
    /// How many have each status, in the order of `Status.allCases` (an array: tallies are
    /// counted for every commitment on every day of a trend).
    private var counts = [Int](repeating: 0, count: Status.allCases.count)
    /// How many in all.
    public private(set) var total = 0
    /// How many are overdue.
    public private(set) var overdue = 0
    /// How many were fulfilled by their deadline.
    public private(set) var onTime = 0
    /// How many were fulfilled after their deadline.
    public private(set) var late = 0

    /// An empty tally.
    public init() {}

    /// A tally counted elsewhere (by the store's SQL): the count per status, and how many were
    /// overdue, fulfilled on time and fulfilled late.
    public init(counts: [Status: Int], overdue: Int, onTime: Int, late: Int) {
        for (status, count) in counts { self.counts[status.ordinal] = count }
        total = counts.values.reduce(0, +)
        self.overdue = overdue
        self.onTime = onTime
        self.late = late
    }

    /// Counts a commitment as it stood on `day`.
    public mutating func add(_ state: DayState, asOf day: CalendarDate) {
        counts[state.status.ordinal] += 1
        total += 1
        switch Commitment.schedule(dueBy: state.dueBy, status: state.status, statusChangedOn: state.statusChangedOn, on: day) {
        case .overdue: overdue += 1
        case .onTime where state.status == .fulfilled: onTime += 1
        case .late where state.status == .fulfilled: late += 1
        default: break
        }
    }

    /// Commitments with an open status.
    public var open: Int { Status.openStatuses.reduce(0) { $0 + count($1) } }
    /// Commitments with a final status.
    public var final: Int { Status.finalStatuses.reduce(0) { $0 + count($1) } }

    /// How many have `status`.
    public func count(_ status: Status) -> Int { counts[status.ordinal] }

    /// `part` as a percentage of the total, one decimal: `37.5%`.
    public func share(_ part: Int) -> String {
        guard total > 0 else { return "0.0%" }
        let tenths = (part * 1000 + total / 2) / total
        return "\(tenths / 10).\(tenths % 10)%"
    }
}

/// The `summary` report: an overall tally and, optionally, one per party, owner or tag.
public struct SummaryReport: Sendable {
    /// What the breakdown groups by.
    public enum Grouping: String, CaseIterable, Sendable {
        /// No breakdown.
        case status
        /// One group per party.
        case party
        /// One group per owner.
        case owner
        /// One group per tag.
        case tag
    }

    /// What the breakdown groups by.
    public let grouping: Grouping
    /// The day the tallies are for.
    public let asOf: CalendarDate
    /// The tally of every commitment.
    public private(set) var overall = StatusTally()
    /// One tally per group name.
    public private(set) var groups: [String: StatusTally] = [:]

    /// An empty report.
    public init(grouping: Grouping, asOf: CalendarDate) {
        self.grouping = grouping
        self.asOf = asOf
    }

    /// A report counted elsewhere (by the store's SQL).
    public init(grouping: Grouping, asOf: CalendarDate, overall: StatusTally, groups: [String: StatusTally]) {
        self.init(grouping: grouping, asOf: asOf)
        self.overall = overall
        self.groups = groups
    }

    /// Counts a commitment as it stands (load it with ``Commitment/state(on:)`` for a past
    /// day), in every group it belongs to.
    public mutating func add(_ commitment: Commitment) {
        add(commitment.dayState, groups: groupKeys(parties: commitment.parties, owners: commitment.owners, tags: commitment.tags))
    }

    /// Counts one commitment's state on the report's day under the given group names.
    public mutating func add(_ state: DayState, groups keys: [String]) {
        overall.add(state, asOf: asOf)
        for key in keys { groups[key, default: StatusTally()].add(state, asOf: asOf) }
    }

    /// The groups a commitment with these lists counts in (a commitment of two parties counts
    /// for each; one with no owner counts under "(none)").
    public func groupKeys(parties: [String], owners: [String], tags: [String]) -> [String] {
        switch grouping {
        case .status: []
        case .party: parties
        case .owner: owners.isEmpty ? ["(none)"] : owners
        case .tag: tags.isEmpty ? ["(none)"] : tags
        }
    }
}

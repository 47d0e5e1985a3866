/// The `trend` report: the meter (``SummaryReport``) at the end of every period, so that each
/// row is exactly `summary --as-of` that day.
public struct TrendReport: Sendable {
    /// How often it counts.
    public let period: TrendPeriod
    /// The days counted, in order.
    public let days: [CalendarDate]
    /// One meter per day.
    public private(set) var reports: [SummaryReport]

    /// An empty report for the ends of the periods from `start` through `end`.
    public init(period: TrendPeriod, from start: CalendarDate, through end: CalendarDate, grouping: SummaryReport.Grouping) {
        self.period = period
        days = period.ends(from: start, through: end)
        reports = days.map { SummaryReport(grouping: grouping, asOf: $0) }
    }

    /// Counts one commitment on every day from the day it was made, under the given groups.
    public mutating func add(_ timeline: Timeline, groups: [String]) {
        for index in days.indices {
            guard let state = timeline.state(on: days[index]) else { continue }
            reports[index].add(state, groups: groups)
        }
    }
}

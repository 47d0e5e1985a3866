import AccordCore

/// The numbers of the report's trend chart: the meter at the end of each month, the same as
/// ``TrendReport`` by month counts them, but counted from each commitment's timeline by the
/// runs of month ends over which its state holds, not month by month (the chart spans every
/// month since the first commitment, so a large report would otherwise count each commitment
/// some eighty times).
public struct TrendTallies: Sendable {
    /// The days counted: each month end from the first commitment's month, then the report's day.
    public let days: [CalendarDate]
    /// Per status, then overdue, fulfilled on time and fulfilled late: a difference array each
    /// (a run of days `a..<b` adds one at `a` and takes one at `b`), summed in ``tallies``.
    private var differences: [Int]
    private var stride: Int { days.count + 1 }
    private static let overdue = Status.allCases.count, onTime = overdue + 1, late = overdue + 2

    /// An empty count of the month ends from `start` through `end`.
    public init(from start: CalendarDate, through end: CalendarDate) {
        days = TrendPeriod.month.ends(from: start, through: end)
        differences = Array(repeating: 0, count: (Self.late + 1) * (days.count + 1))
    }

    /// Counts one commitment on every day from the day it was made (``Timeline/state(on:)``).
    public mutating func add(_ timeline: Timeline) {
        let changes = timeline.statusChanges, edits = timeline.deadlineChanges
        guard Self.isInDateOrder(changes.lazy.map(\.on)), Self.isInDateOrder(edits.lazy.map(\.on)) else {
            // Histories come in date order; anything else is counted day by day, as the domain does.
            for index in days.indices {
                if let state = timeline.state(on: days[index]) { count(state, in: index..<index + 1) }
            }
            return
        }
        var index = firstIndex(onOrAfter: timeline.madeOn)
        // How many status changes and deadline edits are dated on or before `days[index]`.
        var changed = 0, edited = 0
        while index < days.count {
            let day = days[index]
            while changed < changes.count, changes[changed].on <= day { changed += 1 }
            while edited < edits.count, edits[edited].on <= day { edited += 1 }
            // The state holds until the next change or edit.
            var next: CalendarDate?
            if changed < changes.count { next = changes[changed].on }
            if edited < edits.count, next.map({ edits[edited].on < $0 }) ?? true { next = edits[edited].on }
            let end = next.map(firstIndex(onOrAfter:)) ?? days.count
            if changed > 0 {
                let change = changes[changed - 1]
                let dueBy = edited < edits.count ? edits[edited].before : timeline.dueBy
                count(DayState(status: change.status, statusChangedOn: change.on, dueBy: dueBy), in: index..<end)
            }
            index = end
        }
    }

    /// Counts a state on the days `range`, by the rules of ``StatusTally/add(_:asOf:)``: an open
    /// status is overdue on the days after its deadline; fulfilled is on time or late throughout.
    private mutating func count(_ state: DayState, in range: Range<Int>) {
        mark(state.status.ordinal, range)
        guard let dueBy = state.dueBy else { return }
        switch state.status {
        case .fulfilled:
            mark(state.statusChangedOn <= dueBy ? Self.onTime : Self.late, range)
        case _ where state.status.isFinal:
            break
        default:
            let overdueFrom = Swift.max(range.lowerBound, firstIndex(after: dueBy))
            if overdueFrom < range.upperBound { mark(Self.overdue, overdueFrom..<range.upperBound) }
        }
    }

    private mutating func mark(_ row: Int, _ range: Range<Int>) {
        differences[row * stride + range.lowerBound] += 1
        differences[row * stride + range.upperBound] -= 1
    }

    /// The meter on each of ``days``.
    public var tallies: [StatusTally] {
        var running = Array(repeating: 0, count: Self.late + 1)
        return days.indices.map { index in
            for row in running.indices { running[row] += differences[row * stride + index] }
            var counts: [Status: Int] = [:]
            for status in Status.allCases { counts[status] = running[status.ordinal] }
            return StatusTally(counts: counts, overdue: running[Self.overdue], onTime: running[Self.onTime], late: running[Self.late])
        }
    }

    /// The first of ``days`` on or after `date` (``days``'s count when none is).
    private func firstIndex(onOrAfter date: CalendarDate) -> Int {
        var (low, high) = (0, days.count)
        while low < high {
            let middle = (low + high) / 2
            if days[middle] < date { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// The first of ``days`` after `date`.
    private func firstIndex(after date: CalendarDate) -> Int {
        var (low, high) = (0, days.count)
        while low < high {
            let middle = (low + high) / 2
            if days[middle] <= date { low = middle + 1 } else { high = middle }
        }
        return low
    }

    private static func isInDateOrder(_ days: some Sequence<CalendarDate>) -> Bool {
        var previous: CalendarDate?
        for day in days {
            if let previous, day < previous { return false }
            previous = day
        }
        return true
    }
}

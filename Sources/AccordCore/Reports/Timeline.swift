/// What decides a commitment's status and deadline on a day: the day it was made, its status
/// changes and its deadline edits, in date order. ``Commitment/state(on:)`` and the reports
/// that count many days at once (`trend`) both read the state from here.
public struct Timeline: Sendable, Equatable {
    /// A status change: its day and the status it set.
    public struct StatusChange: Sendable, Equatable {
        /// The day.
        public var on: CalendarDate
        /// The status set.
        public var status: Status

        /// Creates a change.
        public init(on: CalendarDate, status: Status) {
            self.on = on
            self.status = status
        }
    }

    /// An edit of the deadline: its day and the last day in force before it.
    public struct DeadlineChange: Sendable, Equatable {
        /// The day.
        public var on: CalendarDate
        /// The deadline's last day before the edit, nil for none.
        public var before: CalendarDate?

        /// Creates a change.
        public init(on: CalendarDate, before: CalendarDate?) {
            self.on = on
            self.before = before
        }
    }

    /// The day it was made.
    public var madeOn: CalendarDate
    /// The status changes, in date order (the creation entry first).
    public var statusChanges: [StatusChange]
    /// The deadline edits, in date order.
    public var deadlineChanges: [DeadlineChange]
    /// The deadline's last day now.
    public var dueBy: CalendarDate?

    /// Creates a timeline.
    public init(madeOn: CalendarDate, statusChanges: [StatusChange], deadlineChanges: [DeadlineChange], dueBy: CalendarDate?) {
        self.madeOn = madeOn
        self.statusChanges = statusChanges
        self.deadlineChanges = deadlineChanges
        self.dueBy = dueBy
    }

    /// The state at the end of `day`, nil before the commitment was made: the status of the
    /// last change dated on or before `day`, and the deadline in force before the first edit
    /// of it dated after `day`.
    public func state(on day: CalendarDate) -> DayState? {
        guard madeOn <= day else { return nil }
        guard let change = statusChanges.last(where: { $0.on <= day }) else { return nil }
        let dueBy = deadlineChanges.first { $0.on > day }.map(\.before) ?? self.dueBy
        return DayState(status: change.status, statusChangedOn: change.on, dueBy: dueBy)
    }
}

/// A commitment's status and deadline on one day: what tallies and schedules need.
public struct DayState: Sendable, Equatable {
    /// The status.
    public var status: Status
    /// The day that status was set.
    public var statusChangedOn: CalendarDate
    /// The deadline's last day, nil for none.
    public var dueBy: CalendarDate?

    /// Creates a state.
    public init(status: Status, statusChangedOn: CalendarDate, dueBy: CalendarDate?) {
        self.status = status
        self.statusChangedOn = statusChangedOn
        self.dueBy = dueBy
    }
}

extension Commitment {
    /// The state as it stands.
    public var dayState: DayState {
        DayState(status: status, statusChangedOn: statusChangedOn, dueBy: due?.dueBy)
    }

    /// The timeline of the history (loaded with it).
    public var timeline: Timeline {
        var statusChanges: [Timeline.StatusChange] = []
        var deadlineChanges: [Timeline.DeadlineChange] = []
        for update in history {
            if let status = update.toStatus { statusChanges.append(.init(on: update.on, status: status)) }
            for change in update.changes where change.field == .due {
                if case .due(let before) = change.before { deadlineChanges.append(.init(on: update.on, before: before?.dueBy)) }
            }
        }
        return Timeline(madeOn: madeOn, statusChanges: statusChanges, deadlineChanges: deadlineChanges, dueBy: due?.dueBy)
    }
}

/// How often `trend` counts.
public enum TrendPeriod: String, CaseIterable, Sendable {
    /// Weeks ending on Sunday.
    case week
    /// Calendar months.
    case month
    /// Calendar quarters.
    case quarter
    /// Calendar years.
    case year

    /// The last day of each period that ends from `start` through `end`, then `end` itself when
    /// a period is still running then.
    public func ends(from start: CalendarDate, through end: CalendarDate) -> [CalendarDate] {
        var days: [CalendarDate] = []
        var day = lastDay(of: start)
        while day <= end {
            days.append(day)
            guard let next = day.adding(days: 1) else { break }
            day = lastDay(of: next)
        }
        if days.last != end && start <= end { days.append(end) }
        return days
    }

    /// The last day of the period holding `day`.
    func lastDay(of day: CalendarDate) -> CalendarDate {
        switch self {
        case .week:
            // Day number 0 (1970-01-01) was a Thursday, weekday 3 counting from Monday as 0.
            let weekday = ((day.dayNumber + 3) % 7 + 7) % 7
            return day.adding(days: 6 - weekday) ?? day
        case .month:
            return CalendarDate(year: day.year, month: day.month, day: CalendarDate.daysIn(year: day.year, month: day.month)) ?? day
        case .quarter:
            let month = ((day.month - 1) / 3 + 1) * 3
            return CalendarDate(year: day.year, month: month, day: CalendarDate.daysIn(year: day.year, month: month)) ?? day
        case .year:
            return CalendarDate(year: day.year, month: 12, day: 31) ?? day
        }
    }
}

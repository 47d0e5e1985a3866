/// How a commitment stands against its deadline, apart from its status.
public enum Schedule: String, CaseIterable, Sendable, CustomStringConvertible {
    /// No deadline was given.
    case noDeadline = "no-deadline"
    /// Open, with more than ``Schedule/dueSoonDays`` days left.
    case upcoming
    /// Open, due within ``Schedule/dueSoonDays`` days (today included).
    case dueSoon = "due-soon"
    /// Open, and its last day has passed.
    case overdue
    /// Fulfilled (or partly) on or before its last day.
    case onTime = "on-time"
    /// Fulfilled (or partly) after its last day.
    case late
    /// Settled without delivery (broken, withdrawn, unverifiable): the deadline no longer applies.
    case closed

    /// The window, in days, in which an open deadline counts as due soon.
    public static let dueSoonDays = 30

    /// The name used in reports and files.
    public var description: String { rawValue }
}

extension Commitment {
    /// Calendar days overdue on `day`, or nil when not overdue.
    ///
    /// The one definition of overdue: the commitment has a deadline, its last day is before
    /// `day`, and its status is open. On its last day it is not overdue; the day after, it is
    /// 1 day overdue.
    public static func daysOverdue(dueBy: CalendarDate?, status: Status, on day: CalendarDate) -> Int? {
        guard let dueBy, !status.isFinal, dueBy < day else { return nil }
        return dueBy.days(to: day)
    }

    /// Calendar days overdue on `day`, or nil when not overdue.
    public func daysOverdue(on day: CalendarDate) -> Int? {
        Self.daysOverdue(dueBy: due?.dueBy, status: status, on: day)
    }

    /// Whether the commitment is overdue on `day`.
    public func isOverdue(on day: CalendarDate) -> Bool {
        daysOverdue(on: day) != nil
    }

    /// Days left until the last day (0 on the last day), or nil without a deadline.
    public func daysLeft(on day: CalendarDate) -> Int? {
        due.map { day.days(to: $0.dueBy) }
    }

    /// Where the commitment stands against its deadline on `day`.
    public func schedule(on day: CalendarDate) -> Schedule {
        Self.schedule(dueBy: due?.dueBy, status: status, statusChangedOn: statusChangedOn, on: day)
    }

    /// Where a commitment stands against its deadline on `day`: the one definition, used for
    /// values and for stored rows alike.
    public static func schedule(
        dueBy: CalendarDate?, status: Status, statusChangedOn: CalendarDate, on day: CalendarDate
    ) -> Schedule {
        guard let dueBy else { return .noDeadline }
        if daysOverdue(dueBy: dueBy, status: status, on: day) != nil { return .overdue }
        switch status {
        case .fulfilled, .partial:
            return statusChangedOn <= dueBy ? .onTime : .late
        case .broken, .withdrawn, .unverifiable:
            return .closed
        case .unassessed, .notStarted, .inProgress, .stalled:
            return day.days(to: dueBy) <= Schedule.dueSoonDays ? .dueSoon : .upcoming
        }
    }
}

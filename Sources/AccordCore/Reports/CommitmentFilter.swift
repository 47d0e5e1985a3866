/// Which commitments a report or export covers; every condition given must hold.
public struct CommitmentFilter: Sendable, Equatable {
    /// Any of these statuses; empty means all.
    public var statuses: [Status] = []
    /// Has this party (case-insensitive).
    public var party: String?
    /// Has this tag (case-insensitive).
    public var tag: String?
    /// Has this owner, lead or not (case-insensitive).
    public var owner: String?
    /// Title, quote or occasion contains this text literally (case-insensitive for ASCII).
    public var search: String?
    /// Only those overdue on this day, most overdue first.
    public var overdueOn: CalendarDate?
    /// Only open ones whose last day falls in this range, soonest first.
    public var dueBetween: ClosedRange<CalendarDate>?

    /// A filter that lets everything through.
    public init() {}
}

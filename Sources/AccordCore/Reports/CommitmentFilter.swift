/// Which commitments a report or export covers; every condition given must hold.
public struct CommitmentFilter: Sendable, Equatable {
    /// Any of these statuses; empty means all.
    public var statuses: [Status] = []
    /// Has any of these parties (case-insensitive); empty means all.
    public var parties: [String] = []
    /// Has any of these tags (case-insensitive); empty means all.
    public var tags: [String] = []
    /// Has any of these owners, lead or not (case-insensitive); empty means all.
    public var owners: [String] = []
    /// Title, quote or occasion contains this text literally (case-insensitive for ASCII).
    public var search: String?
    /// Only those overdue on this day, most overdue first.
    public var overdueOn: CalendarDate?
    /// Only open ones whose last day falls in this range, soonest first.
    public var dueBetween: ClosedRange<CalendarDate>?

    /// A filter that lets everything through.
    public init() {}
}

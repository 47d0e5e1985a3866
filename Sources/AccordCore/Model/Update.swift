/// One entry in a commitment's append-only history.
public struct Update: Hashable, Sendable {
    /// The day it happened (not the day it was typed in).
    public var on: CalendarDate
    /// The status before, when this update changed it; nil for creation and notes.
    public var fromStatus: Status?
    /// The status after, when this update set it.
    public var toStatus: Status?
    /// What happened, or what an edit changed.
    public var note: String
    /// A URL or citation for the evidence.
    public var source: String

    /// Creates an update.
    public init(on: CalendarDate, fromStatus: Status?, toStatus: Status?, note: String, source: String) {
        self.on = on
        self.fromStatus = fromStatus
        self.toStatus = toStatus
        self.note = note
        self.source = source
    }
}


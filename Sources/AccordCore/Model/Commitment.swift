/// A promise made by one or more governments, with its wording, its deadline, its status and
/// the dated, sourced history of what became of it.
public struct Commitment: Hashable, Sendable {
    /// The small integer users type; nil until stored. Never renumbered.
    public var id: Int64?
    /// The stable identity used by import and export.
    public var uid: String
    /// A short name for the commitment.
    public var title: String
    /// The verbatim wording from the source.
    public var quote: String
    /// The governments that committed, e.g. `US`, `MX`: at least one.
    public var parties: [String]
    /// Officials or agencies responsible; the first is the lead.
    public var owners: [String]
    /// Topics, e.g. `border-operations`.
    public var tags: [String]
    /// The day the commitment was made.
    public var madeOn: CalendarDate
    /// Where it was made, e.g. "US–Mexico high-level meeting, Mexico City".
    public var occasion: String
    /// A URL or citation for the commitment.
    public var source: String
    /// The deadline, if the source gives one.
    public var due: Due?
    /// Where it stands now.
    public var status: Status
    /// The day of the update that set the current status.
    public var statusChangedOn: CalendarDate
    /// The latest date in the history.
    public var lastUpdateOn: CalendarDate
    /// The updates, oldest first; empty when loaded without history.
    public var history: [Update]

    /// Creates a commitment from stored values, checking nothing: use ``make(_:today:)`` for
    /// new ones.
    public init(
        id: Int64?, uid: String, title: String, quote: String, parties: [String],
        owners: [String], tags: [String], madeOn: CalendarDate, occasion: String,
        source: String, due: Due?, status: Status, statusChangedOn: CalendarDate,
        lastUpdateOn: CalendarDate, history: [Update]
    ) {
        self.id = id
        self.uid = uid
        self.title = title
        self.quote = quote
        self.parties = parties
        self.owners = owners
        self.tags = tags
        self.madeOn = madeOn
        self.occasion = occasion
        self.source = source
        self.due = due
        self.status = status
        self.statusChangedOn = statusChangedOn
        self.lastUpdateOn = lastUpdateOn
        self.history = history
    }

    /// The lead owner, if any.
    public var lead: String? { owners.first }
}


/// What a user gives to create a commitment; ``Commitment/make(_:today:)`` checks it.
public struct NewCommitment: Sendable {
    /// The stable identity; a new UUID when nil.
    public var uid: String?
    /// A short name.
    public var title: String
    /// The verbatim wording from the source.
    public var quote: String = ""
    /// The governments that committed.
    public var parties: [String] = []
    /// Officials or agencies responsible; the first is the lead.
    public var owners: [String] = []
    /// Topics.
    public var tags: [String] = []
    /// The day it was made.
    public var madeOn: CalendarDate
    /// Where it was made.
    public var occasion: String = ""
    /// A URL or citation.
    public var source: String = ""
    /// The deadline as written, if any.
    public var due: String?
    /// The initial status.
    public var status: Status = .unassessed
    /// The note of the creation entry in the history.
    public var note: String = "created"
    /// Whether a party that is no ISO 3166-1 country is kept as given instead of refused.
    public var allowsNewParties = false

    /// Creates a draft with the two fields that have no default.
    public init(title: String, madeOn: CalendarDate) {
        self.title = title
        self.madeOn = madeOn
    }
}

/// Changes to a commitment's fields; nil leaves a field as it is.
public struct CommitmentEdit: Sendable {
    /// A new title.
    public var title: String?
    /// A new quote.
    public var quote: String?
    /// New parties.
    public var parties: [String]?
    /// New owners.
    public var owners: [String]?
    /// New tags.
    public var tags: [String]?
    /// A new occasion.
    public var occasion: String?
    /// A new source.
    public var source: String?
    /// A corrected day it was made.
    public var madeOn: CalendarDate?
    /// `.some(nil)` removes the deadline.
    public var due: String??
    /// Why the change was made, kept in the history entry.
    public var note: String?
    /// Whether a party that is no ISO 3166-1 country is kept as given instead of refused.
    public var allowsNewParties = false

    /// An edit that changes nothing yet.
    public init() {}
}


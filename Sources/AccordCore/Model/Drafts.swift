/// What a user gives to create a commitment; ``Commitment/make(_:today:)`` checks it.
public struct NewCommitment: Sendable {
    public var uid: String?
    public var title: String
    public var quote: String = ""
    public var parties: [String] = []
    public var owners: [String] = []
    public var tags: [String] = []
    public var madeOn: CalendarDate
    public var occasion: String = ""
    public var source: String = ""
    public var due: String?
    public var status: Status = .unassessed
    /// The note of the creation entry in the history.
    public var note: String = "created"

    /// Creates a draft with the two fields that have no default.
    public init(title: String, madeOn: CalendarDate) {
        self.title = title
        self.madeOn = madeOn
    }
}

/// Changes to a commitment's fields; nil leaves a field as it is.
public struct CommitmentEdit: Sendable {
    public var title: String?
    public var quote: String?
    public var parties: [String]?
    public var owners: [String]?
    public var tags: [String]?
    public var occasion: String?
    public var source: String?
    /// `.some(nil)` removes the deadline.
    public var due: String??
    /// Why the change was made, kept in the history entry.
    public var note: String?

    public init() {}
}


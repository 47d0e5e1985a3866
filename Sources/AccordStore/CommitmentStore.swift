import AccordCore
import AccordRows

/// Where commitments are kept: the one interface the CLI talks to. ``AppDatabase`` is its
/// SQLite implementation; a server backend implements the same calls.
///
/// Every call is synchronous and is one transaction: a write leaves every invariant true or
/// changes nothing; a read sees one consistent state.
public protocol CommitmentStore: Sendable {
    /// Stores a new commitment with its history and returns it with its id. `beforeCommit`
    /// gets the stored commitment inside the transaction: when it throws (its output could not
    /// be written), nothing is stored, so a caller that retries never stores it twice.
    func add(_ commitment: Commitment, beforeCommit: (Commitment) throws -> Void) throws -> Commitment

    /// Loads a commitment, lets `change` apply a domain rule to it and return the history
    /// entry it made, then stores both: both or neither.
    @discardableResult
    func change(id: Int64, _ change: (inout Commitment) throws -> Update) throws -> Commitment

    /// Applies `change` to each of the commitments `ids`, in that order, in one transaction:
    /// all of them or none (the first error names its id and rolls everything back). Returns
    /// each commitment as it was and as it is after the change.
    func change(
        ids: [Int64], _ change: (inout Commitment) throws -> Update
    ) throws -> [(before: Commitment, after: Commitment)]

    /// Removes the commitments `ids` and their histories in one transaction, all or none, and
    /// returns them. Their ids are never given again.
    func delete(ids: [Int64]) throws -> [Commitment]

    /// Imports the commitments `produce` hands over, all or nothing: the first error rolls
    /// everything back. `produce` calls its argument with each commitment and the place it
    /// came from ("line 4").
    /// `beforeCommit` gets the summary inside the transaction; when it throws, nothing is stored.
    func importCommitments(
        policy: ImportPolicy, beforeCommit: (ImportSummary) throws -> Void,
        _ produce: (_ store: (Commitment, String) throws -> Void) throws -> Void
    ) throws -> ImportSummary

    /// One commitment with its whole history.
    func commitment(id: Int64) throws -> Commitment

    /// How many commitments are stored.
    func count() throws -> Int

    /// The day the earliest stored commitment was made, nil when there is none.
    func firstMadeOn() throws -> CalendarDate?

    /// Streams the commitments that `filter` lets through, in report order, without holding
    /// them all in memory; with `includeHistory`, each comes with its history. With `day`,
    /// each commitment is as it stood at the end of that day (``Commitment/state(on:)``):
    /// those made later are left out and the filter judges that state; nil means now.
    func forEachCommitment(
        matching filter: CommitmentFilter, asOf day: CalendarDate?, includeHistory: Bool,
        _ body: (Commitment) throws -> Void
    ) throws

    /// Streams the same commitments as raw column bytes (see ``CommitmentRow``), the fast path
    /// of reports and exports.
    func forEachRow(
        matching filter: CommitmentFilter, asOf day: CalendarDate?, includeHistory: Bool,
        _ body: (CommitmentRow) throws -> Void
    ) throws

    /// The same rows, of which only the columns in `reading` need be read: a backend may hand
    /// the others over as NULL. Reports ask for the columns they show (AccordFormats'
    /// `ReportColumn.storedColumns`); the default reads them all.
    func forEachRow(
        matching filter: CommitmentFilter, asOf day: CalendarDate?, includeHistory: Bool,
        reading columns: Set<CommitmentColumn>, _ body: (CommitmentRow) throws -> Void
    ) throws

    /// Streams every update in date order (then in the order recorded; the reverse with
    /// `newestFirst`), optionally limited to a date range, one commitment and a count.
    func forEachUpdate(
        since: CalendarDate?, until: CalendarDate?, commitmentId: Int64?, newestFirst: Bool, limit: Int?,
        _ body: (LogEntry) throws -> Void
    ) throws

    /// The `summary` report on `day`: the tally of every commitment and, with a grouping, of
    /// each group. With `pastDay`, the states come from the history as for
    /// ``forEachCommitment(matching:asOf:includeHistory:_:)``. A backend counts with its own
    /// aggregation; the default reads every commitment.
    func tally(asOf day: CalendarDate, pastDay: CalendarDate?, grouping: SummaryReport.Grouping) throws -> SummaryReport
}

extension CommitmentStore {
    /// Every column of each row, for a backend that reads them all at the same cost.
    public func forEachRow(
        matching filter: CommitmentFilter, asOf day: CalendarDate?, includeHistory: Bool,
        reading columns: Set<CommitmentColumn>, _ body: (CommitmentRow) throws -> Void
    ) throws {
        try forEachRow(matching: filter, asOf: day, includeHistory: includeHistory, body)
    }

    /// The tally counted in Swift over every commitment, for a backend without aggregation.
    public func tally(asOf day: CalendarDate, pastDay: CalendarDate?, grouping: SummaryReport.Grouping) throws -> SummaryReport {
        var report = SummaryReport(grouping: grouping, asOf: day)
        try forEachCommitment(matching: CommitmentFilter(), asOf: pastDay, includeHistory: false) { report.add($0) }
        return report
    }
}

extension CommitmentStore {
    /// Stores a new commitment with its history and returns it with its id.
    public func add(_ commitment: Commitment) throws -> Commitment {
        try add(commitment, beforeCommit: { _ in })
    }

    /// Imports the commitments `produce` hands over, all or nothing.
    public func importCommitments(
        policy: ImportPolicy, _ produce: (_ store: (Commitment, String) throws -> Void) throws -> Void
    ) throws -> ImportSummary {
        try importCommitments(policy: policy, beforeCommit: { _ in }, produce)
    }
}

/// Whether a command only reads or also writes.
public enum StoreAccess: Sendable {
    /// Reads never create, migrate nor lock the database for writing (unless it must be
    /// migrated first).
    case read
    /// Creates the database when missing and migrates it.
    case write
}

/// What `import` does with a uid that is already stored.
public enum ImportPolicy: Sendable, Equatable {
    /// Reject the whole file.
    case fail
    /// Keep the stored commitment and ignore the file's.
    case skip
    /// Update the stored commitment from the file: changed fields as an edit dated this day,
    /// new history entries merged in date order; its id, and everything stored, are kept.
    case update(on: CalendarDate)
}

/// What an import did.
public struct ImportSummary: Sendable, Equatable {
    /// Commitments added.
    public var inserted = 0
    /// Commitments already stored and kept.
    public var skipped = 0
    /// Commitments already stored and updated from the file.
    public var replaced = 0
    /// Commitments already stored that the file does not change.
    public var unchanged = 0

    /// A summary with these counts (an import that did nothing yet by default).
    public init(inserted: Int = 0, skipped: Int = 0, replaced: Int = 0, unchanged: Int = 0) {
        self.inserted = inserted
        self.skipped = skipped
        self.replaced = replaced
        self.unchanged = unchanged
    }
}

extension SummaryReport.Grouping {
    /// The stored list a breakdown counts by (`parties`, `owners`, `tags`), nil for none.
    public var listColumn: String? {
        switch self {
        case .status: nil
        case .party: "parties"
        case .owner: "owners"
        case .tag: "tags"
        }
    }
}

extension StoreError {
    /// Runs a domain rule on commitment `id`, one of several changed together: a refusal then
    /// names the commitment (`#4: …; nothing was changed`). Every backend's bulk change uses it.
    public static func naming<T>(_ id: Int64, among count: Int, _ rule: () throws -> T) throws -> T {
        do {
            return try rule()
        } catch let error as AccordError where count > 1 {
            throw StoreError.refusedFor(id, error.description)
        }
    }
}

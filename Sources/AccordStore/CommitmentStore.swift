import AccordCore
import AccordRows

/// Where commitments are kept: the one interface the CLI talks to. ``AppDatabase`` is its
/// SQLite implementation; a server backend implements the same calls.
///
/// Every call is synchronous and is one transaction: a write leaves every invariant true or
/// changes nothing; a read sees one consistent state.
public protocol CommitmentStore: Sendable {
    /// Stores a new commitment with its history and returns it with its id.
    func add(_ commitment: Commitment) throws -> Commitment

    /// Loads a commitment, lets `change` apply a domain rule to it and return the history
    /// entry it made, then stores both: both or neither.
    @discardableResult
    func change(id: Int64, _ change: (inout Commitment) throws -> Update) throws -> Commitment

    /// Imports the commitments `produce` hands over, all or nothing: the first error rolls
    /// everything back. `produce` calls its argument with each commitment and the place it
    /// came from ("line 4").
    func importCommitments(
        policy: ImportPolicy, _ produce: (_ store: (Commitment, String) throws -> Void) throws -> Void
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

    /// Streams every update in date order (then in the order recorded), optionally limited to
    /// a date range and one commitment.
    func forEachUpdate(
        since: CalendarDate?, until: CalendarDate?, commitmentId: Int64?, _ body: (LogEntry) throws -> Void
    ) throws

    /// The `summary` report on `day`: the tally of every commitment and, with a grouping, of
    /// each group. With `pastDay`, the states come from the history as for
    /// ``forEachCommitment(matching:asOf:includeHistory:_:)``. A backend counts with its own
    /// aggregation; the default reads every commitment.
    func tally(asOf day: CalendarDate, pastDay: CalendarDate?, grouping: SummaryReport.Grouping) throws -> SummaryReport
}

extension CommitmentStore {
    /// The tally counted in Swift over every commitment, for a backend without aggregation.
    public func tally(asOf day: CalendarDate, pastDay: CalendarDate?, grouping: SummaryReport.Grouping) throws -> SummaryReport {
        var report = SummaryReport(grouping: grouping, asOf: day)
        try forEachCommitment(matching: CommitmentFilter(), asOf: pastDay, includeHistory: false) { report.add($0) }
        return report
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

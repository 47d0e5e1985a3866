import AccordCore

/// The stored columns of a commitment after its id, in the order of the `commitment` table.
///
/// This list is the one definition of that order: the store's inserts and row reads are built
/// from it, ``RowBatch`` packs and ``CommitmentRow`` reads fields in it, and a store test
/// checks it against the migrated schema.
public enum CommitmentColumn: Int, CaseIterable, Sendable {
    /// The columns of the same names (lists as JSON arrays, dates as `YYYY-MM-DD`).
    case uid, title, quote, parties, owners, tags, madeOn, occasion, source, due, dueBy, status
    /// The days of the last status change and of the latest history entry.
    case statusChangedOn, lastUpdateOn

    /// The column's name in the database.
    public var name: String {
        switch self {
        case .uid: "uid"
        case .title: "title"
        case .quote: "quote"
        case .parties: "parties"
        case .owners: "owners"
        case .tags: "tags"
        case .madeOn: "made_on"
        case .occasion: "occasion"
        case .source: "source"
        case .due: "due"
        case .dueBy: "due_by"
        case .status: "status"
        case .statusChangedOn: "status_changed_on"
        case .lastUpdateOn: "last_update_on"
        }
    }

    /// Whether the column may hold SQL NULL.
    public var isNullable: Bool { self == .due || self == .dueBy }
}

/// The stored columns of a history entry after its id and commitment id, in the order of the
/// `progress_update` table; the one definition of that order, like ``CommitmentColumn``.
public enum UpdateColumn: Int, CaseIterable, Sendable {
    /// The columns of the same names (`on` is `on_date`).
    case on, fromStatus, toStatus, note, source
    /// What an edit changed (see ``StoredChanges``); NULL for other entries.
    case changes

    /// The column's name in the database.
    public var name: String {
        switch self {
        case .on: "on_date"
        case .fromStatus: "from_status"
        case .toStatus: "to_status"
        case .note: "note"
        case .source: "source"
        case .changes: "changes"
        }
    }

    /// Whether the column may hold SQL NULL.
    public var isNullable: Bool { self == .fromStatus || self == .toStatus || self == .changes }
}

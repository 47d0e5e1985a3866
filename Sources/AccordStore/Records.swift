import AccordCore
import GRDB

/// A row of the `commitment` table.
///
/// Rows are read and written by explicit `init(row:)` and `encode(to:)` rather than Codable:
/// on imports and exports of a million rows the Codable path (with snake-case key conversion)
/// cost more than SQLite itself.
struct CommitmentRecord: FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "commitment"

    var id: Int64?
    var uid: String
    var title: String
    var quote: String
    /// JSON arrays of strings.
    var parties: String
    var owners: String
    var tags: String
    var madeOn: String
    var occasion: String
    var source: String
    var due: String?
    var dueBy: String?
    var status: String
    var statusChangedOn: String
    var lastUpdateOn: String

    enum Columns {
        static let id = Column("id")
        static let uid = Column("uid")
        static let title = Column("title")
        static let quote = Column("quote")
        static let parties = Column("parties")
        static let owners = Column("owners")
        static let tags = Column("tags")
        static let madeOn = Column("made_on")
        static let occasion = Column("occasion")
        static let source = Column("source")
        static let due = Column("due")
        static let dueBy = Column("due_by")
        static let status = Column("status")
        static let statusChangedOn = Column("status_changed_on")
        static let lastUpdateOn = Column("last_update_on")
    }

    init(row: Row) {
        id = row[Columns.id]
        uid = row[Columns.uid]
        title = row[Columns.title]
        quote = row[Columns.quote]
        parties = row[Columns.parties]
        owners = row[Columns.owners]
        tags = row[Columns.tags]
        madeOn = row[Columns.madeOn]
        occasion = row[Columns.occasion]
        source = row[Columns.source]
        due = row[Columns.due]
        dueBy = row[Columns.dueBy]
        status = row[Columns.status]
        statusChangedOn = row[Columns.statusChangedOn]
        lastUpdateOn = row[Columns.lastUpdateOn]
    }

    func encode(to container: inout PersistenceContainer) {
        container[Columns.id] = id
        container[Columns.uid] = uid
        container[Columns.title] = title
        container[Columns.quote] = quote
        container[Columns.parties] = parties
        container[Columns.owners] = owners
        container[Columns.tags] = tags
        container[Columns.madeOn] = madeOn
        container[Columns.occasion] = occasion
        container[Columns.source] = source
        container[Columns.due] = due
        container[Columns.dueBy] = dueBy
        container[Columns.status] = status
        container[Columns.statusChangedOn] = statusChangedOn
        container[Columns.lastUpdateOn] = lastUpdateOn
    }

    /// The row for a domain value.
    init(_ commitment: Commitment) {
        id = commitment.id
        uid = commitment.uid
        title = commitment.title
        quote = commitment.quote
        parties = JSONText.array(commitment.parties)
        owners = JSONText.array(commitment.owners)
        tags = JSONText.array(commitment.tags)
        madeOn = commitment.madeOn.description
        occasion = commitment.occasion
        source = commitment.source
        due = commitment.due?.text
        dueBy = commitment.due?.dueBy.description
        status = commitment.status.rawValue
        statusChangedOn = commitment.statusChangedOn.description
        lastUpdateOn = commitment.lastUpdateOn.description
    }

    /// The domain value, with the given history. Throws only when the row breaks the schema's
    /// own rules, which the CHECK constraints prevent.
    func commitment(history: [Update] = []) throws -> Commitment {
        let madeOn = try CalendarDate(parsing: madeOn)
        return Commitment(
            id: id, uid: uid, title: title, quote: quote,
            parties: try Self.list(parties), owners: try Self.list(owners), tags: try Self.list(tags),
            madeOn: madeOn, occasion: occasion, source: source,
            due: try due.map { text throws(AccordError) in try Due(parsing: text, madeOn: madeOn) },
            status: try Status(parsing: status),
            statusChangedOn: try CalendarDate(parsing: statusChangedOn),
            lastUpdateOn: try CalendarDate(parsing: lastUpdateOn),
            history: history)
    }

    private static func list(_ json: String) throws -> [String] {
        guard let values = JSONText.stringArray(json) else {
            throw StoreError.database("a stored list is not a JSON array of strings: \(json.prefix(80))")
        }
        return values
    }
}

/// A row of the `progress_update` table: one entry of a commitment's history. Rows are only
/// read through it; they are inserted (never changed) by `AppDatabase`'s prepared statement.
struct UpdateRecord: FetchableRecord, TableRecord {
    static let databaseTableName = "progress_update"

    var id: Int64?
    var commitmentId: Int64
    var onDate: String
    var fromStatus: String?
    var toStatus: String?
    var note: String
    var source: String

    enum Columns {
        static let id = Column("id")
        static let commitmentId = Column("commitment_id")
        static let onDate = Column("on_date")
        static let fromStatus = Column("from_status")
        static let toStatus = Column("to_status")
        static let note = Column("note")
        static let source = Column("source")
    }

    init(row: Row) {
        id = row[Columns.id]
        commitmentId = row[Columns.commitmentId]
        onDate = row[Columns.onDate]
        fromStatus = row[Columns.fromStatus]
        toStatus = row[Columns.toStatus]
        note = row[Columns.note]
        source = row[Columns.source]
    }

    /// The row for an update of a stored commitment.
    init(_ update: Update, commitmentId: Int64) {
        self.commitmentId = commitmentId
        onDate = update.on.description
        fromStatus = update.fromStatus?.rawValue
        toStatus = update.toStatus?.rawValue
        note = update.note
        source = update.source
    }

    /// The domain value.
    func update() throws -> Update {
        Update(
            on: try CalendarDate(parsing: onDate),
            fromStatus: try fromStatus.map(Status.init(parsing:)),
            toStatus: try toStatus.map(Status.init(parsing:)),
            note: note, source: source)
    }
}

extension DerivableRequest<UpdateRecord> {
    /// The history of one commitment, oldest first.
    func history(of commitmentId: Int64) -> Self {
        filter(UpdateRecord.Columns.commitmentId == commitmentId).order(UpdateRecord.Columns.id)
    }
}

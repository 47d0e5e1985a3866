import AccordCore
import GRDB

/// A row of the `commitment` table.
struct CommitmentRecord: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "commitment"
    static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

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
        static let status = Column("status")
        static let dueBy = Column("due_by")
    }

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
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

/// A row of the `progress_update` table: one entry of a commitment's history.
struct UpdateRecord: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "progress_update"
    static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

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
    }

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
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

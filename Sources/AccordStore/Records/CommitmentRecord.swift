import AccordCore
import AccordRows
import GRDB

/// A row of the `commitment` table: its id and the stored text of every
/// ``CommitmentColumn``. It maps rows to domain values and back; GRDB stays out of the domain.
///
/// Read and written column by column through ``CommitmentColumn`` rather than Codable: on
/// imports and exports of a million rows the Codable path cost more than SQLite itself.
struct CommitmentRecord: FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "commitment"

    var id: Int64?
    /// The stored text of each column, indexed by ``CommitmentColumn/rawValue``; nil for NULL.
    var values: [String?]

    /// The columns that requests filter and order on.
    enum Columns {
        static let id = Column("id")
        static let uid = Column(CommitmentColumn.uid.name)
        static let status = Column(CommitmentColumn.status.name)
        static let dueBy = Column(CommitmentColumn.dueBy.name)
    }

    init(row: Row) {
        id = row[Columns.id]
        values = CommitmentColumn.allCases.map { row[$0.name] }
    }

    func encode(to container: inout PersistenceContainer) {
        container[Columns.id] = id
        for column in CommitmentColumn.allCases { container[column.name] = values[column.rawValue] }
    }

    /// The row for a domain value.
    init(_ commitment: Commitment) {
        id = commitment.id
        values = CommitmentColumn.allCases.map(commitment.storedText)
    }

    /// The domain value, with the given history; a stored value that does not parse is an
    /// error (the CHECK constraints keep Accord's own rows valid).
    func commitment(history: [Update] = []) throws -> Commitment {
        try Commitment(id: id, storedText: { values[$0.rawValue] }, history: history)
    }

    /// The day the commitment was made, for decoding its history's deadlines.
    var madeOn: CalendarDate {
        values[CommitmentColumn.madeOn.rawValue].flatMap { try? CalendarDate(parsing: $0) } ?? .epoch
    }
}

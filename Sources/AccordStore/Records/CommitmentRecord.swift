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

    /// The domain value, with the given history. A stored value that does not parse is an
    /// error (the CHECK constraints keep Accord's own rows valid).
    func commitment(history: [Update] = []) throws -> Commitment {
        let madeOn = try date(.madeOn)
        let statusText = try text(.status)
        return Commitment(
            id: id, uid: try text(.uid), title: try text(.title), quote: try text(.quote),
            parties: try list(.parties), owners: try list(.owners), tags: try list(.tags),
            madeOn: madeOn, occasion: try text(.occasion), source: try text(.source),
            due: try values[CommitmentColumn.due.rawValue].map { text in
                try parsed(.due) { () throws(AccordError) in try Due(parsing: text, madeOn: madeOn) }
            },
            status: try parsed(.status) { () throws(AccordError) in try Status(parsing: statusText) },
            statusChangedOn: try date(.statusChangedOn),
            lastUpdateOn: try date(.lastUpdateOn),
            history: history)
    }

    private func text(_ column: CommitmentColumn) throws -> String {
        guard let value = values[column.rawValue] else {
            throw RowError.unreadableValue(column: column.name, text: "NULL")
        }
        return value
    }

    private func date(_ column: CommitmentColumn) throws -> CalendarDate {
        let value = try text(column)
        return try parsed(column) { () throws(AccordError) in try CalendarDate(parsing: value) }
    }

    private func list(_ column: CommitmentColumn) throws -> [String] {
        let value = try text(column)
        guard let values = StoredList.decode(value) else {
            throw RowError.unreadableValue(column: column.name, text: value)
        }
        return values
    }

    /// Runs a domain parser, turning its refusal into an unreadable stored value.
    private func parsed<T>(_ column: CommitmentColumn, _ parse: () throws(AccordError) -> T) throws -> T {
        do {
            return try parse()
        } catch {
            throw RowError.unreadableValue(column: column.name, text: values[column.rawValue] ?? "NULL")
        }
    }
}

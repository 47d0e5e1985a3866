import AccordCore
import AccordRows
import GRDB

/// A row of the `progress_update` table: one entry of a commitment's history, read column by
/// column through ``UpdateColumn``. Rows are only read through it; they are inserted (never
/// changed) by the store's prepared statement.
struct UpdateRecord: FetchableRecord, TableRecord {
    static let databaseTableName = "progress_update"

    var commitmentId: Int64
    /// The stored text of each column, indexed by ``UpdateColumn/rawValue``; nil for NULL.
    var values: [String?]

    /// The columns that requests filter and order on.
    enum Columns {
        static let id = Column("id")
        static let commitmentId = Column("commitment_id")
        static let onDate = Column(UpdateColumn.on.name)
    }

    init(row: Row) {
        commitmentId = row[Columns.commitmentId]
        values = UpdateColumn.allCases.map { row[$0.name] }
    }

    /// The domain value; a stored value that does not parse is an error.
    func update() throws -> Update {
        func text(_ column: UpdateColumn) throws -> String {
            guard let value = values[column.rawValue] else {
                throw RowError.unreadableValue(column: column.name, text: "NULL")
            }
            return value
        }
        func status(_ column: UpdateColumn) throws -> Status? {
            guard let value = values[column.rawValue] else { return nil }
            guard let status = Status(rawValue: value) else {
                throw RowError.unreadableValue(column: column.name, text: value)
            }
            return status
        }
        let on = try text(.on)
        guard let day = try? CalendarDate(parsing: on) else {
            throw RowError.unreadableValue(column: UpdateColumn.on.name, text: on)
        }
        return Update(
            on: day, fromStatus: try status(.fromStatus), toStatus: try status(.toStatus),
            note: try text(.note), source: try text(.source))
    }
}

extension DerivableRequest<UpdateRecord> {
    /// The history of one commitment, oldest first.
    func history(of commitmentId: Int64) -> Self {
        filter(UpdateRecord.Columns.commitmentId == commitmentId).order(UpdateRecord.Columns.id)
    }
}

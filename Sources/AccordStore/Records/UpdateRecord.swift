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

    /// The domain value, for a commitment made on `madeOn`; a stored value that does not
    /// parse is an error.
    func update(madeOn: CalendarDate) throws -> Update {
        try Update(storedText: { values[$0.rawValue] }, madeOn: madeOn)
    }
}

extension DerivableRequest<UpdateRecord> {
    /// The history of one commitment in date order, ties in the order recorded.
    func history(of commitmentId: Int64) -> Self {
        filter(UpdateRecord.Columns.commitmentId == commitmentId)
            .order(UpdateRecord.Columns.onDate, UpdateRecord.Columns.id)
    }
}

import AccordCore
import AccordRows
import Foundation
import GRDB
#if canImport(GRDBSQLite)
import GRDBSQLite
#else
import SQLite3
#endif

// MARK: - Streaming rows for reports and exports

extension AppDatabase {
    /// The history of the commitments whose ids lie in `?1 ..< ?2`, commitment by commitment,
    /// each in date order (ties in the order recorded): one range search of the index
    /// progress_update_timeline, which already holds that order (never a scan, never a sort).
    static let historySQL = "SELECT commitment_id, "
        + UpdateColumn.allCases.map(\.name).joined(separator: ", ")
        + " FROM progress_update WHERE commitment_id >= ? AND commitment_id < ? ORDER BY commitment_id, on_date, id"

    /// One commitment's whole history in date order, for replaying it on a past day.
    static let replaySQL = "SELECT commitment_id, "
        + UpdateColumn.allCases.map(\.name).joined(separator: ", ")
        + " FROM progress_update WHERE commitment_id = ? ORDER BY on_date, id"

    /// How many commitment ids one history search covers when every commitment is exported:
    /// walking one range beside the commitments instead of a fresh search per commitment spared
    /// a third of SQLite's work in a JSON export.
    static let historyWindow: Int64 = 1024

    /// Streams the commitments that `filter` lets through as raw column bytes (and, with
    /// `includeHistory`, their updates), in report order, in one read transaction. Nothing is
    /// collected: memory stays flat whatever the size of the database.
    ///
    /// Rows are stepped with SQLite's C interface because building GRDB rows and Swift strings
    /// for every cell cost several times what SQLite itself spends on a million-row export.
    /// SQLite steps on a second thread while `body` formats the rows already read on this one:
    /// reading and formatting each take about half of an export's time.
    ///
    /// With `day`, each commitment is as it stood on that day (see ``PastState``).
    public func forEachRow(
        matching filter: CommitmentFilter, asOf day: CalendarDate?, includeHistory: Bool,
        _ body: (CommitmentRow) throws -> Void
    ) throws {
        try read { db in
            // The id, then the columns in the order RowBatch packs them.
            let request = CommitmentRecord.all().matching(filter, asOf: day).select(
                [CommitmentRecord.Columns.id] + CommitmentColumn.allCases.map { Column($0.name) })
            // Keep the GRDB statements alive: releasing one finalizes its SQLite statement.
            // Prepared from the request's SQL: GRDB's own preparation of a request also works
            // out the region a database observer would watch, reading the schema (2.4 million
            // instructions, 6% of `list` on an empty database), which Accord never uses.
            let prepared = try db.makeStatement(literal: "\(request)")
            let historyStatement = includeHistory ? try db.cachedStatement(sql: Self.historySQL) : nil
            let replayStatement = day == nil ? nil : try db.cachedStatement(sql: Self.replaySQL)
            let reader = RowReader(
                statement: prepared.sqliteStatement, history: historyStatement?.sqliteStatement,
                // Without a filter, commitments come in id order and nearly all histories are
                // wanted: one search covers a window of ids. Otherwise (filtered, or in deadline
                // order) each commitment gets its own search, so that no unwanted history is read.
                historyWindow: filter == CommitmentFilter() ? Self.historyWindow : 1,
                past: day.flatMap { day in replayStatement.map { (day, $0.sqliteStatement) } })
            defer {
                sqlite3_reset(prepared.sqliteStatement)
                if let history = historyStatement?.sqliteStatement { sqlite3_reset(history) }
                if let replay = replayStatement?.sqliteStatement { sqlite3_reset(replay) }
                withExtendedLifetime((prepared, historyStatement, replayStatement)) {}
            }
            try RowPipeline(reader: reader).run(body)
        }
    }
}


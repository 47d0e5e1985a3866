import GRDB

/// An import into an empty tracker, loaded the way a bulk load should be: the triggers that
/// check each inserted row against the domain's field rules (migration 0003) and keep the
/// search indexes in step (0004) are set aside for the load, then put back with their stored
/// text, and the search indexes are built once from the loaded tables. All of it happens in
/// the import's transaction, so a failed or interrupted import rolls the triggers back too.
///
/// Every row of an import has passed the domain's rules (`Commitment.make`, the history's
/// replay), which the check triggers only repeat for other programs' writes; with them,
/// loading 100,000 commitments and their histories took nine times as long (measured in SQL).
struct BulkLoad {
    /// The row triggers an insert fires, set aside during a bulk load.
    static let deferredTriggers = [
        "commitment_domain_insert", "progress_update_domain_insert",
        "commitment_search_insert", "progress_update_search_insert",
    ]

    /// The search indexes rebuilt at the end (their content tables are the loaded ones).
    static let searchIndexes = ["commitment_search", "progress_update_search"]

    /// The triggers set aside, each with the SQL that creates it again.
    private let triggers: [(name: String, sql: String)]

    /// Sets the triggers aside when the tracker holds no commitment yet; nil otherwise (an
    /// import into a tracker that has some writes row by row, like every other write).
    static func begin(_ db: Database) throws -> BulkLoad? {
        guard try Bool.fetchOne(db, sql: "SELECT NOT EXISTS (SELECT 1 FROM commitment)") == true else { return nil }
        let placeholders = deferredTriggers.map { _ in "?" }.joined(separator: ", ")
        let triggers = try Row.fetchAll(
            db, sql: "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN (\(placeholders))",
            arguments: StatementArguments(deferredTriggers)
        ).map { row in (name: row["name"] as String, sql: row["sql"] as String) }
        for trigger in triggers {
            try db.execute(sql: "DROP TRIGGER \(trigger.name.quotedDatabaseIdentifier)")
        }
        return BulkLoad(triggers: triggers)
    }

    /// Puts the triggers back and builds the search indexes from the loaded rows.
    func finish(_ db: Database) throws {
        for trigger in triggers {
            try db.execute(sql: trigger.sql)
        }
        for index in Self.searchIndexes {
            let name = index.quotedDatabaseIdentifier
            try db.execute(sql: "INSERT INTO \(name) (\(name)) VALUES ('rebuild')")
        }
    }
}

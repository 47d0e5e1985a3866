@testable import AccordStore
import AccordCore
import AccordRows
import Foundation
import GRDB
import Testing

func day(_ text: String) throws -> CalendarDate { try CalendarDate(parsing: text) }

/// A valid commitment made on 2023-12-27.
func draft(_ title: String = "Reopen the crossings", uid: String? = nil, due: String? = "2024-01",
           party: String = "US", status: Status = .unassessed) throws -> Commitment {
    var draft = NewCommitment(title: title, madeOn: try day("2023-12-27"))
    draft.uid = uid
    draft.parties = [party]
    draft.owners = ["Antony Blinken"]
    draft.due = due
    draft.status = status
    return try Commitment.make(draft, today: try day("2025-01-01"))
}

/// A fresh temporary folder for database files.
func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("accord-store-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Every row of every table, to compare a database's content before and after.
func snapshot(_ path: String) throws -> [String] {
    var config = Configuration()
    config.readonly = true
    let queue = try DatabaseQueue(path: path, configuration: config)
    defer { try? queue.close() }
    return try queue.read { db in
        var lines: [String] = []
        for table in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name") {
            lines += try Row.fetchAll(db, sql: "SELECT * FROM \"\(table)\"").map { "\(table): \($0)" }
        }
        return lines
    }
}

extension AppDatabase {
    /// A new empty in-memory database.
    static func makeEmpty() throws -> AppDatabase {
        try AppDatabase(DatabaseQueue(configuration: makeConfiguration()))
    }
}


extension AppDatabase {
    /// Runs raw SQL, bypassing the domain: lets tests prove that the schema itself refuses
    /// bad rows.
    func rawWrite(_ sql: String) throws {
        try write { db in try db.execute(sql: sql) }
    }

    /// SQLite's query plan for a filter's query, one detail per line.
    func queryPlan(for filter: CommitmentFilter, asOf day: CalendarDate? = nil) throws -> String {
        let (sql, arguments) = try read { db in
            let statement = try CommitmentRecord.all().matching(filter, asOf: day).makePreparedRequest(db).statement
            return (statement.sql, statement.arguments)
        }
        return try queryPlan(sql: sql, arguments: arguments)
    }

    /// SQLite's query plan for a statement, one detail per line.
    func queryPlan(sql: String, arguments: StatementArguments) throws -> String {
        try read { db in
            let rows = try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: arguments)
            return rows.map { $0["detail"] as String? ?? "" }.joined(separator: "\n")
        }
    }
}

/// The repository's top folder (this file is Tests/<target>/Support/<file>).
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()


import AccordCore
import AccordRows
import Foundation
import GRDB

extension AppDatabase {
    /// Refuses a database that another application made, before anything is written to it.
    static func checkIsAccordDatabase(_ db: Database, path: String) throws {
        let hasTables = try Bool.fetchOne(
            db, sql: "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE name NOT LIKE 'sqlite_%')") ?? false
        if hasTables, try !db.tableExists("grdb_migrations") {
            throw StoreError.notADatabase(path)
        }
    }

    /// Applies missing migrations, each in its own transaction, refusing a newer schema.
    static func migrate(
        _ writer: any DatabaseWriter, path: String, migrations: [(name: String, sql: [UInt8])]
    ) throws {
        let migrator = Migrations.migrator(migrations)
        let known = Set(migrations.map(\.name))
        let applied = try writer.read { db in
            try checkIsAccordDatabase(db, path: path)
            return try migrator.appliedIdentifiers(db)
        }
        let unknown = applied.subtracting(known)
        guard unknown.isEmpty else { throw StoreError.newerSchema(path, unknown.sorted()) }
        guard applied != known else { return }
        // Two processes opening a new database can both try the first migration; the loser's
        // transaction rolls back, and trying again finds the work done.
        var attempt = 0
        while true {
            do {
                try migrator.migrate(writer)
                return
            } catch let error as DatabaseError where attempt < 3 && error.resultCode == .SQLITE_ERROR {
                attempt += 1
                let isDone = try writer.read { try migrator.hasCompletedMigrations($0) }
                if isDone { return }
            }
        }
    }
}

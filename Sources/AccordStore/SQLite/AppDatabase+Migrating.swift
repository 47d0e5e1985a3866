import AccordCore
import AccordRows
import Foundation
import GRDB

extension AppDatabase {
    /// `PRAGMA application_id` of every database Accord creates ("ACCD"), set when migrations
    /// run, whatever they are: the file says whose it is before any table is read.
    static let applicationID: Int32 = 0x4143_4344

    /// Whose an SQLite file is.
    enum Identity {
        /// Accord's: its application id, or (made before the id was set) Accord's first migration.
        case accord
        /// No table and no application id: a new file that a write may initialise.
        case empty
        /// Another application's.
        case foreign
    }

    /// Tells whose the database is, reading only its header and schema.
    static func identity(_ db: Database) throws -> Identity {
        let id = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
        if id == applicationID { return .accord }
        if id != 0 { return .foreign }
        let hasTables = try Bool.fetchOne(
            db, sql: "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE name NOT LIKE 'sqlite_%')") ?? false
        guard hasTables else { return .empty }
        guard try db.tableExists("grdb_migrations") else { return .foreign }
        // No migration recorded yet: another accord process is creating the database right
        // now (the migration table comes before the first migration's work is committed).
        let isBeingCreated = try Bool.fetchOne(db, sql: "SELECT NOT EXISTS (SELECT 1 FROM grdb_migrations)") ?? false
        let isAccord = try Bool.fetchOne(
            db, sql: "SELECT EXISTS (SELECT 1 FROM grdb_migrations WHERE identifier = ?)",
            arguments: [Migrations.all[0].name]) ?? false
        return isAccord || isBeingCreated ? .accord : .foreign
    }

    /// Refuses a database that another application made, and an empty file unless a write may
    /// initialise it, before anything is written to it (even the switch to WAL).
    static func checkIsAccordDatabase(_ db: Database, path: String, mayInitialise: Bool) throws {
        switch try identity(db) {
        case .accord: return
        case .empty:
            guard mayInitialise else {
                throw StoreError.notAccordDatabase(path, "the file is empty; 'accord add' or 'accord import' initialises it")
            }
        case .foreign:
            throw StoreError.notAccordDatabase(path, "it is another application's SQLite database")
        }
    }

    /// The migrations recorded in the database, read with two small queries where GRDB's
    /// migrator would first load the whole schema (a cost every command paid).
    static func appliedMigrations(_ db: Database) throws -> Set<String> {
        let hasLog = try Bool.fetchOne(
            db, sql: "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'grdb_migrations')")
        guard hasLog == true else { return [] }
        return try String.fetchSet(db, sql: "SELECT identifier FROM grdb_migrations")
    }

    /// Whether every migration this Accord knows is recorded, or changes nothing on SQLite: a
    /// read then needs no write, and leaves the file as an older Accord can still read it (and
    /// a read-only tracker readable). Anything unexpected answers no, and the write path that
    /// follows (``migrate(_:path:migrations:)``) says what is wrong.
    static func hasEveryMigration(_ db: Database) -> Bool {
        guard let applied = try? appliedMigrations(db) else { return false }
        return Migrations.leaveReadsNothing(Migrations.all, applied: applied)
    }

    /// Whether `name` is shaped like a migration of Accord's: four digits, `_`, lowercase words.
    static func isMigrationName(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard bytes.count > 5, bytes.count <= 100, bytes[4] == UInt8(ascii: "_") else { return false }
        return bytes[..<4].allSatisfy { (48...57).contains($0) }
            && bytes[5...].allSatisfy { (97...122).contains($0) || (48...57).contains($0) || $0 == UInt8(ascii: "_") }
    }

    /// Applies missing migrations, each in its own transaction, refusing a newer schema; a
    /// database that gets migrations gets Accord's application id too. Without `recordsEmpty`
    /// (a read), missing migrations that change nothing on SQLite are left for the next write.
    static func migrate(
        _ writer: any DatabaseWriter, path: String, migrations: [(name: String, sql: [UInt8])],
        recordsEmpty: Bool = true
    ) throws {
        let known = Set(migrations.map(\.name))
        let applied = try writer.read { db in
            try checkIsAccordDatabase(db, path: path, mayInitialise: !db.configuration.readonly)
            return try appliedMigrations(db)
        }
        let unknown = applied.subtracting(known)
        // A newer Accord's migrations are named like ours (NNNN_lowercase_words); anything else
        // is a damaged record of them.
        if let odd = unknown.sorted().first(where: { !isMigrationName($0) }) {
            throw StoreError.unreadableValue(path, "grdb_migrations holds '\(odd.prefix(40))'")
        }
        // A newer Accord applied every migration this one knows, then more: unknown names
        // beside a missing known one are a damaged record, not a newer schema.
        if let first = unknown.sorted().first, !known.isSubset(of: applied) {
            throw StoreError.unreadableValue(path, "grdb_migrations holds '\(first.prefix(40))' but not all of this Accord's migrations")
        }
        guard unknown.isEmpty else { throw StoreError.newerSchema(path, unknown.sorted()) }
        guard applied != known else { return }
        if !recordsEmpty, Migrations.leaveReadsNothing(migrations, applied: applied) { return }
        let migrator = Migrations.migrator(migrations)
        // Two processes opening a new database can both try the first migration; the loser's
        // transaction rolls back, and trying again finds the work done.
        var attempt = 0
        while true {
            do {
                try migrator.migrate(writer)
                break
            } catch let error as DatabaseError where attempt < 3 && error.resultCode == .SQLITE_ERROR {
                attempt += 1
                let isDone = try writer.read { try migrator.hasCompletedMigrations($0) }
                if isDone { break }
            }
        }
        try writer.write { db in
            if try Int32.fetchOne(db, sql: "PRAGMA application_id") == 0 {
                try db.execute(sql: "PRAGMA application_id = \(applicationID)")
            }
        }
    }
}

import GRDB

/// The schema's migrations, compiled into the binary from `migrations/*.sql`.
enum Migrations {
    /// Every migration, in order, under its file name without `.sql`. A new file in
    /// `migrations/` must be added here; a test checks that none is missing.
    static let all: [(name: String, sql: [UInt8])] = [
        ("0001_initial", PackageResources._001_initial_sql),
        ("0002_dated_edits", PackageResources._002_dated_edits_sql),
        ("0003_domain_checks", PackageResources._003_domain_checks_sql),
        ("0004_search", PackageResources._004_search_sql),
        ("0005_function_bodies", PackageResources._005_function_bodies_sql),
        ("0006_stored_search_words", PackageResources._006_stored_search_words_sql),
    ]

    /// Whether a migration changes nothing on SQLite: comment lines only, kept so that both
    /// backends' lists of migrations match (0005 and 0006 change PostgreSQL alone).
    static func changesNothing(_ sql: [UInt8]) -> Bool {
        sql.split(separator: UInt8(ascii: "\n")).allSatisfy { line in
            let text = line.drop { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: "\r") }
            return text.isEmpty || text.starts(with: Array("--".utf8))
        }
    }

    /// Whether a read finds nothing to do with `migrations` once `applied` are recorded: each
    /// is recorded, or changes nothing on SQLite (its name is left for the next write).
    static func leaveReadsNothing(_ migrations: [(name: String, sql: [UInt8])], applied: Set<String>) -> Bool {
        migrations.allSatisfy { applied.contains($0.name) || changesNothing($0.sql) }
    }

    /// The migrator that applies `migrations` (tests add broken ones to check the rollback).
    static func migrator(_ migrations: [(name: String, sql: [UInt8])] = all) -> DatabaseMigrator {
        var migrator = DatabaseMigrator()
        for (name, sql) in migrations {
            let text = String(decoding: sql, as: UTF8.self)
            migrator.registerMigration(name) { db in
                try db.execute(sql: text)
            }
        }
        return migrator
    }
}

import AccordStore
import Foundation
import PostgresNIO

extension PostgresStore {
    /// Where a database's schema stands.
    enum SchemaState: Equatable {
        /// No tables at all: a database made for Accord that no write has used yet.
        case empty
        /// Tables, but no Accord migration log: another application's.
        case foreign
        /// Accord's, with the migrations it applied.
        case accord(Set<String>)
    }

    /// Brings the schema up to date: a read of an empty database fails (nothing to read), a
    /// write creates the schema; a database from a newer Accord is refused either way.
    func prepareSchema(for access: StoreAccess, migrations: [(name: String, sql: [UInt8])] = PostgresMigrations.all) throws {
        let known = Set(migrations.map(\.name))
        // In a transaction of its own, whose lock waits end as every transaction's do (the
        // log's table may be locked by a migration, a VACUUM FULL, a restore). READ COMMITTED:
        // the log's rows are read with a snapshot as new as the probe that found its table.
        let state = try transaction(begin: "BEGIN READ ONLY") {
            try schemaState(settings: [Self.transactionSettings])
        }
        switch state {
        case .foreign:
            throw StoreError.notADatabase(display)
        case .empty where access == .read:
            throw StoreError.noDatabase(display)
        case .accord(let applied) where applied.isEmpty && access == .read:
            // An empty log made ahead by docs/postgres-roles.sql: no tables yet, as .empty.
            throw StoreError.noDatabase(display)
        case .accord(let applied):
            let unknown = applied.subtracting(known)
            guard unknown.isEmpty else { throw StoreError.newerSchema(display, unknown.sorted()) }
            if applied == known { return }
        case .empty:
            break
        }
        try migrate(migrations)
    }

    /// Reads the schema's state in the connection's current schema, in the current
    /// transaction; `settings` (`set_config` calls) go with its first statement. The log and
    /// the other tables are looked for in one statement: in two, a migration committed
    /// between them would make Accord's new tables look like another application's.
    func schemaState(settings: [String] = []) throws -> SchemaState {
        let probe = try rows(PostgresQuery(unsafeSQL: "SELECT " + (settings + [
            "to_regclass('accord_migrations') IS NOT NULL",
            "EXISTS (SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v', 'm', 'f'))",
        ]).joined(separator: ", ")))
        guard let row = probe.first?.makeRandomAccess() else { return .empty }
        let (hasLog, hasTables) = try mapErrors {
            (try row[settings.count].decode(Bool.self), try row[settings.count + 1].decode(Bool.self))
        }
        guard hasLog else { return hasTables ? .foreign : .empty }
        let names = try rows("SELECT name FROM accord_migrations").map { row in
            try mapErrors { try row.decode(String.self) }
        }
        return .accord(Set(names))
    }

    /// Applies the missing migrations in one transaction under an advisory lock, so that two
    /// commands meeting a new database never both migrate it, and a failing migration leaves
    /// the database as it was (PostgreSQL's DDL is transactional).
    func migrate(_ migrations: [(name: String, sql: [UInt8])]) throws {
        try execute("BEGIN")
        do {
            try execute("SELECT \(Self.transactionSettings), pg_advisory_xact_lock(\(Self.migrationLock))")
            // Another command may have migrated while this one waited: look again.
            let state = try schemaState()
            var applied = Set<String>()
            switch state {
            case .foreign: throw StoreError.notADatabase(display)
            case .accord(let names): applied = names
            case .empty:
                try execute("""
                    CREATE TABLE accord_migrations (name text COLLATE "C" PRIMARY KEY, \
                    applied_at timestamptz NOT NULL DEFAULT now())
                    """)
            }
            let unknown = applied.subtracting(migrations.map(\.name))
            guard unknown.isEmpty else { throw StoreError.newerSchema(display, unknown.sorted()) }
            for (name, sql) in migrations where !applied.contains(name) {
                for statement in PostgresMigrations.statements(String(decoding: sql, as: UTF8.self)) {
                    try execute(statement)
                }
                var text = SQLText()
                text.sql = "INSERT INTO accord_migrations (name) VALUES (\(text.bind(name)))"
                try rows(text.query)
            }
            try execute("COMMIT")
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }
}

extension PostgresStore {
    /// Runs `query` and returns the single value of its single row.
    func value<T: PostgresDecodable>(_ query: PostgresQuery, as type: T.Type) throws -> T? {
        guard let cell = try rows(query).first?.makeRandomAccess()[0], cell.bytes != nil else { return nil }
        return try mapErrors { try cell.decode(T.self) }
    }
}

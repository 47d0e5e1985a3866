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
        switch try migrationLog() ?? schemaState() {
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

    /// The migrations in the log, in one round trip; nil when there is no log (then
    /// ``schemaState()`` tells an empty database from another application's). Outside a
    /// transaction only: the missing table is an error, which would end one. So no
    /// transaction's `lock_timeout` bounds its wait for the table's lock (held by a migration,
    /// a VACUUM FULL, a restore): Accord gives up after as long itself.
    private func migrationLog() throws -> SchemaState? {
        do {
            let query = PostgresQuery(unsafeSQL: "SELECT name FROM accord_migrations")
            let names = try unmappedRows(query, giveUpAfter: Self.lockWait).map { row in
                try mapErrors { try row.decode(String.self) }
            }
            return .accord(Set(names))
        } catch let error where Self.sqlState(error) == "42P01" {
            return nil
        } catch let error as PSQLError {
            throw Self.storeError(error, display: display)
        }
    }

    /// Reads the schema's state in the connection's current schema: the log and the other
    /// tables in one statement (in two, a migration committed between them would make
    /// Accord's new tables look like another application's).
    func schemaState() throws -> SchemaState {
        let probe = try rows("""
            SELECT to_regclass('accord_migrations') IS NOT NULL, EXISTS (SELECT 1 FROM pg_catalog.pg_class c \
            JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace \
            WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v', 'm', 'f'))
            """)
        guard let row = probe.first else { return .empty }
        let (hasLog, hasTables) = try mapErrors { try row.decode((Bool, Bool).self) }
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

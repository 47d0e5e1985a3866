import AccordCore
import AccordRows
import Foundation
import GRDB

/// The SQLite implementation of ``CommitmentStore``: the one type that owns an Accord database
/// file. It opens it, migrates it, and performs every read and write as a single transaction.
///
/// Its jobs live in separate files: opening and file safety (`AppDatabase+Opening`,
/// `FileSafety`), migrations (`AppDatabase+Migrating`), writes (`Persistence`), reads
/// (`AppDatabase+Reads`), requests (`Records/Requests`).
public final class AppDatabase: CommitmentStore {
    /// How long a write waits for other processes before giving up.
    static let busyTimeout: TimeInterval = 15

    let dbWriter: any DatabaseWriter
    /// The path shown in messages.
    let path: String

    /// Wraps a database connection and migrates it; refuses a database from a newer Accord.
    public convenience init(_ dbWriter: any DatabaseWriter, path: String = ":memory:") throws {
        try self.init(dbWriter, path: path, migrations: Migrations.all)
    }

    /// Wraps a connection and applies `migrations`; for a read (`isRead`), not those that
    /// change nothing on SQLite, which would only write their names.
    init(_ dbWriter: any DatabaseWriter, path: String, migrations: [(name: String, sql: [UInt8])],
         isRead: Bool = false) throws {
        self.dbWriter = dbWriter
        self.path = path
        try Self.mapErrors(path: path) {
            try Self.migrate(dbWriter, path: path, migrations: migrations, recordsEmpty: !isRead)
        }
    }

    /// The configuration shared by the application and the tests; `isStaging` for a new
    /// database being built in a file no other process knows of; `path` names the file in
    /// messages.
    public static func makeConfiguration(
        _ base: Configuration = Configuration(), isStaging: Bool = false, path: String = ":memory:"
    ) -> Configuration {
        var config = base
        config.foreignKeysEnabled = true
        // Other accord processes may be writing: wait for them instead of failing at once.
        config.busyMode = .timeout(busyTimeout)
        config.prepareDatabase { db in
            guard !db.configuration.readonly else { return }
            // Whose the file is, before anything (even the switch to WAL) is written to it.
            try checkIsAccordDatabase(db, path: path, mayInitialise: true)
            guard !isStaging else {
                // A staging file is seen by no other process and deleted if anything fails:
                // it needs neither WAL nor a journal on disk nor a sync per commit, so an
                // import into a new database writes its data once instead of twice.
                let mode = try String.fetchOne(db, sql: "PRAGMA journal_mode = MEMORY")
                guard mode == "memory" else {
                    throw DatabaseError(resultCode: .SQLITE_ERROR, message: "could not set up the new database")
                }
                try db.execute(sql: "PRAGMA synchronous = OFF")
                return
            }
            // WAL lets readers and one writer work at once across processes. It is set here
            // rather than with `journalMode = .wal`, whose set-up writes a dummy table at
            // every open and so changes the file even when a command only fails.
            // On a database already in WAL mode this statement writes nothing.
            let mode = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
            guard mode == "wal" || mode == "memory" else {
                throw DatabaseError(resultCode: .SQLITE_ERROR, message: "could not turn on WAL mode")
            }
            // A commit survives power loss, not only a killed process.
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        return config
    }

    /// Runs `body`, turning SQLite's errors into messages about this database.
    static func mapErrors<T>(path: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DatabaseError {
            throw storeError(error, path: path)
        } catch is RowDecodingError {
            // A value of Accord's own tables (or GRDB's) that cannot be what the schema says.
            throw StoreError.corrupt(path)
        }
    }

    static func storeError(_ error: DatabaseError, path: String) -> Error {
        switch error.resultCode {
        case .SQLITE_NOTADB: return StoreError.notADatabase(path)
        case .SQLITE_CORRUPT: return StoreError.corrupt(path)
        case .SQLITE_READONLY, .SQLITE_PERM: return StoreError.readOnly(path)
        case .SQLITE_BUSY, .SQLITE_LOCKED: return StoreError.busy(path)
        case .SQLITE_FULL: return StoreError.diskFull(path)
        case .SQLITE_CANTOPEN:
            return StoreError.cannotOpen(path, error.message ?? "unable to open the file")
        case .SQLITE_IOERR:
            return StoreError.ioFailure(path, error.message ?? "disk I/O error")
        default: return StoreError.database(error.message ?? "\(error)")
        }
    }

    /// Closes the connection now, as releasing the store would: SQLite checkpoints the WAL
    /// and, as the last connection, removes its files. The store cannot be used afterwards.
    public func close() throws {
        try Self.mapErrors(path: path) { try dbWriter.close() }
    }

    func write<T>(_ updates: (Database) throws -> T) throws -> T {
        do {
            return try Self.mapErrors(path: path) { try dbWriter.write(updates) }
        } catch let error as RowError {
            throw damaged(error)
        } catch StoreError.database(let message) {
            throw damaged(StoreError.database(message))
        }
    }

    /// A read: a stored value that does not parse (whether the store or the caller's
    /// formatting found it) or an unexplained SQLite error is a damaged database.
    func read<T>(_ value: (Database) throws -> T) throws -> T {
        do {
            return try Self.mapErrors(path: path) { try dbWriter.read(value) }
        } catch let error as RowError {
            throw damaged(error)
        } catch StoreError.database(let message) {
            throw damaged(StoreError.database(message))
        } catch let error as AccordError {
            switch error {
            case .invalidDate, .invalidDue, .unknownStatus: throw damaged(error)
            default: throw error
            }
        }
    }

    /// Asks SQLite whether the file is sound (`PRAGMA quick_check`) after a stored value
    /// failed to parse or an unexplained error: damaged, or changed behind Accord's back.
    func damaged(_ error: Error) -> Error {
        let check = try? dbWriter.read { db in try String.fetchAll(db, sql: "PRAGMA quick_check") }
        guard check == ["ok"] else { return StoreError.corrupt(path) }
        switch error {
        case let error as RowError:
            if case .unreadableValue(let column, let text) = error {
                return StoreError.unreadableValue(path, "column \(column) holds '\(text.prefix(40))'")
            }
            return error
        case let error as AccordError:
            return StoreError.unreadableValue(path, error.description)
        default:
            return error
        }
    }
}

import AccordCore
import AccordRows
import Foundation
import GRDB

extension AppDatabase {
    /// Opens the database file at `path`, creating it (readable and writable by its owner only)
    /// for writes, and migrating it.
    public static func open(path: String, access: StoreAccess) throws -> AppDatabase {
        let fileManager = FileManager.default
        let exists = fileManager.fileExists(atPath: path)
        if !exists {
            let folder = (path as NSString).deletingLastPathComponent
            guard folder.isEmpty || fileManager.fileExists(atPath: folder) else {
                throw StoreError.missingFolder(path)
            }
            guard access == .write else { throw StoreError.noDatabase(path) }
            try FileSafety.createFile(path)
        }
        return try mapErrors(path: path) {
            if access == .read {
                let queue: DatabaseQueue
                let isCurrent: Bool
                do {
                    (queue, isCurrent) = try openForReading(path)
                } catch let error as DatabaseError
                            where error.resultCode == .SQLITE_READONLY || error.resultCode == .SQLITE_CANTOPEN {
                    // A WAL database in a folder we cannot write: SQLite cannot make the
                    // shared-memory file readers need. No writer is active (it would have made
                    // one), so the file can be read as immutable.
                    (queue, isCurrent) = try openForReading("file:" + FileSafety.uriEscaped(path) + "?immutable=1")
                }
                if isCurrent { return try AppDatabase(queue, path: path) }
                // An older schema: migrate it once, then read.
                try queue.close()
            }
            // One connection is all a command needs; WAL lets other processes read meanwhile.
            return try FileSafety.withSetupLock(path) {
                try AppDatabase(DatabaseQueue(path: path, configuration: makeConfiguration()), path: path)
            }
        }
    }

    /// Runs `body` on the database at `path`, opened for writing. When no database exists there
    /// yet, `body` fills a new one in a hidden file beside it, which takes the place of `path`
    /// only once `body` has succeeded: a failed import leaves no empty database behind. A
    /// database that another process creates at `path` meanwhile is never overwritten.
    public static func write<T>(creatingAt path: String, _ body: (AppDatabase) throws -> T) throws -> T {
        let folder = (path as NSString).deletingLastPathComponent
        guard !FileManager.default.fileExists(atPath: path), access(folder.isEmpty ? "." : folder, W_OK) == 0 else {
            // An existing database, or a folder that open(path:access:) explains the trouble with.
            return try body(try open(path: path, access: .write))
        }
        let prefix = "." + (path as NSString).lastPathComponent + ".new-"
        FileSafety.removeStagingFiles(in: folder.isEmpty ? "." : folder, prefix: prefix)
        let staging = (folder.isEmpty ? "" : folder + "/") + prefix + "\(getpid())-\(UInt32.random(in: .min ... .max))"
        defer {
            for suffix in ["", "-wal", "-shm"] { unlink(staging + suffix) }
        }
        try FileSafety.createFile(staging, shownAs: path)
        let store = try mapErrors(path: path) {
            try FileSafety.withSetupLock(staging) {
                try AppDatabase(DatabaseQueue(path: staging, configuration: makeConfiguration(isStaging: true)), path: path)
            }
        }
        let result: T
        do {
            result = try body(store)
        } catch {
            try? store.dbWriter.close()
            throw error
        }
        // Into WAL mode like every Accord database, then onto the disk before it is published.
        try mapErrors(path: path) {
            try store.dbWriter.writeWithoutTransaction { db in
                let mode = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
                guard mode == "wal" else {
                    throw DatabaseError(resultCode: .SQLITE_ERROR, message: "could not turn on WAL mode")
                }
            }
            try store.dbWriter.close()
        }
        try FileSafety.sync(staging, shownAs: path)
        // A hard link fails if a file appeared at `path`; where the file system has no hard
        // links, a rename after checking comes closest.
        if link(staging, path) != 0 {
            let code = errno
            guard code != EEXIST, !FileManager.default.fileExists(atPath: path) else {
                throw StoreError.createdMeanwhile(path)
            }
            guard rename(staging, path) == 0 else {
                throw StoreError.cannotOpen(path, String(cString: strerror(errno)))
            }
        }
        // The new name, too, must survive a power loss.
        try? FileSafety.sync(folder.isEmpty ? "." : folder, shownAs: path)
        return result
    }

    /// Opens a read-only connection and tells whether the schema is current.
    private static func openForReading(_ path: String) throws -> (DatabaseQueue, Bool) {
        var config = makeConfiguration()
        config.readonly = true
        let queue = try DatabaseQueue(path: path, configuration: config)
        let isCurrent = try queue.read { db in
            try checkIsAccordDatabase(db, path: path)
            return try Migrations.migrator().hasCompletedMigrations(db)
        }
        return (queue, isCurrent)
    }
}

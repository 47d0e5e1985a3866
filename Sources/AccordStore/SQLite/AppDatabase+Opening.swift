import AccordCore
import AccordRows
import Foundation
import GRDB

extension AppDatabase {
    /// Opens the database file at `path` (a symbolic link is followed, even to a file that
    /// does not exist yet), creating it (readable and writable by its owner only) for writes,
    /// and migrating it. Messages name `path` as given.
    public static func open(path shown: String, access: StoreAccess) throws -> AppDatabase {
        let path = FilePaths.resolvingSymlinks(shown)
        let exists = try FileSafety.isRegularFile(path, shownAs: shown)
        let folder = FileSafety.folder(of: path)
        if !exists {
            // A read finds no database whatever the reason, with the same message and exit.
            guard access == .write else { throw StoreError.noDatabase(shown) }
            guard FileManager.default.fileExists(atPath: folder) else { throw StoreError.missingFolder(shown) }
        }
        if access == .write {
            // Staging files of imports killed earlier go at the next write.
            FileSafety.removeStagingFiles(in: folder, prefix: stagingPrefix(path))
            if !exists { try FileSafety.createFile(path, shownAs: shown) }
        }
        return try mapErrors(path: shown) {
            if access == .read {
                let (queue, isCurrent) = try ReadConnection.open(path, shownAs: shown)
                if isCurrent { return try AppDatabase(queue, path: shown, migrations: Migrations.all, isRead: true) }
                // An older Accord schema: migrate it once, then read.
                try queue.close()
            }
            // One connection is all a command needs; WAL lets other processes read meanwhile.
            return try FileSafety.withSetupLock(path) {
                try AppDatabase(DatabaseQueue(path: path, configuration: makeConfiguration(path: shown)), path: shown)
            }
        }
    }

    /// The name prefix of the hidden files that new databases at `path` are built in.
    static func stagingPrefix(_ path: String) -> String {
        "." + (path as NSString).lastPathComponent + ".new-"
    }

    /// Runs `body` on the database at `path`, opened for writing. When no database exists there
    /// yet, `body` fills a new one in a hidden file beside it, which takes the place of `path`
    /// only once `body` has succeeded: a failed import leaves no empty database behind. A
    /// database that another process creates at `path` meanwhile is never overwritten.
    public static func write<T>(creatingAt shown: String, _ body: (AppDatabase) throws -> T) throws -> T {
        let path = FilePaths.resolvingSymlinks(shown)
        let folder = FileSafety.folder(of: path)
        guard try !FileSafety.isRegularFile(path, shownAs: shown), Foundation.access(folder, W_OK) == 0 else {
            // An existing database, or a folder that open(path:access:) explains the trouble with.
            return try body(try open(path: shown, access: .write))
        }
        let prefix = stagingPrefix(path)
        FileSafety.removeStagingFiles(in: folder, prefix: prefix)
        let staging = folder + "/" + prefix + "\(getpid())-\(UInt32.random(in: .min ... .max))"
        defer {
            for suffix in ["", "-wal", "-shm"] { unlink(staging + suffix) }
        }
        try FileSafety.createFile(staging, shownAs: shown)
        let store = try mapErrors(path: shown) {
            try FileSafety.withSetupLock(staging) {
                try AppDatabase(DatabaseQueue(path: staging, configuration: makeConfiguration(isStaging: true, path: shown)),
                                path: shown)
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
        try mapErrors(path: shown) {
            try store.dbWriter.writeWithoutTransaction { db in
                let mode = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
                guard mode == "wal" else {
                    throw DatabaseError(resultCode: .SQLITE_ERROR, message: "could not turn on WAL mode")
                }
            }
            try store.dbWriter.close()
        }
        try FileSafety.sync(staging, shownAs: shown)
        // A hard link fails if a file appeared at `path`; where the file system has no hard
        // links, a rename after checking comes closest.
        if link(staging, path) != 0 {
            let code = errno
            guard code != EEXIST, !FileManager.default.fileExists(atPath: path) else {
                throw StoreError.createdMeanwhile(shown)
            }
            guard rename(staging, path) == 0 else {
                throw StoreError.cannotOpen(shown, String(cString: strerror(errno)))
            }
        }
        // The new name, too, must survive a power loss.
        try? FileSafety.sync(folder, shownAs: shown)
        return result
    }
}

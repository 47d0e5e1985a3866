import Foundation
import GRDB

/// How a read command opens a database: it sees every committed change, creates no schema,
/// and leaves no file behind that was not there (nor one that would block a later write).
///
/// - When the user may write the database and its folder, the connection may write (SQLite
///   then creates the -wal and -shm files a WAL database needs with the database's owner and
///   mode, and the last connection to close removes them) but runs only queries.
/// - Otherwise it opens read-only when that creates nothing: a database not in WAL mode, or one
///   whose -shm file exists (another connection is open).
/// - Otherwise (a WAL database whose -shm SQLite could not make, or would make with modes
///   that block the owner's next write): without a -wal holding changes, the file alone is
///   the whole database and is read as immutable; with one, the database and its -wal are
///   copied into a private temporary folder and read there, so no committed change is missed.
enum ReadConnection {
    /// Opens `path` for reading and tells whether its schema is current.
    static func open(_ path: String, shownAs shown: String) throws -> (DatabaseQueue, Bool) {
        let folder = FileSafety.folder(of: path)
        if access(path, R_OK | W_OK) == 0 && access(folder, W_OK) == 0 {
            return try connect("file:" + FileSafety.uriEscaped(path) + "?mode=rw", readonly: false, shownAs: shown)
        }
        let isWAL = FileSafety.isInWALMode(path)
        if !isWAL || FileManager.default.fileExists(atPath: path + "-shm") {
            do {
                return try connect(path, readonly: true, shownAs: shown)
            } catch let error as DatabaseError
                        where isWAL && (error.resultCode == .SQLITE_READONLY || error.resultCode == .SQLITE_CANTOPEN) {
                // The -shm file cannot be used: read a snapshot below.
            }
        }
        var info = stat()
        guard stat(path + "-wal", &info) == 0, info.st_size > 0 else {
            return try connect("file:" + FileSafety.uriEscaped(path) + "?immutable=1", readonly: true, shownAs: shown)
        }
        return try readPrivateCopy(path, shownAs: shown)
    }

    /// Copies the database and its -wal into a private folder, opens the copy, and removes the
    /// files once SQLite holds them open (they vanish when the connection closes).
    private static func readPrivateCopy(_ path: String, shownAs shown: String) throws -> (DatabaseQueue, Bool) {
        var template = Array((NSTemporaryDirectory() + "/accord-read-" + String(repeating: "X", count: 6)).utf8CString)
        guard let made = mkdtemp(&template) else {
            throw StoreError.cannotOpen(shown, "its -wal file needs a private copy, and the temporary folder is not writable")
        }
        let folder = String(cString: made)
        let copy = folder + "/db.sqlite"
        defer {
            for suffix in ["", "-wal", "-shm", "-journal"] { unlink(copy + suffix) }
            rmdir(folder)
        }
        do {
            try FileManager.default.copyItem(atPath: path, toPath: copy)
            try FileManager.default.copyItem(atPath: path + "-wal", toPath: copy + "-wal")
        } catch {
            throw StoreError.cannotOpen(shown, "cannot copy it and its -wal file to read them: \(error.localizedDescription)")
        }
        chmod(copy, 0o600)
        chmod(copy + "-wal", 0o600)
        return try connect(copy, readonly: true, shownAs: shown)
    }

    /// Opens a connection, checks whose the database is and whether its schema is current;
    /// this first read opens every file SQLite needs.
    private static func connect(_ location: String, readonly: Bool, shownAs shown: String) throws -> (DatabaseQueue, Bool) {
        var config = Configuration()
        config.readonly = readonly
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(AppDatabase.busyTimeout)
        let queue = try DatabaseQueue(path: location, configuration: config)
        let isCurrent = try queue.read { db in
            try AppDatabase.checkIsAccordDatabase(db, path: shown, mayInitialise: false)
            return AppDatabase.hasEveryMigration(db)
        }
        return (queue, isCurrent)
    }
}

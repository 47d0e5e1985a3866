import Foundation

/// File-level safety around the database: creating files with their mode, syncing, the setup
/// lock, staging files of killed processes.
enum FileSafety {
    /// Flushes a file (or a folder's entries) to the disk.
    static func sync(_ path: String, shownAs shown: String) throws {
        let fd = Foundation.open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw StoreError.cannotOpen(shown, String(cString: strerror(errno))) }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw StoreError.cannotOpen(shown, String(cString: strerror(errno))) }
    }

    /// The folder of `path` ("." for a bare name).
    static func folder(of path: String) -> String {
        let folder = (path as NSString).deletingLastPathComponent
        return folder.isEmpty ? "." : folder
    }

    /// Whether a regular file exists at `path`: false when nothing is there; an error when it
    /// is a folder, a FIFO (which would hang every open) or anything but a regular file.
    static func isRegularFile(_ path: String, shownAs shown: String) throws -> Bool {
        var info = stat()
        guard stat(path, &info) == 0 else { return false }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return true
        case S_IFDIR: throw StoreError.notAFile(shown, "a folder")
        case S_IFIFO: throw StoreError.notAFile(shown, "a FIFO")
        case S_IFCHR, S_IFBLK: throw StoreError.notAFile(shown, "a device")
        default: throw StoreError.notAFile(shown, "a socket or another special file")
        }
    }

    /// Whether the database file's header says WAL mode (bytes 18 and 19 are 2).
    static func isInWALMode(_ path: String) -> Bool {
        let fd = Foundation.open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var header = [UInt8](repeating: 0, count: 20)
        return pread(fd, &header, 20, 0) == 20 && header[18] == 2 && header[19] == 2
    }

    /// Removes the staging files (`<prefix><pid>-<random>`, and their -wal and -shm) that
    /// processes killed while creating a database left behind.
    static func removeStagingFiles(in folder: String, prefix: String) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        for name in names where name.hasPrefix(prefix) {
            guard let pid = Int32(name.dropFirst(prefix.count).prefix { $0 != "-" }),
                  kill(pid, 0) != 0 && errno == ESRCH else { continue }
            unlink(folder + "/" + name)
        }
    }

    /// Descriptors kept open for the life of the process: closing any descriptor of a file
    /// drops the process's POSIX locks on it, SQLite's included.
    nonisolated(unsafe) static var setupLockDescriptors: [Int32] = []
    static let setupLockGuard = NSLock()

    /// Runs the opening of a database (turning on WAL, migrating) while holding an exclusive
    /// flock on its file, so that processes opening a brand-new database one moment apart set
    /// it up one after the other instead of racing for SQLite's locks. flock and SQLite's
    /// fcntl locks do not interact on Linux. After 15 s it goes ahead without the lock.
    static func withSetupLock<T>(_ path: String, _ body: () throws -> T) throws -> T {
        let fd = Foundation.open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return try body() }
        setupLockGuard.withLock { setupLockDescriptors.append(fd) }
        var isLocked = false
        for _ in 0..<1500 {
            if flock(fd, LOCK_EX | LOCK_NB) == 0 {
                isLocked = true
                break
            }
            usleep(10_000)
        }
        defer { if isLocked { flock(fd, LOCK_UN) } }
        return try body()
    }

    /// Escapes a path for an SQLite URI filename.
    static func uriEscaped(_ path: String) -> String {
        var result = ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "%"), UInt8(ascii: "?"), UInt8(ascii: "#"), 0..<0x20, 0x80...:
                result += "%" + String(format: "%02X", byte)
            default:
                result.unicodeScalars.append(Unicode.Scalar(byte))
            }
        }
        return result
    }

    /// Creates an empty file with mode 0600 whatever the umask; SQLite gives its -wal and
    /// -shm files the same mode. Messages name `shown` (the database a staging file is for).
    static func createFile(_ path: String, shownAs shown: String? = nil) throws {
        let fd = Foundation.open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
        if fd < 0 {
            let code = errno
            // Another process created it first: use theirs.
            if code == EEXIST { return }
            if code == EACCES || code == EROFS || code == EPERM {
                throw StoreError.cannotOpen(shown ?? path, "its folder is not writable")
            }
            throw StoreError.cannotOpen(shown ?? path, String(cString: strerror(code)))
        }
        fchmod(fd, 0o600)
        close(fd)
    }
}

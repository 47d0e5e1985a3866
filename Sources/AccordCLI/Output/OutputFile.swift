import AccordStore
import Foundation

/// Where `export --output` writes, chosen so that nothing already there is harmed:
///
/// - `-` is standard output;
/// - a symbolic link is followed, and its target written;
/// - a missing file, or a regular file the user may write, is replaced atomically: the output
///   goes to a temporary file beside it (named with the process id, removed on SIGINT, SIGTERM
///   and SIGHUP, swept by a later export once that process is gone) that takes its place only
///   when complete, with the old file's mode and owner (a new file gets 0666 less the umask);
/// - a regular file with several hard links is refused: renaming over it would split them,
///   and writing into it would leave half a file behind on a failure;
/// - a character device or a FIFO is written directly, streaming;
/// - a folder, a block device, a socket, and the database or one of its side files, are refused.
final class OutputFile {
    /// The buffered writer to use.
    let output: Output
    private let path: String
    private let target: String
    private var temporaryPath: String?
    private var fd: Int32

    /// Opens `path` for writing, refusing it when it is one of `protected` (the database files).
    init(path: String, protecting protected: [String]) throws {
        self.path = path
        guard path != "-" else {
            (target, fd, output) = (path, -1, .standard)
            return
        }
        let target = FilePaths.resolvingSymlinks(path)
        self.target = target
        if protected.contains(where: { FilePaths.areSameFile($0, target) }) {
            throw CLIError.cannotWrite(path, "it is the database or one of its files; choose another output")
        }
        var info = stat()
        guard stat(target, &info) == 0 else {
            guard errno == ENOENT else { throw CLIError.cannotWrite(path, String(cString: strerror(errno))) }
            let mask = umask(0)
            umask(mask)
            (fd, temporaryPath) = try Self.makeTemporaryFile(beside: target, shownAs: path)
            fchmod(fd, 0o666 & ~mask)
            output = Output(fd: fd, path: path)
            return
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG:
            guard access(target, W_OK) == 0 else { throw CLIError.cannotWrite(path, "permission denied") }
            guard info.st_nlink <= 1 else {
                throw CLIError.cannotWrite(
                    path, "it has \(info.st_nlink) hard links, which replacing it would split; write to another file")
            }
            (fd, temporaryPath) = try Self.makeTemporaryFile(beside: target, shownAs: path)
            fchmod(fd, info.st_mode & 0o777)
            _ = fchown(fd, info.st_uid, info.st_gid)
        case S_IFCHR, S_IFIFO:
            fd = Foundation.open(target, O_WRONLY | O_NOCTTY | O_CLOEXEC)
            guard fd >= 0 else { throw CLIError.cannotWrite(path, String(cString: strerror(errno))) }
        case S_IFDIR:
            throw CLIError.cannotWrite(path, "it is a folder")
        default:
            throw CLIError.cannotWrite(path, "it is not a regular file, a character device or a FIFO")
        }
        output = Output(fd: fd, path: path)
    }

    /// Writes out the rest and, for a replaced file, syncs it and renames it into place.
    func commit() throws {
        try output.flush()
        guard fd >= 0 else { return }
        if temporaryPath != nil && fsync(fd) != 0 {
            throw CLIError.cannotWrite(path, String(cString: strerror(errno)))
        }
        let closed = close(fd)
        fd = -1
        guard closed == 0 else { throw CLIError.cannotWrite(path, String(cString: strerror(errno))) }
        guard let temporaryPath else { return }
        guard rename(temporaryPath, target) == 0 else {
            throw CLIError.cannotWrite(path, String(cString: strerror(errno)))
        }
        self.temporaryPath = nil
        TemporaryFiles.unregister()
    }

    deinit {
        if fd >= 0 { close(fd) }
        if let temporaryPath {
            unlink(temporaryPath)
            TemporaryFiles.unregister()
        }
    }

    /// Creates `.<name>.accord-<pid>-` followed by six random characters beside `target`,
    /// after removing those that exports killed earlier left behind.
    private static func makeTemporaryFile(beside target: String, shownAs path: String) throws -> (Int32, String) {
        let url = URL(fileURLWithPath: target)
        let folder = url.deletingLastPathComponent().path
        let prefix = "." + url.lastPathComponent + ".accord-"
        TemporaryFiles.removeStale(in: folder, prefix: prefix)
        // mkstemp replaces the six trailing X's with a unique suffix. The signals that remove
        // the file wait until it is registered.
        var template = Array((folder + "/" + prefix + "\(getpid())-" + String(repeating: "X", count: 6)).utf8CString)
        let fd = TemporaryFiles.withSignalsHeld {
            let fd = mkstemp(&template)
            if fd >= 0 { TemporaryFiles.register(String(cString: template.map { CChar($0) })) }
            return fd
        }
        guard fd >= 0 else {
            let code = errno
            if code == EACCES || code == EROFS || code == EPERM {
                throw CLIError.cannotWrite(path, "its folder is not writable (the file is replaced through a temporary file beside it)")
            }
            throw CLIError.cannotWrite(path, String(cString: strerror(code)))
        }
        return (fd, String(cString: template.map { CChar($0) }))
    }
}

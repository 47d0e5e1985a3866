import Foundation

/// Paths as the file system resolves them, for the database and for the files commands write.
public enum FilePaths {
    /// The path that `path` leads to once every symbolic link in its last component is
    /// followed, even when the last link dangles (its target does not exist yet): the file to
    /// create, replace or compare. A loop is left as it is, for `open` to report.
    public static func resolvingSymlinks(_ path: String) -> String {
        var current = path
        for _ in 0..<40 {
            var info = stat()
            guard lstat(current, &info) == 0, info.st_mode & S_IFMT == S_IFLNK else { return current }
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let length = readlink(current, &buffer, buffer.count - 1)
            guard length > 0 else { return current }
            let target = String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if target.hasPrefix("/") {
                current = target
            } else {
                let folder = (current as NSString).deletingLastPathComponent
                current = folder.isEmpty ? target : folder + "/" + target
            }
        }
        return current
    }

    /// Whether two paths name the same file: the same device and inode when both exist, else
    /// the same resolved path (folders resolved through `realpath`).
    public static func areSameFile(_ first: String, _ second: String) -> Bool {
        var a = stat(), b = stat()
        let firstExists = stat(first, &a) == 0, secondExists = stat(second, &b) == 0
        if firstExists && secondExists { return a.st_dev == b.st_dev && a.st_ino == b.st_ino }
        return canonical(first) == canonical(second)
    }

    /// An absolute path with its folder resolved by `realpath` and its last component as given.
    static func canonical(_ path: String) -> String {
        let resolved = resolvingSymlinks(path)
        let name = (resolved as NSString).lastPathComponent
        var folder = (resolved as NSString).deletingLastPathComponent
        if folder.isEmpty { folder = "." }
        guard let real = realpath(folder, nil) else { return resolved }
        defer { free(real) }
        return String(cString: real) + "/" + name
    }
}

extension AppDatabase {
    /// The files of the database at `path` (itself and its -wal, -shm and -journal), which a
    /// command must never write over.
    public static func files(atPath path: String) -> [String] {
        let resolved = FilePaths.resolvingSymlinks(path)
        return [resolved] + ["-wal", "-shm", "-journal"].map { resolved + $0 }
    }
}

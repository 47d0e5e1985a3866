import Foundation

/// The temporary file an export is writing, removed if the process is interrupted: a signal
/// handler unlinks it (only async-signal-safe calls), then lets the signal take its course.
enum TemporaryFiles {
    /// The path to remove, as a C string kept alive until it is replaced; nil when none.
    nonisolated(unsafe) private static var registered: UnsafeMutablePointer<CChar>?
    nonisolated(unsafe) private static var isInstalled = false

    /// Ignores SIGXFSZ, so that a write beyond the file-size limit (`ulimit -f`) fails with
    /// EFBIG and is reported as one error line instead of killing the process.
    static func ignoreFileSizeSignal() {
        signal(SIGXFSZ, SIG_IGN)
    }

    /// Registers the file to remove on SIGINT, SIGTERM or SIGHUP.
    static func register(_ path: String) {
        let previous = registered
        registered = strdup(path)
        free(previous)
        guard !isInstalled else { return }
        isInstalled = true
        for signalNumber in [SIGINT, SIGTERM, SIGHUP] {
            var action = sigaction()
            #if os(Linux)
            action.__sigaction_handler.sa_handler = TemporaryFiles.handle
            #else
            action.__sigaction_u.__sa_handler = TemporaryFiles.handle
            #endif
            sigemptyset(&action.sa_mask)
            action.sa_flags = Int32(truncatingIfNeeded: SA_RESETHAND)
            sigaction(signalNumber, &action, nil)
        }
    }

    /// Runs `body` with SIGINT, SIGTERM and SIGHUP held back, so that a file it creates is
    /// registered before a signal can end the process.
    static func withSignalsHeld<T>(_ body: () -> T) -> T {
        var held = sigset_t(), previous = sigset_t()
        sigemptyset(&held)
        for signalNumber in [SIGINT, SIGTERM, SIGHUP] { sigaddset(&held, signalNumber) }
        pthread_sigmask(SIG_BLOCK, &held, &previous)
        defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
        return body()
    }

    /// Forgets the file: it was renamed into place or removed.
    static func unregister() {
        let previous = registered
        registered = nil
        free(previous)
    }

    /// The handler: removes the file, then raises the signal again with its default action
    /// (SA_RESETHAND restored it), so the exit status still tells of the signal.
    private static let handle: @convention(c) (Int32) -> Void = { signalNumber in
        if let path = TemporaryFiles.registered { unlink(path) }
        raise(signalNumber)
    }

    /// Removes `<prefix><pid>-…` files in `folder` whose process no longer exists: exports
    /// killed with SIGKILL (which no handler sees) left them. A live process's file is kept.
    static func removeStale(in folder: String, prefix: String) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        for name in names where name.hasPrefix(prefix) {
            guard let pid = Int32(name.dropFirst(prefix.count).prefix { $0 != "-" }), pid > 0,
                  kill(pid, 0) != 0 && errno == ESRCH else { continue }
            unlink(folder + "/" + name)
        }
    }
}

import AccordRows
import Foundation

/// A buffered writer to a file descriptor: reports stream through it without a system call
/// per row.
final class Output {
    /// Standard output.
    nonisolated(unsafe) static let standard = Output(fd: STDOUT_FILENO, path: "standard output")
    /// Standard error, for lines whose loss must fail the command (an import's summary).
    nonisolated(unsafe) static let standardError = Output(fd: STDERR_FILENO, path: "standard error")

    /// Writes a message to standard error at once, as well as it can: a message that cannot
    /// be written (standard error closed or full) is dropped rather than crashing the process.
    static func message(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return }
            var offset = 0
            while offset < bytes.count {
                let written = Foundation.write(STDERR_FILENO, base + offset, bytes.count - offset)
                if written < 0 && errno == EINTR { continue }
                guard written > 0 else { return }
                offset += written
            }
        }
    }

    private let fd: Int32
    private let path: String
    private static let capacity = 1 << 16
    private let buffer = ByteBuffer(capacity: 2 * capacity)

    init(fd: Int32, path: String) {
        self.fd = fd
        self.path = path
    }

    /// Appends text, writing out the buffer when it is full.
    func write(_ text: String) throws {
        buffer.append(text)
        if buffer.count >= Self.capacity { try flush() }
    }

    /// Lets `body` append bytes to the buffer directly, then writes it out if it is full.
    func append(_ body: (ByteBuffer) throws -> Void) throws {
        try body(buffer)
        if buffer.count >= Self.capacity { try flush() }
    }

    /// Writes out everything buffered.
    func flush() throws {
        defer { buffer.removeAll() }
        try buffer.withUnsafeBytes { bytes in
            guard let base = bytes.baseAddress else { return }
            var offset = 0
            while offset < bytes.count {
                let written = Foundation.write(fd, base + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw CLIError.cannotWrite(path, String(cString: strerror(errno)))
                }
                offset += written
            }
        }
    }

    /// Drops what is buffered, unwritten.
    func discard() {
        buffer.removeAll()
    }

    /// Whether standard output is a terminal.
    static var isTerminal: Bool { isatty(STDOUT_FILENO) == 1 }

    /// The terminal's width in columns, if standard output is one.
    static var terminalWidth: Int? {
        if let columns = Environment.value("COLUMNS").flatMap(Int.init), columns > 20 {
            return columns
        }
        var size = winsize()
        guard isTerminal, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }
}

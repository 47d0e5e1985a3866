import Foundation
import PostgresNIO

/// Hands COPY data from the synchronous thread that encodes an import to the task that sends
/// it, a few chunks ahead at most: the sender waits for credit, the task gives it back for
/// each chunk it sent. When the task ends early (the server refused the data, the connection
/// dropped), `send` throws instead of waiting for ever.
///
/// The stream and its continuation are thread-safe; the failure has its lock; the credits
/// are a semaphore. Hence `@unchecked Sendable`.
final class CopyFeed: @unchecked Sendable {
    /// The chunks, in order, for the sending task.
    let chunks: AsyncStream<ByteBuffer>
    private let continuation: AsyncStream<ByteBuffer>.Continuation
    private let credits = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var failure: (any Error)?

    /// A feed with `depth` chunks of credit.
    init(depth: Int = 4) {
        (chunks, continuation) = AsyncStream.makeStream(of: ByteBuffer.self)
        // Created empty and signalled: libdispatch traps when a semaphore ends below its start.
        for _ in 0..<depth { credits.signal() }
    }

    /// Sends a chunk once there is credit; throws why the task stopped, if it did.
    func send(_ chunk: ByteBuffer) throws {
        credits.wait()
        if let failure = lock.withLock({ failure }) {
            credits.signal()
            throw failure
        }
        continuation.yield(chunk)
    }

    /// The task sent a chunk.
    func sent() {
        credits.signal()
    }

    /// The task stopped with `error`: wakes a waiting sender.
    func fail(_ error: any Error) {
        lock.withLock { failure = error }
        continuation.finish()
        credits.signal()
    }

    /// No more chunks.
    func finish() {
        continuation.finish()
    }
}

/// COPY's text format: fields separated by tabs, rows ending in a newline, `\N` for NULL,
/// and backslash, tab, newline and carriage return escaped.
struct CopyEncoder {
    /// The rows encoded so far.
    var buffer = ByteBufferAllocator().buffer(capacity: 1 << 18)
    private var isFirstField = true

    /// Adds a field.
    mutating func field(_ text: String?) {
        if !isFirstField { buffer.writeInteger(UInt8(ascii: "\t")) }
        isFirstField = false
        guard var text else {
            buffer.writeStaticString("\\N")
            return
        }
        text.withUTF8 { bytes in
            guard bytes.contains(where: { $0 == 0x5C || $0 < 0x20 }) else {
                buffer.writeBytes(bytes)
                return
            }
            for byte in bytes {
                switch byte {
                case 0x5C: buffer.writeStaticString("\\\\")
                case 0x09: buffer.writeStaticString("\\t")
                case 0x0A: buffer.writeStaticString("\\n")
                case 0x0D: buffer.writeStaticString("\\r")
                case 0x00..<0x20:
                    // Other control characters as octal escapes.
                    buffer.writeInteger(UInt8(ascii: "\\"))
                    buffer.writeString(String(byte, radix: 8).leftPadded(to: 3))
                default: buffer.writeInteger(byte)
                }
            }
        }
    }

    /// Adds an integer field.
    mutating func field(_ number: Int64) {
        field(String(number))
    }

    /// Ends the row.
    mutating func endRow() {
        buffer.writeInteger(UInt8(ascii: "\n"))
        isFirstField = true
    }
}

private extension String {
    func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}

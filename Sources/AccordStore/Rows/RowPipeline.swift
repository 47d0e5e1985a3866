import AccordCore
import AccordRows
import Foundation

/// Runs a ``RowReader`` on its own thread, two batches ahead at most, while the calling thread
/// formats. The connection is used by the reading thread alone until it finishes: SQLite's
/// multi-thread mode allows that, and GRDB's transaction is opened before and closed after.
///
/// The batches change hands through the `free` and `filled` semaphores, which order every
/// access to them; the cancellation flag has its lock. Hence `@unchecked Sendable`.
final class RowPipeline: @unchecked Sendable {
    private let reader: RowReader
    /// Two boxes, so that each thread holds its own batch.
    private final class Box {
        var batch = RowBatch()
    }

    private let batches = [Box(), Box()]
    /// (Created empty and signalled once per batch: libdispatch traps when a semaphore is
    /// released below the value it was created with.)
    private let free = DispatchSemaphore(value: 0)
    private let filled = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)
    /// Set by the formatting thread when it stops early; the reading thread then stops too.
    private var isCancelled: Bool {
        get { cancellationLock.withLock { cancelled } }
        set { cancellationLock.withLock { cancelled = newValue } }
    }
    private var cancelled = false
    private let cancellationLock = NSLock()

    init(reader: RowReader) {
        self.reader = reader
        for _ in batches { free.signal() }
    }

    func run(_ body: (CommitmentRow) throws -> Void) throws {
        let thread = Thread { [self] in
            read()
            finished.signal()
        }
        thread.start()
        defer { finished.wait() }
        var index = 0
        while true {
            filled.wait()
            let box = batches[index % 2]
            do {
                try box.batch.forEachRow(body)
                if let error = box.batch.error { throw error }
            } catch {
                isCancelled = true
                free.signal()
                throw error
            }
            if box.batch.isLast { return }
            free.signal()
            index += 1
        }
    }

    /// The reading thread: fills the batches in turn until the rows run out or an error.
    private func read() {
        var index = 0
        while true {
            free.wait()
            if isCancelled { return }
            let box = batches[index % 2]
            box.batch.removeAll()
            do {
                try reader.fill(&box.batch)
            } catch {
                box.batch.error = error
                box.batch.isLast = true
            }
            let isLast = box.batch.isLast
            filled.signal()
            if isLast { return }
            index += 1
        }
    }
}


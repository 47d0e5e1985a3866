import Foundation

/// Runs a producer on a second thread and hands what it emits to the calling thread in order,
/// in batches, a few batches ahead at most: an import parses and checks the next rows while
/// SQLite stores the last ones (each took about half of a million-row import).
///
/// Every shared property is read and written with `condition` locked; hence
/// `@unchecked Sendable`.
final class Prefetch<Element: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var ready: [[Element]] = []
    private var isFinished = false
    private var failure: (any Error)?
    private var isCancelled = false
    private let batchSize: Int
    private let depth: Int

    private init(batchSize: Int, depth: Int) {
        self.batchSize = batchSize
        self.depth = depth
    }

    /// Calls `consume` on this thread with each element that `produce` emits on another, in the
    /// order emitted. An error of `produce` is thrown after the elements emitted before it;
    /// an error of `consume` stops `produce` at its next emit. Returns once both have stopped.
    static func run(
        batchSize: Int = 256, depth: Int = 4,
        produce: @escaping @Sendable (_ emit: (Element) throws -> Void) throws -> Void,
        consume: (Element) throws -> Void
    ) throws {
        let prefetch = Prefetch(batchSize: batchSize, depth: depth)
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            prefetch.produce(produce)
            done.signal()
        }
        thread.start()
        defer { done.wait() }
        do {
            while let batch = try prefetch.next() {
                for element in batch { try consume(element) }
            }
        } catch {
            prefetch.cancel()
            throw error
        }
    }

    /// The producing thread: emits in batches until `produce` returns, throws or is cancelled.
    private func produce(_ produce: (_ emit: (Element) throws -> Void) throws -> Void) {
        var batch: [Element] = []
        batch.reserveCapacity(batchSize)
        var error: (any Error)?
        do {
            try produce { element in
                batch.append(element)
                if batch.count == batchSize {
                    try push(batch)
                    batch.removeAll(keepingCapacity: true)
                }
            }
        } catch let caught {
            error = caught
        }
        // What was emitted before the end or the error goes first (unless the consumer stopped).
        if !(error is CancellationError) && !batch.isEmpty {
            do { try push(batch) } catch let caught { error = caught }
        }
        condition.withLock {
            if !(error is CancellationError) { failure = error }
            isFinished = true
            condition.broadcast()
        }
    }

    private func push(_ batch: [Element]) throws {
        try condition.withLock {
            while ready.count >= depth && !isCancelled { condition.wait() }
            if isCancelled { throw CancellationError() }
            ready.append(batch)
            condition.broadcast()
        }
    }

    /// The next batch, nil at the end, or the producer's error.
    private func next() throws -> [Element]? {
        try condition.withLock {
            while ready.isEmpty && !isFinished { condition.wait() }
            guard !ready.isEmpty else {
                if let failure { throw failure }
                return nil
            }
            condition.broadcast()
            return ready.removeFirst()
        }
    }

    private func cancel() {
        condition.withLock {
            isCancelled = true
            condition.broadcast()
        }
    }
}

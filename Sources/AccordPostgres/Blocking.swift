import Foundation

/// Async work started from synchronous code: a `Task` runs it while the thread that asks for
/// the result waits on a semaphore. The CLI stays synchronous.
///
/// The task runs on its own executor (``BridgeExecutor``), not on the cooperative pool: a
/// caller that is itself a pool thread (a test, a Swift concurrency caller) may then wait
/// without starving the work it waits for.
///
/// The result is written by the task before it signals and read after the wait, so the
/// semaphore orders both accesses: hence `@unchecked Sendable`.
final class Pending<Value: Sendable>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var result: Result<Value, any Error>?
    private var isCollected = false

    /// Starts `work` at once.
    init(_ work: @escaping @Sendable () async throws -> Value) {
        Task(executorPreference: BridgeExecutor.shared) {
            do {
                self.result = .success(try await work())
            } catch {
                self.result = .failure(error)
            }
            self.done.signal()
        }
    }

    /// Waits for the work to end and returns its value or throws its error; may be called
    /// again, returning the same outcome.
    func wait() throws -> Value {
        if !isCollected {
            done.wait()
            isCollected = true
        }
        guard let result else { throw PostgresBridgeError.noResult }
        return try result.get()
    }
}

/// A failure of the bridge itself (never expected).
enum PostgresBridgeError: Error {
    /// The task ended without a result.
    case noResult
}

/// The executor of the bridge's tasks: one serial dispatch queue. Its jobs never block (they
/// await the event loop's futures), so one queue serves every connection.
final class BridgeExecutor: TaskExecutor {
    /// The one instance.
    static let shared = BridgeExecutor()
    private let queue = DispatchQueue(label: "accord.postgres.bridge")

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.async { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}

import Foundation

/// A count on standard error for imports and exports that run longer than a second, shown only
/// when standard error is a terminal.
final class Progress {
    private let verb: String
    private let start = Date()
    private let isShown = isatty(STDERR_FILENO) == 1
    private var count = 0
    private var lastDraw = Date.distantPast
    private var hasDrawn = false

    init(verb: String) {
        self.verb = verb
    }

    /// Counts one row; redraws at most four times a second, after the first second.
    func tick() {
        count += 1
        guard isShown, count % 512 == 0 else { return }
        let now = Date()
        guard now.timeIntervalSince(start) > 1, now.timeIntervalSince(lastDraw) > 0.25 else { return }
        lastDraw = now
        hasDrawn = true
        Output.message("\r\(verb) \(count) commitments…")
    }

    /// Clears the line it drew.
    func finish() {
        guard hasDrawn else { return }
        Output.message("\r\u{1B}[K")
    }
}

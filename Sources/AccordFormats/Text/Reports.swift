import AccordCore
import Foundation

/// Text renderings shared by the reports.
public enum Reports {
    /// `show` as text: every field, then the history.
    public static func detail(_ commitment: Commitment, asOf day: CalendarDate) -> String {
        var lines: [(String, String)] = [
            ("id", commitment.id.map(String.init) ?? ""),
            ("uid", commitment.uid),
            ("title", commitment.title),
            ("status", commitment.status.rawValue),
            ("schedule", scheduleText(commitment, asOf: day)),
            ("parties", list(commitment.parties)),
            ("owners", list(commitment.owners)),
            ("tags", list(commitment.tags)),
            ("made on", commitment.madeOn.description),
            ("occasion", commitment.occasion),
            ("due", dueText(commitment)),
            ("source", commitment.source),
        ]
        lines = lines.filter { !$0.1.isEmpty }
        var text = lines.map { name, value in
            name + ":" + String(repeating: " ", count: 10 - name.count) + TerminalText.visible(value)
        }.joined(separator: "\n") + "\n"
        if !commitment.quote.isEmpty {
            text += "quote:\n" + TerminalText.visible(commitment.quote, keepsLineFeeds: true)
                .split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(separator: "\n") + "\n"
        }
        text += "history:\n"
        for update in commitment.history {
            // A multi-line note goes on indented lines: no line of it can pass for an entry.
            text += "  " + TerminalText.visible(HistoryText.line(update), keepsLineFeeds: true)
                .replacingOccurrences(of: "\n", with: "\n      ") + "\n"
        }
        return text
    }

    /// The deadline, with the original when an edit moved it: `2024-02 (by 2024-02-29;
    /// originally 2024-01, moved on 2024-01-20)`.
    private static func dueText(_ commitment: Commitment) -> String {
        var text = commitment.due.map { "\($0.text) (by \($0.dueBy)" } ?? "none ("
        if let moved = commitment.deadlineFirstMovedOn {
            let original = commitment.originalDue.map(\.text) ?? "none"
            text += (commitment.due == nil ? "" : "; ") + "originally \(original), moved on \(moved)"
        }
        if text.hasSuffix("(") { return "none" }
        return text + ")"
    }

    private static func scheduleText(_ commitment: Commitment, asOf day: CalendarDate) -> String {
        let schedule = commitment.schedule(on: day)
        if commitment.isLateAgainstOriginal == true && schedule == .onTime {
            return "\(schedule) (late against the original deadline, \(commitment.originalDue?.dueBy.description ?? ""))"
        }
        if let days = commitment.daysOverdue(on: day) {
            return "\(schedule) (\(days) day\(days == 1 ? "" : "s") as of \(day))"
        }
        if schedule == .dueSoon || schedule == .upcoming, let left = commitment.daysLeft(on: day) {
            return "\(schedule) (\(left) day\(left == 1 ? "" : "s") left as of \(day))"
        }
        return schedule.rawValue
    }

    /// A list joined for a cell: `US; MX`.
    public static func list(_ values: [String]) -> String {
        values.joined(separator: "; ")
    }
}

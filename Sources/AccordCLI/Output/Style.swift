import AccordCore
import AccordRows

/// ANSI colours for table rows: overdue red, due soon yellow, settled dim.
enum Style {
    static let reset = "\u{1B}[0m"

    static func ansi(for schedule: Schedule, isFinal: Bool) -> String? {
        switch schedule {
        case .overdue: return "\u{1B}[31m"
        case .dueSoon: return "\u{1B}[33m"
        case .onTime, .late, .closed: return "\u{1B}[2m"
        case .upcoming, .noDeadline: return isFinal ? "\u{1B}[2m" : nil
        }
    }
}

import AccordCore
import AccordFormats
import AccordRows
import Foundation

/// ANSI colours for table rows: overdue red, due soon yellow, settled dim.
enum Style {
    static let reset = TableWriter.reset

    /// Names, on standard error, the columns a table left out to fit the terminal.
    static func hint(_ layout: TableLayout?, maxWidth: Int?) {
        guard let hint = layout?.hint(maxWidth: maxWidth) else { return }
        FileHandle.standardError.write(Data((hint + "\n").utf8))
    }

    static func ansi(for schedule: Schedule, isFinal: Bool) -> String? {
        switch schedule {
        case .overdue: return "\u{1B}[31m"
        case .dueSoon: return "\u{1B}[33m"
        case .onTime, .late, .closed: return "\u{1B}[2m"
        case .upcoming, .noDeadline: return isFinal ? "\u{1B}[2m" : nil
        }
    }
}

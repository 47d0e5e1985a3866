import AccordCore

/// Dates and deadlines in words, for people rather than programs: "31 January 2024",
/// "January 2024", "the first quarter of 2024", "by 26 March 2024" for `+90d`.
public enum DeadlineWords {
    private static let months = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December",
    ]
    private static let quarters = ["first", "second", "third", "fourth"]

    /// A day in words: `31 January 2024`.
    public static func day(_ date: CalendarDate) -> String {
        "\(date.day) \(month(date.month)) \(date.year)"
    }

    /// A month in words: `January 2024`.
    public static func month(of date: CalendarDate) -> String {
        "\(month(date.month)) \(date.year)"
    }

    /// A deadline as its precision reads: a day, a month, a quarter, a year; a span after the
    /// day it was made reads as its last day ("by 26 March 2024").
    public static func deadline(_ due: Due) -> String {
        let last = due.dueBy
        switch due.precision {
        case .day: return day(last)
        case .month: return month(of: last)
        case .quarter: return "the \(quarters[max(0, min(3, (last.month - 1) / 3))]) quarter of \(last.year)"
        case .year: return String(last.year)
        case .relative: return "by " + day(last)
        }
    }

    /// The deadline, and its last day when the words do not already name it:
    /// `January 2024 (by 31 January 2024)`.
    public static func deadlineWithLastDay(_ due: Due) -> String {
        switch due.precision {
        case .day, .relative: deadline(due)
        case .month, .quarter, .year: "\(deadline(due)) (by \(day(due.dueBy)))"
        }
    }

    private static func month(_ number: Int) -> String {
        months[max(1, min(12, number)) - 1]
    }
}

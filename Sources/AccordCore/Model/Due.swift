/// A deadline as the source states it: a day, a month, a quarter, a year, or a span after the
/// commitment was made.
///
/// The original text is kept (so "in January 2024" stays a month), and resolved to ``dueBy``,
/// the last day of the period.
public struct Due: Hashable, Sendable {
    /// How precise the deadline is.
    public enum Precision: String, Sendable, CaseIterable {
        /// A day, a month, a quarter, a year, or a span after `made_on`.
        case day, month, quarter, year, relative
    }

    /// The text as written: `2024-01-15`, `2024-01`, `2024-Q1`, `2024`, `+90d`, `+6w` or `+3m`.
    public let text: String
    /// The precision of ``text``.
    public let precision: Precision
    /// The last calendar day of the period: on this day the commitment is not yet overdue.
    public let dueBy: CalendarDate

    /// The largest span accepted in a relative deadline, in days (about a century).
    static let maximumRelativeDays = 36_600

    /// A deadline as the history stored it, with the last day it had then (a relative one
    /// counted from the made-on day in force then); nil when `text` is no deadline.
    public init?(text: String, dueBy: CalendarDate) {
        guard let parsed = try? Due(parsing: text, madeOn: dueBy) else { return nil }
        self.text = text
        precision = parsed.precision
        self.dueBy = dueBy
    }

    /// Parses a deadline; relative forms count from `madeOn`.
    public init(parsing text: String, madeOn: CalendarDate) throws(AccordError) {
        let bytes = Array(text.utf8)
        self.text = text
        if bytes.first == UInt8(ascii: "+") {
            precision = .relative
            dueBy = try Self.resolveRelative(bytes, text: text, madeOn: madeOn)
            return
        }
        switch bytes.count {
        case 10:
            precision = .day
            do throws(AccordError) { dueBy = try CalendarDate(parsing: text) } catch { throw .invalidDue(text) }
        case 7 where bytes[4] == UInt8(ascii: "-") && bytes[5] == UInt8(ascii: "Q"):
            guard let year = CalendarDate.number(bytes[0..<4]),
                  let quarter = CalendarDate.number(bytes[6..<7]), (1...4).contains(quarter),
                  let last = CalendarDate.lastDay(year: year, month: quarter * 3)
            else { throw .invalidDue(text) }
            precision = .quarter
            dueBy = last
        case 7:
            guard bytes[4] == UInt8(ascii: "-"),
                  let year = CalendarDate.number(bytes[0..<4]),
                  let month = CalendarDate.number(bytes[5..<7]),
                  let last = CalendarDate.lastDay(year: year, month: month)
            else { throw .invalidDue(text) }
            precision = .month
            dueBy = last
        case 4:
            guard let year = CalendarDate.number(bytes[0..<4]),
                  let last = CalendarDate.lastDay(year: year, month: 12)
            else { throw .invalidDue(text) }
            precision = .year
            dueBy = last
        default:
            throw .invalidDue(text)
        }
    }

    /// Resolves `+N` followed by `d`, `w` or `m`, with N from 1.
    private static func resolveRelative(
        _ bytes: [UInt8], text: String, madeOn: CalendarDate
    ) throws(AccordError) -> CalendarDate {
        guard bytes.count >= 3, let unit = bytes.last,
              let count = CalendarDate.number(bytes[1..<(bytes.count - 1)]), count >= 1,
              // A leading zero ("+05d") is not a form anyone writes on purpose.
              bytes[1] != UInt8(ascii: "0")
        else { throw .invalidDue(text) }
        let result: CalendarDate?
        switch unit {
        case UInt8(ascii: "d") where count <= maximumRelativeDays:
            result = madeOn.adding(days: count)
        case UInt8(ascii: "w") where count * 7 <= maximumRelativeDays:
            result = madeOn.adding(days: count * 7)
        case UInt8(ascii: "m") where count <= maximumRelativeDays / 30:
            result = madeOn.adding(months: count)
        default:
            result = nil
        }
        guard let result else { throw .invalidDue(text) }
        return result
    }
}

extension CalendarDate {
    /// The last day of a month, or nil for an impossible year or month.
    static func lastDay(year: Int, month: Int) -> CalendarDate? {
        guard (1...12).contains(month) else { return nil }
        return CalendarDate(year: year, month: month, day: daysIn(year: year, month: month))
    }
}

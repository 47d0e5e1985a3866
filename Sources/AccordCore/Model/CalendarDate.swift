import Foundation

/// A day in the proleptic Gregorian calendar, with no time and no time zone.
///
/// Due dates and update dates are calendar days, not instants: comparing them never depends on
/// the machine's time zone. Parsing is strict (`YYYY-MM-DD`, years 0001–9999) because the
/// platform's formatters accept `2024-02-30` and `2023-2-3`.
public struct CalendarDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The year, 1 through 9999.
    public let year: Int
    /// The month, 1 through 12.
    public let month: Int
    /// The day of the month, 1 through the month's length.
    public let day: Int

    /// Creates a date, or returns nil when the fields name no real day.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...CalendarDate.daysIn(year: year, month: month)).contains(day)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// 1970-01-01, day number 0.
    public static let epoch = CalendarDate(trustedYear: 1970, month: 1, day: 1)

    private init(trustedYear year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses exactly `YYYY-MM-DD`; anything else throws ``AccordError/invalidDate(_:)``.
    public init(parsing text: String) throws(AccordError) {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
              let year = Self.number(bytes[0..<4]), let month = Self.number(bytes[5..<7]),
              let day = Self.number(bytes[8..<10]),
              let date = CalendarDate(year: year, month: month, day: day)
        else { throw .invalidDate(text) }
        self = date
    }

    /// The number of days since 1970-01-01 (negative before it).
    public var dayNumber: Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let monthIndex = month > 2 ? month - 3 : month + 9
        let dayOfYear = (153 * monthIndex + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// Creates the date of a day number; nil outside years 0001–9999.
    public init?(dayNumber: Int) {
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        self.init(year: year, month: month, day: day)
    }

    /// The date `days` days later (earlier when negative); nil past the calendar's range.
    public func adding(days: Int) -> CalendarDate? {
        CalendarDate(dayNumber: dayNumber + days)
    }

    /// The same day `months` months later, clamped to the end of a shorter month.
    public func adding(months: Int) -> CalendarDate? {
        let total = year * 12 + (month - 1) + months
        let newYear = total / 12
        let newMonth = total % 12 + 1
        guard (1...9999).contains(newYear) else { return nil }
        return CalendarDate(year: newYear, month: newMonth,
                            day: min(day, Self.daysIn(year: newYear, month: newMonth)))
    }

    /// Calendar days from `self` to `other`: positive when `other` is later.
    public func days(to other: CalendarDate) -> Int {
        other.dayNumber - dayNumber
    }

    /// The date as `YYYY-MM-DD`.
    public var description: String {
        // Ten ASCII digits and dashes written in place: dates are formatted for every row.
        String(unsafeUninitializedCapacity: 10) { buffer in
            let fields = [(year, 4), (month, 2), (day, 2)]
            var position = 0
            for (index, (value, width)) in fields.enumerated() {
                if index > 0 {
                    buffer[position] = UInt8(ascii: "-")
                    position += 1
                }
                var rest = value
                for offset in stride(from: width - 1, through: 0, by: -1) {
                    buffer[position + offset] = UInt8(rest % 10) + 48
                    rest /= 10
                }
                position += width
            }
            return 10
        }
    }

    /// Whether `lhs` comes before `rhs`.
    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// Whether `year` has a 29 February.
    public static func isLeap(_ year: Int) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    /// The number of days in a month.
    public static func daysIn(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Parses a run of ASCII digits, rejecting signs, spaces and anything else.
    static func number(_ bytes: ArraySlice<UInt8>) -> Int? {
        guard !bytes.isEmpty else { return nil }
        var value = 0
        for byte in bytes {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
            if value > 1_000_000_000 { return nil }
        }
        return value
    }

}

extension CalendarDate: Codable {
    /// Decodes a `YYYY-MM-DD` string.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            self = try CalendarDate(parsing: text)
        } catch {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: error.localizedDescription)
        }
    }

    /// Encodes the day as `YYYY-MM-DD`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension CalendarDate {
    /// What a date a spreadsheet wrote likely means: `; did you mean 2023-12-27?` for
    /// `27/12/2023` (or `12/27/2023`), a word on ambiguous day-month orders and on serial
    /// numbers (45287 is 2023-12-27); empty when nothing is likely.
    public static func hint(for text: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let serial = Int(trimmed), (20_000...80_000).contains(serial),
           let day = CalendarDate(dayNumber: serial - 25_569) {
            return " (\(serial) looks like a spreadsheet's serial number for \(day): format the column as YYYY-MM-DD)"
        }
        let parts = trimmed.split(whereSeparator: { $0 == "/" || $0 == "." || $0 == "-" }).compactMap { Int($0) }
        guard parts.count == 3, trimmed.count <= 10, parts[2] >= 1000 else { return "" }
        let (first, second, year) = (parts[0], parts[1], parts[2])
        let dayFirst = CalendarDate(year: year, month: second, day: first)
        let monthFirst = CalendarDate(year: year, month: first, day: second)
        switch (dayFirst, monthFirst) {
        case (let day?, nil), (nil, let day?): return "; did you mean \(day)?"
        case (let a?, let b?) where a != b: return "; \(trimmed) could be \(a) or \(b): write it as YYYY-MM-DD"
        case (let a?, _): return "; did you mean \(a)?"
        default: return ""
        }
    }
}

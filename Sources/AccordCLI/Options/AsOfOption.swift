import AccordCore
import AccordRows
import ArgumentParser
import Foundation

/// `--as-of`, for reports.
struct AsOfOption: ParsableArguments {
    @Option(name: .customLong("as-of"), help: .day("The day to report as of (default: today)."), transform: Parse.day)
    var asOf: CalendarDate?

    /// The given day, or today.
    func day() -> CalendarDate {
        asOf ?? Today.date()
    }

    /// The day whose state the store must replay: the given day when it is in the past; nil
    /// when the report is for today or later, whose state is the current one.
    func pastDay() -> CalendarDate? {
        guard let asOf, asOf < Today.date() else { return nil }
        return asOf
    }
}

/// The local calendar date, asked of the clock once per run (TZ is honoured).
enum Today {
    static func date() -> CalendarDate {
        // localtime_r reads TZ like every Unix tool, without loading a Calendar.
        var now = time(nil)
        var parts = tm()
        guard localtime_r(&now, &parts) != nil else { return .epoch }
        return CalendarDate(year: Int(parts.tm_year) + 1900, month: Int(parts.tm_mon) + 1, day: Int(parts.tm_mday))
            ?? .epoch
    }
}

extension AsOfOption: QuickParsable {
    static var quickArguments: [QuickArgument<Self>] { [.option("--as-of", read: Parse.day) { $0.asOf = $1 }] }
}

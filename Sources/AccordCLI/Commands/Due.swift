import AccordCore
import AccordRows
import AccordFormats
import AccordStore
import ArgumentParser

extension Accord {
    /// `accord due`: open commitments whose deadline falls in the coming window.
    struct Due: ParsableCommand {
        static let configuration = CommandConfiguration(
            // Named here so ArgumentParser need not derive it from the type name at every run.
            commandName: "due",
            _superCommandName: "accord",
            abstract: "List open commitments due within a window, soonest first, with days left.",
            discussion: "Example: accord due --within 6w --as-of 2024-01-01")

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var asOf: AsOfOption
        @Option(name: .long, help: ArgumentHelp("The window after the as-of day: Nd, Nw or Nm (default: 30d).", valueName: "span"))
        var within = "30d"
        @OptionGroup var format: FormatOption<ReportFormats>
        @OptionGroup var display: DisplayOptions

        func run() throws {
            let format = format.value
            let day = asOf.day()
            // The window is a deadline relative to the as-of day: `+30d` ends 30 days later.
            let end: CalendarDate
            do {
                end = try AccordCore.Due(parsing: "+" + within, madeOn: day).dueBy
            } catch .invalidDue {
                throw ValidationError("invalid --within \(quoted(within)); expected Nd, Nw or Nm (N from 1), "
                    + "a window that ends by 9999-12-31")
            }
            var filter = CommitmentFilter()
            filter.dueBetween = day...end
            display.sorting.apply(to: &filter)
            var report = try ReportWriter(format: format, display: display, defaults: ReportColumn.dueDefault, asOf: day)
            let store = try database.open(.read)
            try report.begin()
            try store.forEachRow(matching: filter, asOf: asOf.pastDay(), includeHistory: report.needsHistory,
                                 reading: report.storedColumns) { try report.add($0) }
            try report.end(emptyMessage: "nothing open is due between \(day) and \(end)")
        }
    }
}

extension Accord.Due: QuickCommand {
    static var quickArguments: [QuickArgument<Self>] {
        [
            .group(DatabaseOptions.self) { $0.database = $1 },
            .group(AsOfOption.self) { $0.asOf = $1 },
            .option("--within", default: "30d", read: { $0 }) { $0.within = $1 },
            .group(FormatOption.self) { $0.format = $1 },
            .group(DisplayOptions.self) { $0.display = $1 },
        ]
    }
}

import AccordCore
import AccordRows
import AccordFormats
import AccordStore
import ArgumentParser

extension Accord {
    /// `accord overdue`: the overdue report, most overdue first.
    struct Overdue: ParsableCommand {
        static let configuration = CommandConfiguration(
            // Named here so ArgumentParser need not derive it from the type name at every run.
            commandName: "overdue",
            _superCommandName: "accord",
            abstract: "Report overdue commitments, most overdue first.",
            discussion: """
                A commitment is overdue when its deadline's last day is before the as-of day \
                and its status is open. With --check, exits 1 when anything is overdue.
                Example: accord overdue --as-of 2024-03-01 --format csv
                """)

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var asOf: AsOfOption
        @OptionGroup var format: FormatOption<ReportFormats>
        @OptionGroup var display: DisplayOptions
        @Flag(name: .long, help: "Exit 1 when anything is overdue (for scripts and cron).")
        var check = false

        func run() throws {
            let format = format.value
            let day = asOf.day()
            var filter = CommitmentFilter()
            filter.overdueOn = day
            display.sorting.apply(to: &filter)
            var report = try ReportWriter(format: format, display: display, defaults: ReportColumn.overdueDefault,
                                          jsonDefaults: ReportColumn.overdueJSONDefault, asOf: day)
            let store = try database.open(.read)
            try report.begin()
            var count = 0
            try store.forEachRow(matching: filter, asOf: asOf.pastDay(), includeHistory: report.needsHistory,
                                 reading: report.storedColumns) { row in
                count += 1
                try report.add(row)
            }
            try report.end(emptyMessage: "nothing is overdue as of \(day)")
            if check && count > 0 {
                try Output.standard.flush()
                throw ExitCode(1)
            }
        }
    }
}

extension Accord.Overdue: QuickCommand {
    static var quickArguments: [QuickArgument<Self>] {
        [
            .group(DatabaseOptions.self) { $0.database = $1 },
            .group(AsOfOption.self) { $0.asOf = $1 },
            .group(FormatOption.self) { $0.format = $1 },
            .group(DisplayOptions.self) { $0.display = $1 },
            .flag("--check") { $0.check = $1 },
        ]
    }
}

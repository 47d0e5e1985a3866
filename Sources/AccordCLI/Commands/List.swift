import AccordCore
import AccordRows
import AccordFormats
import AccordStore
import ArgumentParser

extension Accord {
    /// `accord list`: the commitments that match the filters.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            // Named here so ArgumentParser need not derive it from the type name at every run.
            commandName: "list",
            _superCommandName: "accord",
            abstract: "List commitments, optionally filtered.",
            discussion: "Example: accord list --party MX --status in-progress --format csv --fields id,title,due_by")

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var filters: FilterOptions
        @OptionGroup var asOf: AsOfOption
        @OptionGroup var format: FormatOption<ReportFormats>
        @OptionGroup var display: DisplayOptions

        func run() throws {
            let format = format.value
            let day = asOf.day()
            var filter = filters.filter(asOf: day)
            display.sorting.apply(to: &filter)
            var report = try ReportWriter(format: format, display: display, defaults: ReportColumn.listDefault,
                                          jsonDefaults: ReportColumn.listJSONDefault, asOf: day)
            let store = try database.open(.read)
            try report.begin()
            try store.forEachRow(matching: filter, asOf: asOf.pastDay(), includeHistory: report.needsHistory,
                                 reading: report.storedColumns) { try report.add($0) }
            try report.end(emptyMessage: "no commitments match")
        }
    }
}

extension Accord.List: QuickCommand {
    static var quickArguments: [QuickArgument<Self>] {
        [
            .group(DatabaseOptions.self) { $0.database = $1 },
            .group(FilterOptions.self) { $0.filters = $1 },
            .group(AsOfOption.self) { $0.asOf = $1 },
            .group(FormatOption.self) { $0.format = $1 },
            .group(DisplayOptions.self) { $0.display = $1 },
        ]
    }
}

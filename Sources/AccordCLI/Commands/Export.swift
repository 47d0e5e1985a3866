import AccordCore
import AccordRows
import AccordFormats
import AccordStore
import ArgumentParser
import Foundation

extension Accord {
    /// `accord export`: CSV or JSON that `import` reads back, a TSV, an HTML report or a calendar.
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            // Named here so ArgumentParser need not derive it from the type name at every run.
            commandName: "export",
            _superCommandName: "accord",
            abstract: "Export commitments as CSV, TSV, JSON with full history, an HTML report or an iCalendar file.",
            discussion: """
                CSV cells that a spreadsheet would run as a formula (starting with =, +, -, @, \
                tab or carriage return) get a leading ' unless --raw is given. JSON export and \
                --raw CSV import back unchanged. --format html writes one self-contained page \
                (meter, deadline timeline, table, wording, sources and history); --format ics \
                one all-day event on the last day of each open commitment's deadline.
                Example: accord export --format html --output report.html
                """)

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var filters: FilterOptions
        @OptionGroup var asOf: AsOfOption
        @OptionGroup var format: FormatOption<ExportFormats>
        @Option(name: .long, help: ArgumentHelp(
            "The columns to write, in order (csv, tsv, json), e.g. uid,title,due_by.", valueName: "a,b,c"))
        var fields: String?
        @Option(name: [.short, .long], help: "Write to this file instead of standard output (a file is replaced only when complete; - is standard output).")
        var output: String?
        @OptionGroup var raw: RawOption
        @Option(name: .long, help: "The HTML report's title (default: one that names the data, from its occasion).")
        var title: String?

        func run() throws {
            let format = format.value
            if fields != nil && (format == .html || format == .ics) {
                throw ValidationError("--fields applies to csv, tsv and json")
            }
            if title != nil && format != .html {
                throw ValidationError("--title applies to --format html")
            }
            let day = asOf.day()
            let filter = filters.filter(asOf: day)
            var display = DisplayOptions()
            display.fields = fields
            display.color = .never
            display.raw = raw
            display.sorting = SortOptions()
            let store = try database.open(.read)
            let file = try output.map { try OutputFile(path: $0, protecting: database.files()) }
            let out = file?.output ?? .standard
            let progress = Progress(verb: "exported")
            switch format {
            case .html:
                try writeHTML(store, filter: filter, day: day, to: out, progress: progress)
            case .ics:
                try out.write(ICS.header(name: "Accord deadlines"))
                let stamp = ICS.stamp(secondsSince1970: time(nil))
                try store.forEachCommitment(matching: filter, asOf: asOf.pastDay(), includeHistory: false) { commitment in
                    try out.write(ICS.event(commitment, stamp: stamp))
                    progress.tick()
                }
                try out.write(ICS.footer)
            default:
                let defaults = format == .json ? ReportColumn.exportJSONDefault : ReportColumn.exportDefault
                var report = try ReportWriter(format: format, display: display, defaults: defaults,
                                              allowHistory: format == .json, asOf: day, output: out)
                report.guardsFormulas = raw.guardsFormulas
                try report.begin()
                try store.forEachRow(matching: filter, asOf: asOf.pastDay(), includeHistory: report.needsHistory,
                                     reading: report.storedColumns) { row in
                    try report.add(row)
                    progress.tick()
                }
                try report.end(emptyMessage: "")
            }
            try file?.commit()
            progress.finish()
        }

        /// The HTML report in passes over the store, in constant memory: the overview (counts,
        /// trend, chosen deadlines), then the table (unless there are too many rows for one),
        /// then each commitment's wording, sources and history.
        private func writeHTML(_ store: any CommitmentStore, filter: CommitmentFilter, day: CalendarDate, to out: Output,
                               progress: Progress) throws {
            let pastDay = asOf.pastDay()
            var overview = HTMLOverview(asOf: day, firstMadeOn: try store.firstMadeOn())
            var count = 0
            try store.forEachRow(matching: filter, asOf: pastDay, includeHistory: true) { row in
                try overview.add(row)
                count += 1
            }
            try out.write(HTMLReport.head(overview, title: title))
            if count <= HTMLReport.detailThreshold {
                try out.write(HTMLReport.tableStart)
                try store.forEachRow(matching: filter, asOf: pastDay, includeHistory: false) { row in
                    try out.write(HTMLReport.tableRow(try Commitment(row: row), asOf: day))
                }
                try out.write(HTMLReport.tableEnd)
            }
            try out.write(HTMLReport.detailsStart(count: count))
            var articles = HTMLArticles(asOf: day)
            try store.forEachRow(matching: filter, asOf: pastDay, includeHistory: true) { row in
                try out.append { try articles.append(row, into: $0) }
                progress.tick()
            }
            try out.write(HTMLReport.detailsEnd(count: count) + HTMLReport.foot(asOf: day))
        }
    }
}

extension Accord.Export: QuickCommand {
    static var quickArguments: [QuickArgument<Self>] {
        [
            .group(DatabaseOptions.self) { $0.database = $1 },
            .group(FilterOptions.self) { $0.filters = $1 },
            .group(AsOfOption.self) { $0.asOf = $1 },
            .group(FormatOption.self) { $0.format = $1 },
            .option("--fields") { $0.fields = $1 },
            .option("-o", "--output") { $0.output = $1 },
            .group(RawOption.self) { $0.raw = $1 },
            .option("--title") { $0.title = $1 },
        ]
    }
}

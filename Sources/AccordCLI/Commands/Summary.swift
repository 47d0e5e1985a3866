import AccordCore
import AccordRows
import AccordFormats
import AccordStore
import ArgumentParser

extension Accord {
    /// `accord summary`: the status meter, counted by the store.
    struct Summary: ParsableCommand {
        static let configuration = CommandConfiguration(
            // Named here so ArgumentParser need not derive it from the type name at every run.
            commandName: "summary",
            _superCommandName: "accord",
            abstract: "The status meter: count and share per status, overdue, fulfilled on time or late.",
            discussion: """
                With --by, one row per party, owner or tag (after the row of all commitments): \
                the total, open, final, overdue, fulfilled on time and late, and a column per status.
                Example: accord summary --by party --as-of 2024-06-30
                """)

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var asOf: AsOfOption
        @OptionGroup var tally: TallyOptions

        func run() throws {
            let day = asOf.day()
            let report = try database.open(.read).tally(asOf: day, pastDay: asOf.pastDay(), grouping: tally.by)
            let output = Output.standard
            switch tally.format.value {
            case .json:
                try output.write(tally.json(report.json))
            case .csv:
                try output.write(CSV.record(report.breakdownHeader, guardingFormulas: tally.raw.guardsFormulas))
                for row in report.breakdownRows { try output.write(CSV.record(row, guardingFormulas: tally.raw.guardsFormulas)) }
            default:
                guard tally.by != .status else {
                    try output.write("Status as of \(day)\n")
                    try output.write(Table.render(header: ["status", "count", "share"], rows: report.meterRows))
                    return
                }
                let table = Table.render(TallyTable.columns(report.breakdownHeader), rows: report.breakdownRows,
                                         maxWidth: Output.terminalWidth)
                try output.write("By \(tally.by.rawValue) as of \(day)\n" + table.text)
                if table.layout?.dropped.isEmpty == false { try output.flush() }
                Style.hint(table.layout, maxWidth: Output.terminalWidth)
            }
        }
    }
}

extension Accord.Summary: QuickCommand {
    static var quickArguments: [QuickArgument<Self>] {
        [
            .group(DatabaseOptions.self) { $0.database = $1 },
            .group(AsOfOption.self) { $0.asOf = $1 },
            .group(TallyOptions.self) { $0.tally = $1 },
        ]
    }
}

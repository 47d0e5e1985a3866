import AccordCore
import AccordRows
import AccordFormats
import AccordStore
import ArgumentParser

extension Accord {
    /// `accord summary`: the status meter.
    struct Summary: ParsableCommand {
        static let configuration = CommandConfiguration(
            // Named here so ArgumentParser need not derive it from the type name at every run.
            commandName: "summary",
            abstract: "The status meter: count and share per status, overdue, fulfilled on time or late.",
            discussion: "Example: accord summary --by party --as-of 2024-06-30")

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var asOf: AsOfOption
        @Option(name: .long, help: "Break down by status (no breakdown), party, owner or tag.")
        var by: SummaryReport.Grouping = .status
        @OptionGroup var format: FormatOption<SummaryFormats>
        @OptionGroup var raw: RawOption

        func run() throws {
            let format = format.value
            let day = asOf.day()
            var report = SummaryReport(grouping: by, asOf: day)
            try database.open(.read).forEachCommitment(matching: CommitmentFilter(), asOf: asOf.pastDay(), includeHistory: false) { report.add($0) }
            let output = Output.standard
            switch format {
            case .json:
                try output.write(report.json)
            case .csv:
                try output.write(CSV.record(report.breakdownHeader, guardingFormulas: raw.guardsFormulas))
                for row in report.breakdownRows { try output.write(CSV.record(row, guardingFormulas: raw.guardsFormulas)) }
            default:
                try output.write("Status as of \(day)\n")
                try output.write(Table.render(header: ["status", "count", "share"], rows: report.meterRows))
                if by != .status {
                    try output.write("\nBy \(by.rawValue)\n")
                    try output.write(Table.render(header: Array(report.breakdownHeader.prefix(7)),
                                                  rows: report.breakdownRows.map { Array($0.prefix(7)) }))
                }
            }
        }
    }
}

extension SummaryReport.Grouping: ExpressibleByArgument {}

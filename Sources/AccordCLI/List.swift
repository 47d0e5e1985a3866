import AccordCore
import AccordStore
import ArgumentParser

extension Accord {
    /// `accord list`: the commitments that match the filters.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List commitments, optionally filtered.",
            discussion: "Example: accord list --party MX --status in-progress --format csv")

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var filters: FilterOptions
        @OptionGroup var asOf: AsOfOption
        @Option(name: .long, help: "table, tsv, csv or json (default: table on a terminal, else tsv).")
        var format: OutputFormat?

        func run() throws {
            let format = try (format ?? .reportDefault).checked([.table, .tsv, .csv, .json])
            let day = try asOf.day()
            let filter = try filters.filter(asOf: day)
            let store = try database.open(.read)
            var report = ReportWriter(format: format, header: Reports.listHeader, flexibleColumn: 7)
            try report.begin()
            try store.forEachCommitment(matching: filter) { commitment in
                try report.add(Reports.listRow(commitment, asOf: day), json: Reports.listJSON(commitment, asOf: day))
            }
            try report.end(emptyMessage: "no commitments match")
        }
    }
}

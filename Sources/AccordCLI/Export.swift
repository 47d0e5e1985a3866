import AccordCore
import AccordStore
import ArgumentParser

extension Accord {
    /// `accord export`: CSV or JSON that `import` reads back.
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Export commitments as CSV (RFC 4180) or JSON with full history.",
            discussion: """
                CSV cells that a spreadsheet would run as a formula (starting with =, +, -, @, \
                tab or carriage return) get a leading ' unless --raw is given. JSON export and \
                --raw CSV import back unchanged.
                Example: accord export --format json --output meeting.json
                """)

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var filters: FilterOptions
        @OptionGroup var asOf: AsOfOption
        @Option(name: .long, help: "csv or json (default: csv).")
        var format: OutputFormat = .csv
        @Option(name: [.short, .long], help: "Write to this file instead of standard output (replaced only when complete).")
        var output: String?
        @Flag(name: .long, help: "Write CSV cells exactly, without the spreadsheet-formula guard.")
        var raw = false

        func run() throws {
            let format = try format.checked([.csv, .json])
            let day = try asOf.day()
            let filter = try filters.filter(asOf: day)
            let store = try database.open(.read)
            let file = try output.map { try AtomicFile(path: $0) }
            let out = file?.output ?? .standard
            switch format {
            case .json:
                try out.write("[")
                var isFirst = true
                try store.forEachCommitment(matching: filter, includeHistory: true) { commitment in
                    try out.write((isFirst ? "\n  " : ",\n  ") + commitment.json(includeHistory: true))
                    isFirst = false
                }
                try out.write(isFirst ? "]\n" : "\n]\n")
            default:
                try out.write(CSV.record(Reports.exportHeader))
                try store.forEachCommitment(matching: filter) { commitment in
                    try out.write(CSV.record(Reports.exportRow(commitment, neutralise: !raw)))
                }
            }
            try file?.commit()
        }
    }
}

import AccordCore
import AccordStore
import ArgumentParser

extension Accord {
    /// `accord show`: one commitment with its whole history.
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            // Named here so ArgumentParser need not derive it from the type name at every run.
            commandName: "show",
            abstract: "Show every field of a commitment and its whole history.",
            discussion: "Example: accord show 3 --format json")

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var asOf: AsOfOption
        @Argument(help: "The commitment's id.")
        var id: Int64
        @Option(name: .long, help: "text or json (default: text).")
        var format: OutputFormat = .text

        func run() throws {
            let format = try format.checked([.text, .json])
            let day = try asOf.day()
            let commitment = try database.open(.read).commitment(id: id)
            switch format {
            case .json:
                let columns = ReportColumn.exportJSONDefault + [.schedule, .daysOverdue, .daysLeft]
                try Output.standard.write(ReportColumn.object(columns, commitment, asOf: day) + "\n")
            default:
                try Output.standard.write(Reports.detail(commitment, asOf: day))
            }
        }
    }
}

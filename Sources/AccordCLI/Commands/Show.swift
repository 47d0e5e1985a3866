import AccordCore
import AccordRows
import AccordFormats
import AccordStore
import ArgumentParser

extension Accord {
    /// `accord show`: one commitment with its whole history.
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            // Named here so ArgumentParser need not derive it from the type name at every run.
            commandName: "show",
            _superCommandName: "accord",
            abstract: "Show every field of a commitment and its whole history.",
            discussion: "Example: accord show 3 --format json")

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var asOf: AsOfOption
        @Argument(help: "The commitment's id.", transform: Parse.id)
        var id: Int64
        @OptionGroup var format: FormatOption<ShowFormats>

        func run() throws {
            let format = format.value
            let day = asOf.day()
            let stored = try database.open(.read).commitment(id: id)
            guard let commitment = stored.state(on: day) else { throw AccordError.notMadeYet(id, stored.madeOn, day) }
            switch format {
            case .json:
                let columns = ReportColumn.exportJSONDefault + [.schedule, .daysOverdue, .daysLeft, .lateAgainstOriginal]
                try Output.standard.write(try ReportColumn.object(columns, commitment, asOf: day) + "\n")
            default:
                try Output.standard.write(Reports.detail(commitment, asOf: day))
            }
        }
    }
}

extension Accord.Show: QuickCommand {
    static var quickArguments: [QuickArgument<Self>] {
        [
            .group(DatabaseOptions.self) { $0.database = $1 },
            .group(AsOfOption.self) { $0.asOf = $1 },
            .positional(read: Parse.id) { $0.id = $1 },
            .group(FormatOption.self) { $0.format = $1 },
        ]
    }
}

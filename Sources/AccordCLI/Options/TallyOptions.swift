import AccordCore
import AccordFormats
import ArgumentParser

/// The options of the meter's reports (`summary`, `trend`): the breakdown and how it is
/// written.
struct TallyOptions: ParsableArguments {
    @Option(name: .long, help: "Break down by status (no breakdown), party, owner or tag.")
    var by: SummaryReport.Grouping = .status
    @OptionGroup var format: FormatOption<SummaryFormats>
    @OptionGroup var raw: RawOption
    @Flag(name: .long, help: "Indent the JSON (it is compact by default, as every JSON output is).")
    var pretty = false
}

extension TallyOptions {
    /// Compact JSON as it is, or indented with `--pretty`.
    func json(_ compact: String) -> String {
        pretty ? JSONPretty.format(compact) : compact
    }
}

extension SummaryReport.Grouping: ExpressibleByArgument {}

extension TallyOptions: QuickParsable {
    static var quickArguments: [QuickArgument<Self>] {
        [
            .option("--by", default: .status, read: SummaryReport.Grouping.quick) { $0.by = $1 },
            .group(FormatOption.self) { $0.format = $1 },
            .group(RawOption.self) { $0.raw = $1 },
            .flag("--pretty") { $0.pretty = $1 },
        ]
    }
}

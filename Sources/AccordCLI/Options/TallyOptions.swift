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

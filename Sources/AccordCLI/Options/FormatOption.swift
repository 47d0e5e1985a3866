import AccordFormats
import ArgumentParser
import Foundation

/// Output formats; each command accepts the subset its ``FormatChoice`` names.
enum OutputFormat: String, CaseIterable, Sendable {
    case table, tsv, csv, json, text, html, ics

    /// The default for reports: a table on a terminal, TSV in a pipe.
    static var reportDefault: OutputFormat { Output.isTerminal ? .table : .tsv }
}

/// The formats one command writes, and its default.
protocol FormatChoice: SendableMetatype {
    /// The formats accepted, in the order help lists them.
    static var formats: [OutputFormat] { get }
    /// The format used without `--format`.
    static var defaultFormat: OutputFormat { get }
}

/// `--format`, shared by every command that writes: the value is checked against the
/// command's ``FormatChoice`` while the arguments are parsed, before `run()`.
struct FormatOption<Choice: FormatChoice>: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            Choice.formats.map(\.rawValue).joined(separator: ", ")
                + " (default: \(Choice.defaultFormat == .table ? "table on a terminal, else tsv" : Choice.defaultFormat.rawValue)).",
            valueName: "format"),
        transform: FormatOption.parse)
    var format: OutputFormat?

    /// The chosen format, or the command's default.
    var value: OutputFormat { format ?? Choice.defaultFormat }

    /// Reads a format name that this command writes.
    static func parse(_ text: String) throws -> OutputFormat {
        guard let format = OutputFormat(rawValue: text.lowercased()), Choice.formats.contains(format) else {
            throw CLIError.unsupportedFormat(text, Choice.formats.map(\.rawValue))
        }
        return format
    }
}

/// `list`, `overdue`, `due`, `log`.
enum ReportFormats: FormatChoice {
    static let formats: [OutputFormat] = [.table, .tsv, .csv, .json]
    static var defaultFormat: OutputFormat { .reportDefault }
}

/// `summary`: a table on a terminal, CSV in a pipe.
enum SummaryFormats: FormatChoice {
    static let formats: [OutputFormat] = [.table, .csv, .json]
    static var defaultFormat: OutputFormat { Output.isTerminal ? .table : .csv }
}

/// `show`.
enum ShowFormats: FormatChoice {
    static let formats: [OutputFormat] = [.text, .json]
    static let defaultFormat = OutputFormat.text
}

/// `export`.
enum ExportFormats: FormatChoice {
    static let formats: [OutputFormat] = [.csv, .tsv, .json, .html, .ics]
    static let defaultFormat = OutputFormat.csv
}

extension FormatOption: QuickParsable {
    static var quickArguments: [QuickArgument<Self>] { [.option("--format", read: parse) { $0.format = $1 }] }
}

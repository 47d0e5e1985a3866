import AccordFormats
import AccordCore
import AccordRows
import ArgumentParser
import Foundation

/// `--fields`, `--color`: how a report shows its columns.
struct DisplayOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The columns to show, in order (csv, tsv, json, table), e.g. id,title,due_by.", valueName: "a,b,c"))
    var fields: String?
    @Option(name: .long, help: "Colour rows by schedule: auto (on a terminal), always or never. NO_COLOR turns it off.")
    var color: ColorMode = .auto
    @OptionGroup var raw: RawOption
    @OptionGroup var sorting: SortOptions

    /// The chosen columns, or `defaults`.
    func columns(_ defaults: [ReportColumn], allowHistory: Bool = false) throws -> [ReportColumn] {
        try fields.map { text throws(AccordError) in try ReportColumn.parse(text, allowHistory: allowHistory) } ?? defaults
    }
}

/// When to colour a table.
enum ColorMode: String, ExpressibleByArgument, CaseIterable {
    case auto, always, never

    /// Whether to colour standard output now: never under NO_COLOR, never in a pipe on auto.
    var isOn: Bool {
        if let noColor = Environment.value("NO_COLOR"), !noColor.isEmpty { return false }
        switch self {
        case .auto: return Output.isTerminal
        case .always: return true
        case .never: return false
        }
    }
}


/// `--raw`: CSV cells exactly as stored, without the spreadsheet-formula guard that every CSV
/// Accord writes has otherwise.
struct RawOption: ParsableArguments {
    @Flag(name: .long, help: "Write CSV cells exactly, without the spreadsheet-formula guard.")
    var raw = false

    /// Whether CSV cells are guarded.
    var guardsFormulas: Bool { !raw }
}

extension DisplayOptions: QuickParsable {
    static var quickArguments: [QuickArgument<Self>] {
        [
            .option("--fields") { $0.fields = $1 },
            .option("--color", default: .auto, read: ColorMode.quick) { $0.color = $1 },
            .group(RawOption.self) { $0.raw = $1 },
            .group(SortOptions.self) { $0.sorting = $1 },
        ]
    }
}

extension RawOption: QuickParsable {
    static var quickArguments: [QuickArgument<Self>] { [.flag("--raw") { $0.raw = $1 }] }
}

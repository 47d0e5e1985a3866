import AccordCore
import AccordStore
import ArgumentParser
import Foundation

/// `--db`, shared by every command.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The database file (default: $ACCORD_DB, else $XDG_DATA_HOME/accord/accord.sqlite).",
        valueName: "path"))
    var db: String?

    /// Opens the database, creating the default folder on first use.
    func open(_ access: AppDatabase.Access) throws -> AppDatabase {
        try AppDatabase.open(path: path(for: access), access: access)
    }

    /// Runs `body` on the database opened for writing; a database that does not exist yet
    /// appears only if `body` succeeds.
    func write<T>(_ body: (AppDatabase) throws -> T) throws -> T {
        try AppDatabase.write(creatingAt: path(for: .write), body)
    }

    /// The database's path; for writes, the default folder is created on first use.
    private func path(for access: AppDatabase.Access) -> String {
        let environment = ProcessInfo.processInfo.environment
        if let path = db ?? environment["ACCORD_DB"].flatMap({ $0.isEmpty ? nil : $0 }) {
            return path
        }
        let dataHome = environment["XDG_DATA_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil }
            ?? (NSHomeDirectory() + "/.local/share")
        let folder = dataHome + "/accord"
        if access == .write {
            try? FileManager.default.createDirectory(
                atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        }
        return folder + "/accord.sqlite"
    }
}

/// Output formats; each command accepts a subset.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, tsv, csv, json, text, html, ics

    /// The default for reports: a table on a terminal, TSV in a pipe.
    static var reportDefault: OutputFormat { Output.isTerminal ? .table : .tsv }

    /// Checks that the command writes this format.
    func checked(_ valid: [OutputFormat]) throws -> OutputFormat {
        guard valid.contains(self) else {
            throw CLIError.unsupportedFormat(rawValue, valid.map(\.rawValue))
        }
        return self
    }
}

/// The filters of `list` and `export`.
struct FilterOptions: ParsableArguments {
    @Option(name: .long, help: "Only this status (repeat for any of several).")
    var status: [String] = []
    @Option(name: .long, help: "Only commitments of this party.")
    var party: String?
    @Option(name: .long, help: "Only commitments with this tag.")
    var tag: String?
    @Option(name: .long, help: "Only commitments with this owner.")
    var owner: String?
    @Option(name: .long, help: "Only commitments whose title, quote or occasion contains this text.")
    var search: String?
    @Flag(name: .long, help: "Only overdue commitments (as of --as-of), most overdue first.")
    var overdue = false

    /// The filter for the store.
    func filter(asOf day: CalendarDate) throws -> CommitmentFilter {
        var filter = CommitmentFilter()
        filter.statuses = try status.map { text throws(AccordError) in try Status(parsing: text) }
        filter.party = party
        filter.tag = tag
        filter.owner = owner
        filter.search = search
        filter.overdueOn = overdue ? day : nil
        return filter
    }
}

/// `--as-of`, for reports.
struct AsOfOption: ParsableArguments {
    @Option(name: .customLong("as-of"), help: ArgumentHelp("The day to report as of (default: today).", valueName: "YYYY-MM-DD"))
    var asOf: String?

    /// The given day, or today.
    func day() throws -> CalendarDate {
        try asOf.map { text throws(AccordError) in try CalendarDate(parsing: text) } ?? Today.date()
    }
}

/// The local calendar date, asked of the clock once per run (TZ is honoured).
enum Today {
    static func date() -> CalendarDate {
        // localtime_r reads TZ like every Unix tool, without loading a Calendar.
        var now = time(nil)
        var parts = tm()
        guard localtime_r(&now, &parts) != nil else { return .epoch }
        return CalendarDate(year: Int(parts.tm_year) + 1900, month: Int(parts.tm_mon) + 1, day: Int(parts.tm_mday))
            ?? .epoch
    }
}

/// Cleans a cell for TSV, which cannot hold tabs or line breaks.
func tsvCell(_ text: String) -> String {
    guard text.contains(where: { $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else { return text }
    return String(text.map { $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" ? " " : $0 })
}

/// `--fields`, `--color`: how a report shows its columns.
struct DisplayOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The columns to show, in order (csv, tsv, json, table), e.g. id,title,due_by.", valueName: "a,b,c"))
    var fields: String?
    @Option(name: .long, help: "Colour rows by schedule: auto (on a terminal), always or never. NO_COLOR turns it off.")
    var color: ColorMode = .auto

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
        if let noColor = ProcessInfo.processInfo.environment["NO_COLOR"], !noColor.isEmpty { return false }
        switch self {
        case .auto: return Output.isTerminal
        case .always: return true
        case .never: return false
        }
    }
}

/// Writes a report of stored commitments in one of the row formats, streaming rows from the
/// store into the output buffer (tables are collected to measure their columns).
struct ReportWriter {
    let format: OutputFormat
    let columns: [ReportColumn]
    let asOf: CalendarDate
    let output: Output
    /// Guard CSV cells against spreadsheet formulas.
    var neutralise = false
    private let isColored: Bool
    private let formatter: RowFormatter
    private var tableRows: [[String]] = []
    private var styles: [String?] = []
    private var count = 0

    /// A report of `defaults` (JSON shows `jsonDefaults`) unless `--fields` chose the columns.
    init(format: OutputFormat, display: DisplayOptions?, defaults: [ReportColumn], jsonDefaults: [ReportColumn]? = nil,
         allowHistory: Bool = false, asOf: CalendarDate, output: Output = .standard) throws {
        self.format = format
        let chosen = try display?.columns(defaults, allowHistory: allowHistory) ?? defaults
        columns = format == .json && display?.fields == nil ? (jsonDefaults ?? defaults) : chosen
        if format != .json && columns.contains(.history) {
            throw ValidationError("the field 'history' is only available with --format json")
        }
        self.asOf = asOf
        self.output = output
        formatter = RowFormatter(columns: columns, asOf: asOf)
        isColored = format == .table && (display?.color.isOn ?? false)
    }

    /// Whether the rows must come with their history.
    var needsHistory: Bool { columns.contains(.history) }

    /// Starts the report.
    mutating func begin() throws {
        let header = columns.map(\.rawValue)
        switch format {
        case .tsv: try output.write(header.joined(separator: "\t") + "\n")
        case .csv: try output.write(CSV.record(header))
        case .json: try output.write("[")
        case .table, .text, .html, .ics: break
        }
    }

    /// Adds one stored commitment.
    mutating func add(_ row: CommitmentBytes, history: [UpdateBytes]) throws {
        switch format {
        case .tsv:
            try output.append { formatter.appendTSV(row, into: $0) }
        case .csv:
            try output.append { formatter.appendCSV(row, neutralise: neutralise, into: $0) }
        case .json:
            let isFirst = count == 0
            try output.append { buffer in
                buffer.append(isFirst ? "\n" : ",\n")
                formatter.appendJSON(row, history: history, into: buffer)
            }
        case .table, .text, .html, .ics:
            tableRows.append(formatter.cells(row))
            styles.append(isColored ? Style.ansi(for: row.schedule(on: asOf), isFinal: row.statusValue.isFinal) : nil)
        }
        count += 1
    }

    /// Ends the report; an empty table says so on standard error.
    mutating func end(emptyMessage: String) throws {
        switch format {
        case .json: try output.write(count == 0 ? "]\n" : "\n]\n")
        case .table, .text, .html, .ics:
            guard !tableRows.isEmpty else {
                FileHandle.standardError.write(Data((emptyMessage + "\n").utf8))
                return
            }
            let flexible = columns.firstIndex(of: .title) ?? columns.firstIndex(of: .quote)
            let lines = Table.lines(header: columns.map(\.rawValue), rows: tableRows,
                                    maxWidth: Output.terminalWidth, flexible: flexible)
            try output.write(lines[0] + "\n")
            for (line, style) in zip(lines.dropFirst(), styles) {
                try output.write(style.map { $0 + line + Style.reset } ?? line)
                try output.write("\n")
            }
        case .tsv, .csv: break
        }
    }
}

/// ANSI colours for table rows: overdue red, due soon yellow, settled dim.
enum Style {
    static let reset = "\u{1B}[0m"

    static func ansi(for schedule: Schedule, isFinal: Bool) -> String? {
        switch schedule {
        case .overdue: return "\u{1B}[31m"
        case .dueSoon: return "\u{1B}[33m"
        case .onTime, .late, .closed: return "\u{1B}[2m"
        case .upcoming, .noDeadline: return isFinal ? "\u{1B}[2m" : nil
        }
    }
}

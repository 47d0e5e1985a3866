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
        let environment = ProcessInfo.processInfo.environment
        if let path = db ?? environment["ACCORD_DB"].flatMap({ $0.isEmpty ? nil : $0 }) {
            return try AppDatabase.open(path: path, access: access)
        }
        let dataHome = environment["XDG_DATA_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil }
            ?? (NSHomeDirectory() + "/.local/share")
        let folder = dataHome + "/accord"
        if access == .write {
            try? FileManager.default.createDirectory(
                atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        }
        return try AppDatabase.open(path: folder + "/accord.sqlite", access: access)
    }
}

/// Output formats; each command accepts a subset.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, tsv, csv, json, text

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
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone.current
        let parts = calendar.dateComponents([.year, .month, .day], from: Date())
        // The clock always gives a real day within 0001–9999.
        return CalendarDate(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1)
            ?? .epoch
    }
}

/// Cleans a cell for TSV, which cannot hold tabs or line breaks.
func tsvCell(_ text: String) -> String {
    guard text.contains(where: { $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else { return text }
    return String(text.map { $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" ? " " : $0 })
}

/// Writes a report in one of the row formats, streaming rows as they come.
struct ReportWriter {
    let format: OutputFormat
    let header: [String]
    let output: Output
    /// The column shortened to fit a terminal.
    var flexibleColumn: Int?
    private var tableRows: [[String]] = []
    private var count = 0

    init(format: OutputFormat, header: [String], output: Output = .standard, flexibleColumn: Int? = nil) {
        self.format = format
        self.header = header
        self.output = output
        self.flexibleColumn = flexibleColumn
    }

    /// Starts the report.
    mutating func begin() throws {
        switch format {
        case .tsv: try output.write(header.joined(separator: "\t") + "\n")
        case .csv: try output.write(CSV.record(header))
        case .json: try output.write("[")
        case .table, .text: break
        }
    }

    /// Adds one row; `json` is used for the JSON format.
    mutating func add(_ row: [String], json: @autoclosure () -> String) throws {
        switch format {
        case .tsv: try output.write(row.map(tsvCell).joined(separator: "\t") + "\n")
        case .csv: try output.write(CSV.record(row))
        case .json: try output.write((count == 0 ? "\n  " : ",\n  ") + json())
        case .table, .text: tableRows.append(row)
        }
        count += 1
    }

    /// Ends the report; an empty table says so on standard error.
    mutating func end(emptyMessage: String) throws {
        switch format {
        case .json: try output.write(count == 0 ? "]\n" : "\n]\n")
        case .table, .text:
            if tableRows.isEmpty {
                FileHandle.standardError.write(Data((emptyMessage + "\n").utf8))
            } else {
                try output.write(Table.render(
                    header: header, rows: tableRows, maxWidth: Output.terminalWidth, flexible: flexibleColumn))
            }
        case .tsv, .csv: break
        }
    }
}

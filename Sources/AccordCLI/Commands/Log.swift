import AccordCore
import AccordRows
import AccordFormats
import AccordStore
import ArgumentParser
import Foundation

extension Accord {
    /// `accord log`: every update across all commitments, in date order.
    struct Log: ParsableCommand {
        static let configuration = CommandConfiguration(
            // Named here so ArgumentParser need not derive it from the type name at every run.
            commandName: "log",
            _superCommandName: "accord",
            abstract: "Show every update across all commitments in date order: what changed, the note and the source.",
            discussion: "Example: accord log --since 2024-01-01 --until 2024-03-31")

        @OptionGroup var database: DatabaseOptions
        @Option(name: .long, help: .day("Only updates on or after this day."), transform: Parse.day)
        var since: CalendarDate?
        @Option(name: .long, help: .day("Only updates on or before this day."), transform: Parse.day)
        var until: CalendarDate?
        @Option(name: .long, help: "Only the updates of this commitment.", transform: Parse.id)
        var id: Int64?
        @OptionGroup var format: FormatOption<ReportFormats>
        @OptionGroup var raw: RawOption
        @Option(name: .long, help: "on (oldest first, the default) or -on (--sort=-on: newest first).")
        var sort: String?
        @Option(name: .long, help: "At most this many updates.", transform: Parse.limit)
        var limit: Int?

        /// on, id, title, change, note, source: the note and the title shrink, the source goes
        /// first, the change (statuses) is never cut.
        static let tableColumns = [
            TableColumn("on", knownWidth: 10), TableColumn("id"), TableColumn("title", fit: .title, dropRank: 1),
            TableColumn("change"), TableColumn("note", fit: .title), TableColumn("source", fit: .shrink, dropRank: 0),
        ]

        func run() throws {
            let format = format.value
            let (from, to) = (since, until)
            if let from, let to, to < from {
                throw ValidationError("--until \(to) is before --since \(from)")
            }
            let store = try database.open(.read)
            if let id { _ = try store.commitment(id: id) }
            let output = Output.standard
            var rows: [[String]] = []
            var count = 0
            switch format {
            case .tsv: try output.write(LogEntry.header.joined(separator: "\t") + "\n")
            case .csv: try output.write(CSV.record(LogEntry.header, guardingFormulas: raw.guardsFormulas))
            case .json: try output.write("[")
            default: break
            }
            let newestFirst: Bool
            switch sort?.lowercased() {
            case nil, "on", "on:asc": newestFirst = false
            case "-on", "on:desc": newestFirst = true
            case let other?: throw ValidationError("log sorts by day only: --sort on or --sort=-on (not '\(other)')")
            }
            try store.forEachUpdate(since: from, until: to, commitmentId: id, newestFirst: newestFirst, limit: limit) { entry in
                switch format {
                case .tsv: try output.write(entry.row.map(CellText.oneLine).joined(separator: "\t") + "\n")
                case .csv: try output.write(CSV.record(entry.row, guardingFormulas: raw.guardsFormulas))
                case .json: try output.write((count == 0 ? "\n" : ",\n") + entry.json)
                default: rows.append(entry.row)
                }
                count += 1
            }
            switch format {
            case .json: try output.write(count == 0 ? "]\n" : "\n]\n")
            case .table:
                if rows.isEmpty {
                    Output.message("no updates in that range\n")
                } else {
                    let table = Table.render(Self.tableColumns, rows: rows, maxWidth: Output.terminalWidth)
                    try output.write(table.text)
                    if table.layout?.dropped.isEmpty == false { try output.flush() }
                    Style.hint(table.layout, maxWidth: Output.terminalWidth)
                }
            default: break
            }
        }
    }
}

extension Accord.Log: QuickCommand {
    static var quickArguments: [QuickArgument<Self>] {
        [
            .group(DatabaseOptions.self) { $0.database = $1 },
            .option("--since", read: Parse.day) { $0.since = $1 },
            .option("--until", read: Parse.day) { $0.until = $1 },
            .option("--id", read: Parse.id) { $0.id = $1 },
            .group(FormatOption.self) { $0.format = $1 },
            .group(RawOption.self) { $0.raw = $1 },
            .option("--sort") { $0.sort = $1 },
            .option("--limit", read: Parse.limit) { $0.limit = $1 },
        ]
    }
}

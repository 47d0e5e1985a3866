import AccordCore
import AccordFormats
import AccordRows
import AccordStore
import ArgumentParser
import Foundation

extension Accord {
    /// `accord trend`: the status meter at the end of every week, month, quarter or year.
    struct Trend: ParsableCommand {
        static let configuration = CommandConfiguration(
            // Named here so ArgumentParser need not derive it from the type name at every run.
            commandName: "trend",
            _superCommandName: "accord",
            abstract: "The status meter at the end of every period: how the record changed over time.",
            discussion: """
                One row per period end (and group with --by), each equal to 'accord summary \
                --as-of' that day, from the history: the count per status, open, final, \
                overdue, fulfilled on time and late. A period still running at --until ends \
                the table with a row for that day.
                Example: accord trend --every month --since 2024-01-01 --until 2024-12-31
                """)

        @OptionGroup var database: DatabaseOptions
        @Option(name: .long, help: "week (ending on Sunday), month, quarter or year.")
        var every: TrendPeriod
        @Option(name: .long, help: .day("The first day (default: the day the earliest commitment was made)."), transform: Parse.day)
        var since: CalendarDate?
        @Option(name: .long, help: .day("The last day (default: today)."), transform: Parse.day)
        var until: CalendarDate?
        @OptionGroup var tally: TallyOptions

        func validate() throws {
            if let since, let until, until < since {
                throw ValidationError("--until \(until) is before --since \(since)")
            }
        }

        func run() throws {
            let store = try database.open(.read)
            let end = until ?? Today.date()
            guard let start = try since ?? store.firstMadeOn() else {
                FileHandle.standardError.write(Data("no commitments yet\n".utf8))
                return
            }
            var trend = TrendReport(period: every, from: start, through: max(start, end), grouping: tally.by)
            let grouping = SummaryReport(grouping: tally.by, asOf: end)
            // What a timeline and the groups are read from (a server sends no other column).
            let read: Set<CommitmentColumn> = [.madeOn, .dueBy, .parties, .owners, .tags]
            try store.forEachRow(matching: CommitmentFilter(), asOf: nil, includeHistory: true, reading: read) { row in
                let groups = tally.by == .status ? [] : grouping.groupKeys(
                    parties: try row.list(.parties), owners: try row.list(.owners), tags: try row.list(.tags))
                trend.add(try row.timeline(), groups: groups)
            }
            let output = Output.standard
            switch tally.format.value {
            case .json: try output.write(tally.json(trend.json))
            case .csv:
                try output.write(CSV.record(trend.header, guardingFormulas: tally.raw.guardsFormulas))
                for row in trend.rows { try output.write(CSV.record(row, guardingFormulas: tally.raw.guardsFormulas)) }
            default:
                let table = trend.tableColumns
                let rendered = Table.render(TallyTable.columns(table.header), rows: table.rows, maxWidth: Output.terminalWidth)
                try output.write(rendered.text)
                if rendered.layout?.dropped.isEmpty == false { try output.flush() }
                Style.hint(rendered.layout, maxWidth: Output.terminalWidth)
            }
        }
    }
}

extension TrendPeriod: ExpressibleByArgument {}

extension Accord.Trend: QuickCommand {
    static var quickArguments: [QuickArgument<Self>] {
        [
            .group(DatabaseOptions.self) { $0.database = $1 },
            .required("--every", read: TrendPeriod.quick) { $0.every = $1 },
            .option("--since", read: Parse.day) { $0.since = $1 },
            .option("--until", read: Parse.day) { $0.until = $1 },
            .group(TallyOptions.self) { $0.tally = $1 },
        ]
    }
}

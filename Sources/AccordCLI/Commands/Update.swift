import AccordCore
import AccordRows
import AccordFormats
import AccordStore
import ArgumentParser

extension Accord {
    /// `accord update`: records progress, a status change, or both.
    struct Update: ParsableCommand {
        static let configuration = CommandConfiguration(
            // Named here so ArgumentParser need not derive it from the type name at every run.
            commandName: "update",
            _superCommandName: "accord",
            abstract: "Record progress on a commitment: a note, a status change, or both.",
            discussion: """
                A change to a final status (fulfilled, partial, broken, withdrawn, \
                unverifiable) needs --note with the reason; leaving one needs --reopen.
                Example: accord update 3 --status in-progress --on 2024-01-10 \
                --note "Crossings at Eagle Pass reopened" --source https://example.org/report
                """)

        @OptionGroup var database: DatabaseOptions

        @Argument(help: "The commitments' ids: all of them change, or none.", transform: Parse.id)
        var ids: [Int64]
        @Option(name: .long, help: "The new status.", completion: .list(Parse.statusNames), transform: Parse.status)
        var status: Status?
        @Option(name: .long, help: "What happened (required for a final status).")
        var note: String?
        @Option(name: .long, help: .day("The day it happened (default: today)."), transform: Parse.day)
        var on: CalendarDate?
        @Option(name: .long, help: "A URL or citation for the evidence (repeat for several; kept in order, joined with '; ').")
        var source: [String] = []
        @Flag(name: .long, help: "Allow leaving a final status.")
        var reopen = false
        @OptionGroup var quiet: QuietOption

        func validate() throws {
            guard status != nil || note != nil else {
                throw ValidationError("an update needs --status, --note, or both")
            }
        }

        func run() throws {
            let today = Today.date()
            let newStatus = status
            let day = on ?? today
            let store = try database.open(.write)
            let changed = try store.change(ids: ids) { commitment in
                try commitment.record(
                    status: newStatus, note: note, on: day, source: source.isEmpty ? nil : source.joined(separator: "; "),
                    reopen: reopen, today: today)
            }
            for (_, after) in changed {
                try quiet.say(QuietOption.describe("updated", after, after.history.last { $0.on == day }))
            }
        }
    }
}

extension Accord.Update: QuickCommand {
    static var quickArguments: [QuickArgument<Self>] {
        [
            .group(DatabaseOptions.self) { $0.database = $1 },
            .positionals(read: Parse.id) { $0.ids = $1 },
            .option("--status", read: Parse.status) { $0.status = $1 },
            .option("--note") { $0.note = $1 },
            .option("--on", read: Parse.day) { $0.on = $1 },
            .repeated("--source") { $0.source = $1 },
            .flag("--reopen") { $0.reopen = $1 },
            .group(QuietOption.self) { $0.quiet = $1 },
        ]
    }
}

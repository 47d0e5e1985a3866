import AccordCore
import AccordRows
import AccordFormats
import AccordStore
import ArgumentParser

extension Accord {
    /// `accord add`: records a new commitment and prints its id.
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            // Named here so ArgumentParser need not derive it from the type name at every run.
            commandName: "add",
            _superCommandName: "accord",
            abstract: "Record a new commitment; prints its id.",
            discussion: """
                Example: accord add "Reopen the closed border crossings" --party US --party MX \
                --owner "Antony Blinken" --made-on 2023-12-27 --due 2024-01 --tag border-operations
                """)

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var quiet: QuietOption
        @Flag(name: .customLong("new-party"), help: "Keep a party that is no ISO 3166-1 country as given instead of refusing it.")
        var newParty = false

        @Argument(help: "A short title.")
        var title: String
        @Option(name: .long, help: "A government that committed (repeat: --party US --party MX).")
        var party: [String] = []
        @Option(name: .long, help: "An official or agency responsible (repeat; the first is the lead).")
        var owner: [String] = []
        @Option(name: .long, help: "A topic (repeat).")
        var tag: [String] = []
        @Option(name: .customLong("made-on"), help: .day("The day it was made (default: today)."), transform: Parse.day)
        var madeOn: CalendarDate?
        @Option(name: .long, help: "Where it was made.")
        var occasion: String?
        @Option(name: .long, help: ArgumentHelp("The deadline: YYYY-MM-DD, YYYY-MM, YYYY-Qn, YYYY, +Nd, +Nw or +Nm.", valueName: "due"))
        var due: String?
        @Option(name: .long, help: "A URL or citation.")
        var source: String?
        @Option(name: .long, help: "The verbatim wording from the source.")
        var quote: String?
        @Option(name: .long, help: "The initial status (default: unassessed).",
                completion: .list(Parse.statusNames), transform: Parse.status)
        var status: Status?
        @Option(name: .long, help: "A stable identity for import and export (default: a new UUID).")
        var uid: String?

        func run() throws {
            let today = Today.date()
            var draft = NewCommitment(
                title: title,
                madeOn: madeOn ?? today)
            draft.uid = uid
            draft.parties = party
            draft.owners = owner
            draft.tags = tag
            draft.occasion = occasion ?? ""
            draft.due = due
            draft.source = source ?? ""
            draft.quote = quote ?? ""
            draft.status = status ?? .unassessed
            draft.allowsNewParties = newParty
            for name in party where !Party.isKnown(name) && newParty {
                try quiet.say("warning: \(quoted(name)) is no ISO 3166-1 country; kept as given")
            }
            let commitment = try Commitment.make(draft, today: today)
            // The id is written out inside the transaction: when it cannot be (a full disk, a
            // closed pipe), nothing is stored, so a script that retries never adds it twice.
            let stored = try database.open(.write).add(commitment) { stored in
                try Output.standard.write("\(stored.id ?? 0)\n")
                try Output.standard.flush()
            }
            try? quiet.say("added #\(stored.id ?? 0) \(quoted(stored.title))")
        }
    }
}

extension Accord.Add: QuickCommand {
    static var quickArguments: [QuickArgument<Self>] {
        [
            .group(DatabaseOptions.self) { $0.database = $1 },
            .group(QuietOption.self) { $0.quiet = $1 },
            .flag("--new-party") { $0.newParty = $1 },
            .positional(read: { $0 }) { $0.title = $1 },
            .repeated("--party") { $0.party = $1 },
            .repeated("--owner") { $0.owner = $1 },
            .repeated("--tag") { $0.tag = $1 },
            .option("--made-on", read: Parse.day) { $0.madeOn = $1 },
            .option("--occasion") { $0.occasion = $1 },
            .option("--due") { $0.due = $1 },
            .option("--source") { $0.source = $1 },
            .option("--quote") { $0.quote = $1 },
            .option("--status", read: Parse.status) { $0.status = $1 },
            .option("--uid") { $0.uid = $1 },
        ]
    }
}

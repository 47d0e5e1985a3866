import AccordCore
import AccordRows
import AccordFormats
import AccordStore
import ArgumentParser

extension Accord {
    /// `accord edit`: changes fields, keeping the old values in the history.
    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(
            // Named here so ArgumentParser need not derive it from the type name at every run.
            commandName: "edit",
            _superCommandName: "accord",
            abstract: "Change a commitment's fields; the history keeps the old values.",
            discussion: """
                The history keeps every earlier value with the day of the change: reports as of \
                an earlier day show the values then in force. --source changes the commitment's \
                own source; --evidence is the source of this change.
                Example: accord edit 4 --due 2024-02 --on 2024-01-20 --note "Visit postponed" --evidence https://…
                """)

        @OptionGroup var database: DatabaseOptions

        @Argument(help: "The commitments' ids: all of them change, or none.", transform: Parse.id)
        var ids: [Int64]
        @Option(name: .long, help: "A new title.")
        var title: String?
        @Option(name: .long, help: "A new verbatim quote.")
        var quote: String?
        @Option(name: .long, help: "A new deadline (see 'accord add --help').")
        var due: String?
        @Flag(name: .customLong("clear-due"), help: "Remove the deadline.")
        var clearDue = false
        @Option(name: .long, help: "Replace the parties (repeat).")
        var party: [String] = []
        @Option(name: .long, help: "Replace the owners (repeat; the first is the lead).")
        var owner: [String] = []
        @Flag(name: .customLong("clear-owners"), help: "Remove every owner.")
        var clearOwners = false
        @Option(name: .long, help: "Replace the tags (repeat).")
        var tag: [String] = []
        @Flag(name: .customLong("clear-tags"), help: "Remove every tag.")
        var clearTags = false
        @Option(name: .customLong("made-on"), help: .day("The corrected day it was made (a relative deadline counts from it)."),
                transform: Parse.day)
        var madeOn: CalendarDate?
        @Option(name: .long, help: "A new occasion.")
        var occasion: String?
        @Option(name: .long, help: "A new source for the commitment itself (repeat for several; joined with '; ').")
        var source: [String] = []
        @Option(name: .long, help: "Why the change was made (kept in the history).")
        var note: String?
        @Option(name: .long, help: "A URL or citation for the evidence of this change (kept in the history; repeat for several).")
        var evidence: [String] = []
        @Option(name: .long, help: .day("The day the change took effect (default: today)."), transform: Parse.day)
        var on: CalendarDate?
        @OptionGroup var quiet: QuietOption
        @Flag(name: .customLong("new-party"), help: "Keep a party that is no ISO 3166-1 country as given instead of refusing it.")
        var newParty = false

        func validate() throws {
            if due != nil && clearDue { throw ValidationError("--due and --clear-due exclude each other") }
            if !owner.isEmpty && clearOwners { throw ValidationError("--owner and --clear-owners exclude each other") }
            if !tag.isEmpty && clearTags { throw ValidationError("--tag and --clear-tags exclude each other") }
        }

        func run() throws {
            var edit = CommitmentEdit()
            edit.title = title
            edit.quote = quote
            edit.due = clearDue ? .some(nil) : due.map { .some($0) }
            edit.parties = party.isEmpty ? nil : party
            edit.owners = clearOwners ? [] : (owner.isEmpty ? nil : owner)
            edit.tags = clearTags ? [] : (tag.isEmpty ? nil : tag)
            edit.occasion = occasion
            edit.source = source.isEmpty ? nil : source.joined(separator: "; ")
            edit.note = note
            edit.madeOn = madeOn
            edit.allowsNewParties = newParty
            for name in party where !Party.isKnown(name) && newParty {
                try quiet.say("warning: \(quoted(name)) is no ISO 3166-1 country; kept as given")
            }
            let today = Today.date()
            let changed = try database.open(.write).change(ids: ids) { commitment in
                try commitment.edit(edit, on: on ?? today, evidence: evidence.isEmpty ? nil : evidence.joined(separator: "; "), today: today)
            }
            for (_, after) in changed {
                try quiet.say(QuietOption.describe("edited", after, after.history.last { $0.on == on ?? today && !$0.changes.isEmpty }))
            }
        }
    }
}

extension Accord.Edit: QuickCommand {
    static var quickArguments: [QuickArgument<Self>] {
        [
            .group(DatabaseOptions.self) { $0.database = $1 },
            .positionals(read: Parse.id) { $0.ids = $1 },
            .option("--title") { $0.title = $1 },
            .option("--quote") { $0.quote = $1 },
            .option("--due") { $0.due = $1 },
            .flag("--clear-due") { $0.clearDue = $1 },
            .repeated("--party") { $0.party = $1 },
            .repeated("--owner") { $0.owner = $1 },
            .flag("--clear-owners") { $0.clearOwners = $1 },
            .repeated("--tag") { $0.tag = $1 },
            .flag("--clear-tags") { $0.clearTags = $1 },
            .option("--made-on", read: Parse.day) { $0.madeOn = $1 },
            .option("--occasion") { $0.occasion = $1 },
            .repeated("--source") { $0.source = $1 },
            .option("--note") { $0.note = $1 },
            .repeated("--evidence") { $0.evidence = $1 },
            .option("--on", read: Parse.day) { $0.on = $1 },
            .group(QuietOption.self) { $0.quiet = $1 },
            .flag("--new-party") { $0.newParty = $1 },
        ]
    }
}

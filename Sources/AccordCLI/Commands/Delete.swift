import AccordCore
import AccordFormats
import AccordStore
import ArgumentParser
import Foundation

extension Accord {
    /// `accord delete`: removes mistaken records, with their history.
    struct Delete: ParsableCommand {
        static let configuration = CommandConfiguration(
            // Named here so ArgumentParser need not derive it from the type name at every run.
            commandName: "delete",
            _superCommandName: "accord",
            abstract: "Remove mistaken commitments and their whole history (ids are never given again).",
            discussion: """
                For a commitment that was recorded by mistake. A real commitment that a \
                government gave up is 'withdrawn' instead: 'accord update ID --status withdrawn \
                --note …'. On a terminal, asks before deleting; elsewhere needs --yes. All the \
                given commitments are removed, or none.
                Example: accord delete 12 13 --yes
                """)

        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The commitments' ids.", transform: Parse.id)
        var ids: [Int64]
        @Flag(name: .shortAndLong, help: "Delete without asking (needed when standard input is not a terminal).")
        var yes = false
        @OptionGroup var quiet: QuietOption

        func run() throws {
            let store = try database.open(.write)
            if !yes {
                guard isatty(STDIN_FILENO) == 1 else {
                    throw ValidationError("deleting needs --yes when standard input is not a terminal (nothing was deleted)")
                }
                var titles: [String] = []
                for id in ids { titles.append("#\(id) \(quoted(try store.commitment(id: id).title))") }
                try Output.standardError.write("Delete \(titles.joined(separator: ", ")) and their history? [y/N] ")
                try Output.standardError.flush()
                guard let answer = readLine(), ["y", "yes"].contains(answer.lowercased()) else {
                    try quiet.say("nothing was deleted")
                    return
                }
            }
            for commitment in try store.delete(ids: ids) {
                try quiet.say("deleted #\(commitment.id ?? 0) \(quoted(commitment.title))")
            }
        }
    }
}

extension Accord.Delete: QuickCommand {
    static var quickArguments: [QuickArgument<Self>] {
        [
            .group(DatabaseOptions.self) { $0.database = $1 },
            .positionals(read: Parse.id) { $0.ids = $1 },
            .flag("--yes", "-y") { $0.yes = $1 },
            .group(QuietOption.self) { $0.quiet = $1 },
        ]
    }
}

import AccordCore
import AccordRows
import AccordStore
import ArgumentParser
import Foundation

/// The `accord` command: tracks policy commitments, their deadlines and their fate.
public struct Accord: ParsableCommand {
    /// The command's name, help and subcommands.
    public static let configuration = CommandConfiguration(
        commandName: "accord",
        abstract: "Track policy commitments: who promised what, by when, and what became of it.",
        discussion: """
            The database is --db PATH, else $ACCORD_DB, else \
            $XDG_DATA_HOME/accord/accord.sqlite (~/.local/share/accord/accord.sqlite).

            Exit codes: 0 success; 1 'overdue --check' found overdue commitments; \
            64 invalid arguments or values (bad flag, bad date, unknown status or id, a rule \
            refused the change); 65 an import file is malformed; 66 an input file or the \
            database to read does not exist or cannot be read; 73 an output file cannot be \
            written; 74 the database cannot be used (not an Accord database or not a file, damaged, \
            read-only, written by a newer Accord, folder missing, disk full); 75 the database \
            stayed locked by other processes, or its server cannot take another client now; \
            77 a PostgreSQL server refused the role (wrong \
            password, or a right it lacks); 70 an internal error.
            """,
        version: version,
        subcommands: [
            Add.self, Update.self, Edit.self, Delete.self, List.self, Show.self, Overdue.self, Due.self, Summary.self,
            Log.self, Trend.self, Export.self, Import.self,
        ]
    )

    /// The version `--version` prints.
    static let version = "1.0.0"

    /// The subcommands' names, which the preflight checks use to find where options start.
    static let subcommandNames = Set(configuration.subcommands.map { $0._commandName })

    /// The root command, as ArgumentParser makes it.
    public init() {}

    /// Parses the arguments, runs the command and returns the exit code; every error becomes
    /// one `error:` line on standard error.
    public static func runMain(_ arguments: [String]? = nil) -> Int32 {
        TemporaryFiles.ignoreFileSizeSignal()
        if let problem = invalidArgumentEncoding() {
            Output.message("error: \(problem)\n")
            return ExitStatus.usage
        }
        let given = arguments ?? Array(CommandLine.arguments.dropFirst())
        if given == ["--version"] {
            // Answered before any parsing: ArgumentParser's own answer (a clean exit) builds
            // the help of the command tree first, most of a bare `--version`'s time.
            do {
                try Output.standard.write(version + "\n")
                try Output.standard.flush()
                return 0
            } catch {
                return ExitStatus.report(error)
            }
        }
        let normalized = ArgumentPreflight.normalized(given, subcommands: subcommandNames)
        do {
            try ArgumentHints.checkSubcommand(normalized)
            try ArgumentPreflight.checkRepeats(normalized)
            var command = try parseQuickly(normalized)
            try command.run()
            OpenStores.closeAll()
            try Output.standard.flush()
            return 0
        } catch {
            OpenStores.closeAll()
            // What a failed command left in the buffer is dropped: a report that fails before
            // its first 64 KiB (a lock wait that ends, a connection lost) prints nothing to
            // standard output, not a header alone. (`overdue --check` writes its report out
            // before its exit code.)
            Output.standard.discard()
            return ExitStatus.report(error, arguments: normalized)
        }
    }

    /// Parses the arguments. A plain command line is read by the subcommand's quick parser
    /// (``QuickParsable``), without ArgumentParser's reflection; failing that, the subcommand
    /// is parsed as a root of its own, which spares ArgumentParser's reflection over the root
    /// command and every subcommand (most of the start-up time in a profile); anything it
    /// refuses, and every request for help, version or completion, goes through the whole
    /// command tree, whose messages say it as usual.
    /// Each subcommand's configuration names `accord` as its `_superCommandName`, so that
    /// parsed on its own it skips ArgumentParser's check for a completion-script request
    /// (two more commands parsed by reflection), which this path never is.
    private static func parseQuickly(_ arguments: [String]) throws -> any ParsableCommand {
        let special: Set<String> = ["-h", "--help", "help", "--version", "--generate-completion-script", "--experimental-dump-help"]
        if let name = arguments.first, !arguments.contains(where: special.contains) {
            let rest = Array(arguments.dropFirst())
            if let quick = quickCommands.first(where: { $0._commandName == name }), let command = quick.quickParse(rest) {
                return command
            }
            if let subcommand = configuration.subcommands.first(where: { $0._commandName == name }),
               let command = try? subcommand.parseAsRoot(rest) {
                return command
            }
        }
        return try parseAsRoot(arguments)
    }

    /// The subcommands read without ArgumentParser's reflection (``QuickParsable``), by name.
    static var quickCommands: [any QuickCommand.Type] {
        [Add.self, Update.self, Edit.self, Delete.self, List.self, Show.self, Overdue.self, Due.self, Summary.self,
         Log.self, Trend.self, Export.self, Import.self]
    }

    /// Finds an argument that is not valid UTF-8, which Swift would otherwise repair silently.
    private static func invalidArgumentEncoding() -> String? {
        for index in 1..<Int(CommandLine.argc) {
            guard let pointer = CommandLine.unsafeArgv[index] else { continue }
            if String(validatingCString: pointer) == nil {
                return "argument \(index) is not valid UTF-8"
            }
        }
        return nil
    }
}

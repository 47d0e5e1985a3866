import AccordCore
import ArgumentParser

/// What the command line needs before ArgumentParser reads it: global options moved after the
/// subcommand (as git, sqlite3 and task take them first), and single-valued options given
/// twice refused instead of the last one silently winning.
enum ArgumentPreflight {
    /// Options every command (or every report) takes, accepted before the subcommand too.
    static let globalOptions: Set<String> = ["--db", "--color", "--as-of"]
    /// Options that may be given several times: filters widen, lists grow.
    static let repeatable: Set<String> = ["--party", "--owner", "--tag", "--status", "--source", "--evidence"]
    /// Those of them that are one value in a command: a new commitment's status and source,
    /// an update's new status.
    static let singleIn: [String: Set<String>] = ["add": ["--status", "--source"], "update": ["--status"]]

    /// The arguments with the global options given before the subcommand moved after it.
    static func normalized(_ arguments: [String], subcommands: Set<String>) -> [String] {
        var moved: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if subcommands.contains(argument) {
                return [argument] + moved + arguments[(index + 1)...]
            }
            let name = argument.split(separator: "=", maxSplits: 1).first.map(String.init) ?? argument
            guard globalOptions.contains(name) else { return arguments }
            moved.append(argument)
            if !argument.contains("="), index + 1 < arguments.count {
                moved.append(arguments[index + 1])
                index += 1
            }
            index += 1
        }
        return arguments
    }

    /// Refuses an option other than the repeatable ones given twice before `--` (the
    /// subcommand first, as ``normalized(_:subcommands:)`` leaves it).
    static func checkRepeats(_ arguments: [String]) throws {
        let repeatable = Self.repeatable.subtracting(arguments.first.flatMap { singleIn[$0] } ?? [])
        var seen: Set<String> = []
        for argument in arguments {
            if argument == "--" { return }
            guard argument.hasPrefix("-"), argument.count > 1, Int(argument) == nil else { continue }
            let name = argument.split(separator: "=", maxSplits: 1).first.map(String.init) ?? argument
            guard !repeatable.contains(name) else { continue }
            if !seen.insert(name).inserted {
                throw ValidationError("\(name) is given twice; give it once (only \(repeatable.sorted().joined(separator: ", ")) repeat)")
            }
        }
    }
}

import AccordCore
import ArgumentParser

/// Hints added to ArgumentParser's messages: the likely subcommand or option for a typo, and
/// how to give a title that starts with `-`.
enum ArgumentHints {
    /// The subcommands by name.
    static var subcommands: [String: ParsableCommand.Type] {
        Dictionary(uniqueKeysWithValues: Accord.configuration.subcommands.compactMap { type in
            type.configuration.commandName.map { ($0, type) }
        })
    }

    /// Refuses a first word that is no subcommand, naming the likely one.
    static func checkSubcommand(_ arguments: [String]) throws {
        guard let first = arguments.first, !first.hasPrefix("-"), !Accord.subcommandNames.contains(first), first != "help" else { return }
        let names = Accord.configuration.subcommands.compactMap { type in type.configuration.commandName }
        throw ValidationError(Suggestion.refusal("unknown command '\(first)'", first, among: names, expected: "commands"))
    }

    /// `message` with a hint for what `arguments` likely meant.
    static func hinted(_ message: String, arguments: [String]) -> String {
        if let option = quotedValue(after: "Unknown option '", in: message), let name = arguments.first,
           let command = subcommands[name] {
            let known = options(of: command)
            if message.contains("Did you mean") { return message + " See 'accord \(name) --help'" }
            if let likely = Suggestion.closest(to: option, among: known) {
                return message + "; did you mean '\(likely)'? See 'accord \(name) --help'"
            }
            return message + "; see 'accord \(name) --help'"
        }
        if message.contains("Missing expected argument '<title>'"),
           arguments.dropFirst().contains(where: { $0.hasPrefix("-") && !$0.hasPrefix("--") && Int($0) == nil }) {
            return message + "; a title that starts with '-' goes after '--', as in: accord add --party US -- \"-5% tariff\""
        }
        return message
    }

    /// The long options a subcommand's help lists.
    static func options(of command: ParsableCommand.Type) -> [String] {
        let help = Accord.helpMessage(for: command)
        var names: [String] = []
        for word in help.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "," || $0 == "[" || $0 == "]" })
        where word.hasPrefix("--") {
            let name = String(word.prefix { $0 == "-" || $0.isLetter || $0.isNumber })
            if name.count > 2 && !names.contains(name) { names.append(name) }
        }
        return names
    }

    private static func quotedValue(after prefix: String, in message: String) -> String? {
        guard let start = message.range(of: prefix) else { return nil }
        return String(message[start.upperBound...].prefix { $0 != "'" })
    }
}

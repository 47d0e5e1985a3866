import AccordCore
import AccordFormats
import ArgumentParser

/// `--quiet`: writes say what they did in one line on standard error unless asked not to;
/// standard output stays clean for scripts.
struct QuietOption: ParsableArguments {
    @Flag(name: [.short, .long], help: "Do not say what was done on standard error.")
    var quiet = false

    /// Says what a write did, on standard error.
    func say(_ message: String) throws {
        guard !quiet else { return }
        try Output.standardError.write(TerminalText.visible(message) + "\n")
        try Output.standardError.flush()
    }

    /// What an update or edit did to one commitment: `updated #4: unassessed → in-progress`.
    static func describe(_ verb: String, _ after: Commitment, _ update: Update?) -> String {
        var change = update.map(HistoryText.change) ?? ""
        if change.hasPrefix("edited ") { change.removeFirst("edited ".count) }
        return "\(verb) #\(after.id ?? 0): " + (change.isEmpty ? "note added" : change)
    }
}

extension QuietOption: QuickParsable {
    static var quickArguments: [QuickArgument<Self>] { [.flag("-q", "--quiet") { $0.quiet = $1 }] }
}

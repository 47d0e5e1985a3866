import ArgumentParser
import Foundation
import Testing

@testable import AccordCLI

/// The quick path (``QuickParsable``) must read every command line exactly as ArgumentParser
/// does, or give way to it: these tests hold each command's list of arguments to its
/// `@Option`, `@Flag` and `@Argument` declarations, and compare the two readings value for
/// value on generated command lines.
struct QuickParseTests {
    /// One declared argument of a command, from ArgumentParser's own description of it.
    struct Declared: Equatable, CustomStringConvertible {
        var names: [String]
        var kind: String
        var isRepeating: Bool
        var description: String { "\(kind) \(names.joined(separator: "|"))\(isRepeating ? "…" : "")" }
    }

    /// The command's arguments as ArgumentParser declares them, without help and version.
    static func declared(_ command: ParsableCommand.Type) throws -> [Declared] {
        let json = try #require(JSONSerialization.jsonObject(with: Data(command._dumpHelp().utf8)) as? [String: Any])
        let info = try #require(json["command"] as? [String: Any])
        let arguments = try #require(info["arguments"] as? [[String: Any]])
        return arguments.compactMap { argument in
            let names = (argument["names"] as? [[String: String]] ?? []).map { name in
                (name["kind"] == "short" ? "-" : "--") + (name["name"] ?? "")
            }
            guard !names.contains("--help"), !names.contains("--version") else { return nil }
            return Declared(names: names, kind: argument["kind"] as? String ?? "", isRepeating: argument["isRepeating"] as? Bool ?? false)
        }
    }

    /// The command's arguments as its quick list names them.
    static func listed(_ command: any QuickCommand.Type) -> [Declared] {
        command.quickOptions.map { option in
            let kind: String
            switch option.kind {
            case .flag: kind = "flag"
            case .option: kind = "option"
            case .positional, .positionals: kind = "positional"
            }
            return Declared(names: option.names, kind: kind, isRepeating: option.isRepeating)
        }
    }

    /// The value as text, every wrapped property with its state, for comparison.
    static func dumped(_ value: Any) -> String {
        var text = ""
        dump(value, to: &text)
        return text
    }

    /// A plain valid value for an option or argument, by name.
    static func sample(_ name: String, of command: String) -> String {
        switch name {
        case "--status": return "in-progress"
        case "--as-of", "--made-on", "--on", "--since", "--until": return "2024-01-31"
        case "--format": return command == "show" ? "text" : "json"
        case "--color": return "never"
        case "--by": return "party"
        case "--every": return "month"
        case "--sort": return command == "log" ? "on" : "due_by,title"
        case "--limit": return "5"
        case "--id": return "2"
        case "--delimiter": return ";"
        case "--within": return "6w"
        case "--fields": return "id,title"
        case "--party": return "MX"
        case "--db": return "/tmp/quick.sqlite"
        case "--output", "-o": return "out.csv"
        case "ids", "id": return "3"
        case "file": return "data.json"
        default: return "Some text, with ünïcode"
        }
    }

    /// Command lines for `name`: the required arguments alone, then each option alone (in
    /// both spellings, repeated when it repeats), then all of them at once.
    static func commandLines(for name: String, declared: [Declared]) -> [[String]] {
        var required: [String] = []
        for argument in declared where argument.kind == "positional" {
            required.append(contentsOf: argument.isRepeating ? ["3", "4"] : [name == "add" ? "A title" : sample(name == "import" ? "file" : "id", of: name)])
        }
        var lines = [required]
        var all = required
        for argument in declared where argument.kind != "positional" {
            for spelling in argument.names {
                if argument.kind == "flag" {
                    lines.append(required + [spelling])
                    continue
                }
                let value = sample(argument.names.last ?? spelling, of: name)
                lines.append([spelling, value] + required)
                if spelling.hasPrefix("--") { lines.append(required + ["\(spelling)=\(value)"]) }
                if argument.isRepeating { lines.append(required + [spelling, value, spelling, "Other"]) }
            }
            all += argument.kind == "flag" ? [argument.names[0]] : [argument.names[0], sample(argument.names.last ?? "", of: name)]
        }
        lines.append(all)
        return lines
    }

    @Test func everySubcommandHasAQuickList() {
        let quick = Accord.quickCommands.map { $0._commandName }
        let all = Accord.configuration.subcommands.map { $0._commandName }
        #expect(quick == all)
    }

    @Test func quickListsNameEveryDeclaredArgument() throws {
        for command in Accord.quickCommands {
            let declared = try Self.declared(command)
            #expect(Self.listed(command) == declared, "\(command._commandName)")
        }
    }

    /// Whether `line` reads alike both ways: the same values when ArgumentParser reads it, no
    /// quick reading when it refuses it; records an issue otherwise.
    @discardableResult
    static func readsAlike(_ command: any QuickCommand.Type, _ line: [String]) -> Bool {
        let name = command._commandName
        let quick = command.quickParse(line)
        guard let parsed = try? command.parseAsRoot(line) else {
            #expect(quick == nil, "\(name) \(line): the quick path accepts what ArgumentParser refuses")
            return false
        }
        guard let quick else {
            Issue.record("\(name) \(line): the quick path refuses what ArgumentParser reads")
            return false
        }
        #expect(dumped(quick) == dumped(parsed), "\(name) \(line)")
        return true
    }

    @Test func quickPathReadsWhatArgumentParserReads() throws {
        var compared = 0
        for command in Accord.quickCommands {
            for line in Self.commandLines(for: command._commandName, declared: try Self.declared(command))
            where Self.readsAlike(command, line) {
                compared += 1
            }
        }
        #expect(compared > 150)
    }

    @Test func edgeCasesReadAlike() {
        let lines: [(any QuickCommand.Type, [String])] = [
            (Accord.List.self, ["--sort=-due_by"]), (Accord.List.self, ["--db="]), (Accord.List.self, ["--search", ""]),
            (Accord.Export.self, ["-o", "-"]), (Accord.Export.self, ["--output=-"]), (Accord.Import.self, ["-"]),
            (Accord.Add.self, ["", "--party", "US"]), (Accord.Add.self, ["--party", "US", "--", "--title-like"]),
            (Accord.Update.self, ["3", "--note", "x", "4"]), (Accord.Update.self, ["--note", "x", "--", "3"]),
            (Accord.Edit.self, ["3", "--due", "2024-02", "--clear-due"]), (Accord.Import.self, ["a.csv", "--skip-existing", "--replace"]),
            (Accord.Delete.self, ["3", "-y", "-q"]), (Accord.Summary.self, ["--by", "tag", "--pretty"]),
        ]
        for (command, line) in lines {
            Self.readsAlike(command, line)
        }
    }

    @Test func unusualCommandLinesGoToArgumentParser() {
        // Each of these is left to ArgumentParser, which reads it or says what is wrong.
        let lines: [[String]] = [
            ["--bogus"], ["--limit"], ["--limit", "-5"], ["--sort", "-due_by"], ["--overdue=yes"], ["extra"],
            ["--status", "fulfiled"], ["--as-of", "2024-13-01"], ["--format", "text"], ["--limit", "0"],
        ]
        for line in lines {
            #expect(Accord.List.quickParse(line) == nil, "\(line)")
        }
        #expect(Accord.Update.quickParse(["3"]) == nil, "validate() refuses an update without --status or --note")
        #expect(Accord.Add.quickParse([]) == nil, "the title is required")
        #expect(Accord.Add.quickParse(["a", "b"]) == nil, "one title")
        #expect(Accord.Trend.quickParse([]) == nil, "--every is required")
        #expect(Accord.Add.quickParse(["--", "-5% tariff"])?.title == "-5% tariff")
        #expect(Accord.Delete.quickParse(["-y", "3", "4"])?.ids == [3, 4])
    }
}

import Foundation
import Testing

/// Commands typed as people type them (git, gh, sqlite3 and Taskwarrior habits).
@Suite struct TypingTests {
    func sandboxWithThree() throws -> Sandbox {
        let sandbox = try Sandbox()
        for arguments in [["Border", "--party", "US", "--tag", "security"], ["Visit", "--party", "MX", "--tag", "daca"],
                          ["Both", "--party", "CA", "--tag", "security", "--tag", "daca"]] {
            let added = try sandbox.run(["add"] + arguments + ["--made-on", "2023-12-27"])
            #expect(added.status == 0, "\(added.stderr)")
        }
        return sandbox
    }

    func ids(_ run: Run) -> [String] {
        run.stdout.split(separator: "\n").dropFirst().map { String($0.split(separator: "\t").first ?? "") }
    }

    @Test func repeatedFiltersMeanAnyOf() throws {
        let sandbox = try sandboxWithThree()
        #expect(ids(try sandbox.run(["list", "--party", "US", "--party", "MX"])) == ["1", "2"])
        #expect(ids(try sandbox.run(["list", "--tag", "security", "--tag", "daca"])) == ["1", "2", "3"])
        #expect(try sandbox.run(["update", "2", "--status", "fulfilled", "--note", "done"]).status == 0)
        #expect(ids(try sandbox.run(["list", "--status", "open"])) == ["1", "3"])
        #expect(ids(try sandbox.run(["list", "--status", "final"])) == ["2"])
        #expect(ids(try sandbox.run(["list", "--status", "Fulfilled"])) == ["2"])
    }

    @Test func aSingleValuedOptionGivenTwiceIsRefused() throws {
        let sandbox = try sandboxWithThree()
        expectUserError(try sandbox.run(["list", "--format", "csv", "--format", "json"]), status: 64, containing: "--format is given twice")
        expectUserError(try sandbox.run(["update", "1", "--note", "a", "--note", "b"]), status: 64, containing: "--note is given twice")
    }

    @Test func globalOptionsComeBeforeTheSubcommandToo() throws {
        let sandbox = try sandboxWithThree()
        let run = try sandbox.run(["--db", sandbox.db, "--as-of", "2024-01-01", "list", "--format", "csv"], useDB: false)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.split(separator: "\r\n").count == 4)
    }

    @Test func theDefaultDatabaseLivesUnderHomeFromTheEnvironment() throws {
        let sandbox = try Sandbox()
        let home = sandbox.folder.appendingPathComponent("home").path
        let environment = ["HOME": home, "XDG_DATA_HOME": ""]
        #expect(try sandbox.run(["add", "x", "--party", "US"], useDB: false, environment: environment).status == 0)
        #expect(FileManager.default.fileExists(atPath: home + "/.local/share/accord/accord.sqlite"))
        let xdg = sandbox.folder.appendingPathComponent("xdg").path
        #expect(try sandbox.run(["add", "x", "--party", "US"], useDB: false, environment: ["XDG_DATA_HOME": xdg]).status == 0)
        #expect(FileManager.default.fileExists(atPath: xdg + "/accord/accord.sqlite"))
    }

    @Test func typosGetSuggestions() throws {
        let sandbox = try sandboxWithThree()
        expectUserError(try sandbox.run(["lst"], useDB: false), status: 64, containing: "did you mean 'list'?")
        expectUserError(try sandbox.run(["list", "--status", "fulfiled"]), status: 64, containing: "did you mean 'fulfilled'?")
        expectUserError(try sandbox.run(["list", "--format", "jsn"]), status: 64, containing: "did you mean 'json'?")
        expectUserError(try sandbox.run(["list", "--fields", "id,tittle"]), status: 64, containing: "did you mean 'title'?")
        expectUserError(try sandbox.run(["list", "--prty", "US"]), status: 64, containing: "'--party'")
        #expect(try sandbox.run(["list", "--format", "CSV"]).status == 0)
        expectUserError(try sandbox.run(["add", "-5% tariff", "--party", "US"]), status: 64, containing: "goes after '--'")
        #expect(try sandbox.run(["add", "--party", "US", "--", "-5% tariff"]).stdout == "4\n")
        expectUserError(try sandbox.run(["edit", "1"]), status: 64, containing: "nothing to change: give a new value")
        expectUserError(try sandbox.run(["due", "--within", "2"]), status: 64, containing: "'+2'")
    }

    @Test func everyCSVAccordWritesIsGuardedUnlessRaw() throws {
        let sandbox = try Sandbox()
        #expect(try sandbox.run(["add", "--party", "US", "--tag", "=1+2", "--due", "2024-01", "--made-on", "2023-12-27", "--",
                                 "=HYPERLINK(\"x\")"]).status == 0)
        #expect(try sandbox.run(["update", "1", "--note", "@SUM(1)"]).status == 0)
        for arguments in [["list"], ["overdue"], ["due", "--within", "800d", "--as-of", "2023-12-27"], ["log"],
                          ["summary", "--by", "tag"], ["export"]] {
            let guarded = try sandbox.run(arguments + ["--format", "csv"]).stdout
            #expect(guarded.split(separator: "\r\n").count >= 2, "\(arguments) prints rows")
            #expect(!guarded.contains(",=") && !guarded.contains(",@") && !guarded.contains("\n="), "\(arguments): \(guarded)")
            let raw = try sandbox.run(arguments + ["--format", "csv", "--raw"]).stdout
            #expect(raw.contains("=") , "\(arguments)")
        }
    }

    @Test func storedControlCharactersNeverReachTheTerminalRaw() throws {
        let sandbox = try Sandbox()
        // A carriage return in a note is kept as a line break, never as a return.
        #expect(try sandbox.run(["add", "Quote", "--party", "US", "--quote", "line one\rline two"]).status == 0)
        #expect(try sandbox.run(["update", "1", "--note", "ok\r2023-01-04 fulfilled → broken: FAKE"]).status == 0)
        let show = try sandbox.run(["show", "1"]).stdout
        #expect(!show.contains("\r"))
        #expect(show.contains("      2023-01-04 fulfilled → broken: FAKE"), "the forged line is indented under its entry: \(show)")
        // A database another program changed (from before the schema refused it)
        _ = try sandbox.sqlite("DROP TRIGGER commitment_domain_update; UPDATE commitment SET title = 'a' || char(27) || '[2Jb', tags = json_array('x' || char(27))")
        for arguments in [["list", "--format", "table"], ["show", "1"], ["log", "--format", "table"], ["summary", "--by", "tag", "--format", "table"]] {
            let run = try sandbox.run(arguments)
            #expect(run.status == 0, "\(arguments): \(run.stderr)")
            #expect(!run.stdout.contains("\u{1B}"), "\(arguments)")
            #expect(run.stdout.contains("⟨U+001B⟩"), "\(arguments): \(run.stdout)")
        }
    }
}

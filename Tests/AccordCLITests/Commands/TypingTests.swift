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
        // Options that repeat elsewhere (filters widen, lists grow) are single values here: a
        // commitment's status and source in `add`, the new status in `update`
        let before = try sandbox.run(["export", "--format", "json"]).stdout
        expectUserError(try sandbox.run(["add", "x", "--party", "US", "--status", "stalled", "--status", "broken"]),
                        status: 64, containing: "--status is given twice")
        expectUserError(try sandbox.run(["add", "x", "--party", "US", "--source", "a", "--source", "b"]),
                        status: 64, containing: "--source is given twice")
        expectUserError(try sandbox.run(["update", "1", "--status", "stalled", "--status=broken", "--note", "x"]),
                        status: 64, containing: "--status is given twice")
        #expect(try sandbox.run(["export", "--format", "json"]).stdout == before)
        // while `update` takes several sources and `edit` several sources and evidence
        #expect(try sandbox.run(["update", "1", "--note", "x", "--source", "a", "--source", "b"]).status == 0)
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

    @Test func versionAndHelpAnswerWithoutADatabase() throws {
        let sandbox = try Sandbox()
        let version = try sandbox.run(["--version"], useDB: false)
        #expect(version.status == 0 && version.stdout == "1.0.0\n" && version.stderr.isEmpty)
        let help = try sandbox.run(["list", "--help"], useDB: false)
        #expect(help.status == 0 && help.stdout.contains("USAGE: accord list"), "\(help.stdout)")
        // Completion scripts still come from the whole command tree, after a subcommand too
        for arguments in [["--generate-completion-script", "bash"], ["list", "--generate-completion-script", "bash"]] {
            let completion = try sandbox.run(arguments, useDB: false)
            #expect(completion.status == 0 && completion.stdout.contains("_accord"), "\(arguments)")
        }
    }

    @Test func theHelpNamesEveryExitCodeTheREADMEDocuments() throws {
        // Given the README's table of exit codes
        let readme = try String(contentsOf: repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let codes = readme.split(separator: "\n").compactMap { line -> String? in
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard line.hasPrefix("| "), let code = cells.first, Int(code) != nil else { return nil }
            return code
        }
        #expect(codes.contains("77") && codes.contains("1") && codes.count >= 9, "\(codes)")
        // Then `accord --help` names each of them
        let help = try Sandbox().run(["--help"], useDB: false)
        let text = help.stdout.replacingOccurrences(of: "\n", with: " ")
        for code in codes {
            #expect(text.contains(" \(code) "), "exit code \(code) missing from --help")
        }
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
        expectUserError(try sandbox.run(["due", "--within", "2"]), status: 64, containing: "invalid --within '2'")
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
        _ = try sandbox.sqlite(Backend.isSQLite
            ? "DROP TRIGGER commitment_domain_update; UPDATE commitment SET title = 'a' || char(27) || '[2Jb', tags = json_array('x' || char(27))"
            : "ALTER TABLE commitment DROP CONSTRAINT commitment_title_domain, DROP CONSTRAINT commitment_tags_domain; "
                + "UPDATE commitment SET title = 'a' || chr(27) || '[2Jb', tags = json_build_array('x' || chr(27))")
        for arguments in [["list", "--format", "table"], ["show", "1"], ["log", "--format", "table"], ["summary", "--by", "tag", "--format", "table"]] {
            let run = try sandbox.run(arguments)
            #expect(run.status == 0, "\(arguments): \(run.stderr)")
            #expect(!run.stdout.contains("\u{1B}"), "\(arguments)")
            #expect(run.stdout.contains("⟨U+001B⟩"), "\(arguments): \(run.stdout)")
        }
    }
}

/// Removing, changing several at once, ordering and saying what was done.
@Suite struct BulkAndDeleteTests {
    func sandbox() throws -> Sandbox {
        let sandbox = try Sandbox()
        for (title, due) in [("Charlie", "2024-03"), ("Alpha", "2024-01"), ("Bravo", "2024-02")] {
            #expect(try sandbox.run(["add", title, "--party", "US", "--made-on", "2023-12-27", "--due", due, "--quiet"]).status == 0)
        }
        return sandbox
    }

    @Test func deleteAsksOrNeedsYesRemovesTheHistoryAndNeverReusesIds() throws {
        let sandbox = try sandbox()
        #expect(try sandbox.run(["update", "2", "--note", "a note"]).status == 0)
        let before = sandbox.databaseBytes()
        expectUserError(try sandbox.run(["delete", "2"]), status: 64, containing: "--yes")
        #expect(sandbox.databaseBytes() == before)
        expectUserError(try sandbox.run(["delete", "2", "99", "--yes"]), status: 64, containing: "no commitment has id 99")
        #expect(try sandbox.sqlite("SELECT count(*) FROM commitment") == "3", "all or none")
        let deleted = try sandbox.run(["delete", "2", "--yes"])
        #expect(deleted.status == 0)
        #expect(deleted.stderr == "deleted #2 'Alpha'\n")
        #expect(try sandbox.sqlite("SELECT count(*) FROM progress_update WHERE commitment_id = 2") == "0")
        #expect(try sandbox.run(["add", "Delta", "--party", "US", "--quiet"]).stdout == "4\n")
    }

    @Test func updatesAndEditsOfSeveralApplyToAllOrNoneAndSaySo() throws {
        let sandbox = try sandbox()
        let run = try sandbox.run(["update", "1", "2", "--status", "in-progress", "--note", "talks", "--on", "2024-01-10"])
        #expect(run.status == 0)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr == "updated #1: unassessed → in-progress\nupdated #2: unassessed → in-progress\n")
        // One refused, none changed
        #expect(try sandbox.run(["update", "2", "--status", "fulfilled", "--note", "done"]).status == 0)
        let before = sandbox.databaseBytes()
        expectUserError(try sandbox.run(["update", "1", "2", "--status", "stalled", "--note", "stopped"]), status: 64,
                        containing: "#2: the status 'fulfilled' is final")
        #expect(sandbox.databaseBytes() == before)
        let edited = try sandbox.run(["edit", "1", "3", "--tag", "moved", "--on", "2024-02-01"])
        #expect(edited.stderr == "edited #1: tags: (none) → moved\nedited #3: tags: (none) → moved\n")
        #expect(try sandbox.run(["update", "3", "--note", "quiet", "--quiet"]).stderr.isEmpty)
    }

    @Test func sortAndLimitOrderAndCutReports() throws {
        let sandbox = try sandbox()
        func titles(_ arguments: [String]) throws -> [String] {
            try sandbox.run(arguments + ["--format", "csv", "--fields", "title"]).stdout
                .split(separator: "\r\n").dropFirst().map(String.init)
        }
        #expect(try titles(["list", "--sort", "title"]) == ["Alpha", "Bravo", "Charlie"])
        #expect(try titles(["list", "--sort=-due_by", "--limit", "2"]) == ["Charlie", "Bravo"])
        #expect(try titles(["overdue", "--as-of", "2024-06-01", "--sort", "days_overdue"]) == ["Charlie", "Bravo", "Alpha"])
        #expect(try titles(["overdue", "--as-of", "2024-06-01", "--sort=-days_overdue"]) == ["Alpha", "Bravo", "Charlie"])
        #expect(try titles(["overdue", "--as-of", "2024-06-01", "--limit", "1"]) == ["Alpha"])
        #expect(try titles(["due", "--as-of", "2024-01-15", "--within", "90d", "--sort", "title:desc"]) == ["Charlie", "Bravo", "Alpha"])
        let log = try sandbox.run(["log", "--sort=-on", "--limit", "1", "--format", "csv"]).stdout
        #expect(log.split(separator: "\r\n").count == 2)
        expectUserError(try sandbox.run(["list", "--limit", "0"]), status: 64, containing: "--limit")
        expectUserError(try sandbox.run(["list", "--sort", "titel"]), status: 64, containing: "did you mean 'title'?")
    }
}

/// Corrections and evidence.
@Suite struct CorrectionTests {
    @Test func editMadeOnIsADatedCorrectionThatMovesARelativeDeadline() throws {
        let sandbox = try Sandbox()
        #expect(try sandbox.run(["add", "X", "--party", "US", "--made-on", "2023-12-20", "--due", "+30d", "--quiet"]).status == 0)
        let run = try sandbox.run(["edit", "1", "--made-on", "2023-12-27", "--note", "The meeting was on the 27th"])
        #expect(run.stderr == "edited #1: due: '+30d' (by 2024-01-19) → '+30d' (by 2024-01-26); made_on: 2023-12-20 → 2023-12-27\n")
        let show = try sandbox.run(["show", "1"]).stdout
        #expect(show.contains("made on:   2023-12-27"))
        expectUserError(try sandbox.run(["show", "1", "--as-of", "2023-12-25"]), status: 64, containing: "was made on 2023-12-27")
        #expect(try sandbox.run(["update", "1", "--note", "n", "--on", "2024-01-05", "--quiet"]).status == 0)
        expectUserError(try sandbox.run(["edit", "1", "--made-on", "2024-01-10"]), status: 64, containing: "before the commitment was made")
    }

    @Test func severalSourcesAreKeptInOrder() throws {
        let sandbox = try Sandbox()
        try sandbox.add("X")
        #expect(try sandbox.run(["update", "1", "--note", "two", "--source", "https://a.example", "--source", "https://b.example"]).status == 0)
        #expect(try sandbox.run(["show", "1"]).stdout.contains("two [source: https://a.example; https://b.example]"))
        #expect(try sandbox.run(["edit", "1", "--tag", "t", "--evidence", "https://c.example", "--evidence", "https://d.example"]).status == 0)
        #expect(try sandbox.run(["log", "--format", "csv"]).stdout.contains("https://c.example; https://d.example"))
    }

    @Test func aMissingDatabaseIsTheSameErrorWhateverThePathSource() throws {
        let sandbox = try Sandbox()
        let home = sandbox.folder.appendingPathComponent("nobody-home").path
        let defaultPath = try sandbox.run(["list"], useDB: false, environment: ["HOME": home, "XDG_DATA_HOME": ""])
        let explicit = try sandbox.run(["list", "--db", sandbox.folder.appendingPathComponent("none/x.sqlite").path], useDB: false)
        for run in [defaultPath, explicit] {
            expectUserError(run, status: 66, containing: "'accord add' or 'accord import' creates it")
        }
    }
}

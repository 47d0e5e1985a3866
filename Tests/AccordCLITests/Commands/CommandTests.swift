import Foundation
import Testing

@Suite struct CommandTests {
    @Test func addPrintsTheNewIDAloneAndShowPrintsEveryField() throws {
        let sandbox = try Sandbox()
        let result = try sandbox.run([
            "add", "Reopen the crossings", "--party", "US", "--party", "MX", "--owner", "Antony Blinken",
            "--owner", "Alejandro Mayorkas", "--tag", "border", "--made-on", "2023-12-27", "--due", "2024-01",
            "--occasion", "Mexico City meeting", "--source", "https://example.org/a", "--quote", "agreement was reached",
            "--uid", "reopen",
        ])
        #expect(result.status == 0)
        #expect(result.stdout == "1\n")
        let show = try sandbox.run(["show", "1", "--format", "json", "--as-of", "2024-02-03"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as? [String: Any])
        #expect(object["uid"] as? String == "reopen")
        #expect(object["parties"] as? [String] == ["US", "MX"])
        #expect(object["owners"] as? [String] == ["Antony Blinken", "Alejandro Mayorkas"])
        #expect(object["due_by"] as? String == "2024-01-31")
        #expect(object["days_overdue"] as? Int == 3)
        #expect(object["quote"] as? String == "agreement was reached")
        #expect((object["history"] as? [Any])?.count == 1)
        let text = try sandbox.run(["show", "1", "--as-of", "2024-02-03"])
        #expect(text.stdout.contains("schedule:  overdue (3 days as of 2024-02-03)"))
    }

    @Test func updatesAndEditsBuildTheHistory() throws {
        let sandbox = try Sandbox()
        let id = try sandbox.add("Meet in January", ["--due", "2024-01"])
        #expect(try sandbox.run(["update", "\(id)", "--status", "in-progress", "--on", "2024-01-05",
                                 "--note", "Dates proposed", "--source", "https://example.org/b"]).status == 0)
        #expect(try sandbox.run(["edit", "\(id)", "--due", "2024-02", "--on", "2024-01-20", "--note", "postponed",
                                 "--evidence", "https://example.org/moved"]).status == 0)
        #expect(try sandbox.run(["update", "\(id)", "--status", "fulfilled", "--on", "2024-02-10",
                                 "--note", "Met in Washington"]).status == 0)
        let show = try sandbox.run(["show", "\(id)", "--format", "json", "--as-of", "2024-03-01"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as? [String: Any])
        let history = try #require(object["history"] as? [[String: Any]])
        #expect(history.count == 4)
        #expect(history[1]["from_status"] as? String == "unassessed")
        #expect(history[1]["to_status"] as? String == "in-progress")
        #expect(history[1]["source"] as? String == "https://example.org/b")
        #expect(history[2]["on"] as? String == "2024-01-20")
        #expect(history[2]["note"] as? String == "postponed")
        #expect(history[2]["source"] as? String == "https://example.org/moved")
        let changes = try #require(history[2]["changes"] as? [String: [String]])
        #expect(changes["due"] == ["2024-01", "2024-02"])
        #expect(object["status"] as? String == "fulfilled")
        // On time against the deadline in force, late against the original one.
        #expect(object["schedule"] as? String == "on-time")
        #expect(object["original_due_by"] as? String == "2024-01-31")
        #expect(object["late_against_original"] as? Bool == true)
        // Leaving a final status needs --reopen.
        expectUserError(try sandbox.run(["update", "\(id)", "--status", "stalled"]), status: 64, containing: "--reopen")
        expectUserError(try sandbox.run(["update", "\(id)", "--status", "stalled", "--reopen", "--on", "2024-03-01"]),
                        status: 64, containing: "needs the reason")
        #expect(try sandbox.run(["update", "\(id)", "--status", "stalled", "--reopen", "--on", "2024-03-01",
                                 "--note", "Talks suspended"]).status == 0)
    }

    @Test func overdueReportsMostOverdueFirstAndCheckExitsOne() throws {
        let sandbox = try Sandbox()
        try sandbox.add("Later", ["--due", "2024-03"])
        try sandbox.add("Earliest", ["--due", "2024-01-15", "--owner", "Lead Person", "--owner", "Other"])
        try sandbox.add("Done", ["--due", "2024-01", "--status", "unassessed"])
        #expect(try sandbox.run(["update", "3", "--status", "fulfilled", "--note", "done", "--on", "2024-01-10"]).status == 0)
        try sandbox.add("Undated")
        let tsv = try sandbox.run(["overdue", "--as-of", "2024-04-01"])
        #expect(tsv.status == 0)
        let lines = tsv.stdout.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
        #expect(lines[0] == ["id", "title", "parties", "lead", "due", "due_by", "days_overdue", "status", "last_update_on"])
        #expect(lines[1] == ["2", "Earliest", "US", "Lead Person", "2024-01-15", "2024-01-15", "77", "unassessed", "2023-12-27"])
        #expect(lines[2].prefix(2) == ["1", "Later"])
        #expect(lines[2][6] == "1")
        #expect(lines.count == 3)
        let json = try sandbox.run(["overdue", "--as-of", "2024-04-01", "--format", "json"])
        let array = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(array.map { $0["days_overdue"] as? Int } == [77, 1])
        #expect(try sandbox.run(["overdue", "--as-of", "2024-04-01", "--check"]).status == 1)
        // On the last day of March nothing but the January deadline is overdue; in 2023 nothing.
        #expect(try sandbox.run(["overdue", "--as-of", "2024-03-31", "--format", "csv"]).stdout.split(separator: "\r\n").count == 2)
        let empty = try sandbox.run(["overdue", "--as-of", "2023-12-28", "--check", "--format", "json"])
        #expect(empty.status == 0)
        #expect(empty.stdout == "[]\n")
    }

    @Test func listFiltersAndDefaultsToTSVInAPipe() throws {
        let sandbox = try Sandbox()
        try sandbox.add("Crossings", ["--tag", "border", "--owner", "Blinken"])
        try sandbox.add("Trafficking 100%", ["--party", "MX", "--tag", "security"])
        let all = try sandbox.run(["list", "--as-of", "2024-01-01"])
        #expect(all.stdout.hasPrefix("id\tstatus\tschedule\tdue\tdue_by\tparties\tlead\ttitle\n"))
        #expect(all.stdout.split(separator: "\n").count == 3)
        let byTag = try sandbox.run(["list", "--tag", "security", "--format", "json"])
        let array = try #require(try JSONSerialization.jsonObject(with: Data(byTag.stdout.utf8)) as? [[String: Any]])
        #expect(array.map { $0["title"] as? String } == ["Trafficking 100%"])
        #expect(try sandbox.run(["list", "--search", "100%", "--format", "csv"]).stdout.contains("Trafficking 100%"))
        #expect(try sandbox.run(["list", "--search", "_", "--format", "csv"]).stdout.split(separator: "\r\n").count == 1)
        #expect(try sandbox.run(["list", "--owner", "blinken", "--format", "tsv"]).stdout.contains("Crossings"))
    }

    @Test func theDefaultDatabaseLivesUnderXDGDataHome() throws {
        let sandbox = try Sandbox()
        let home = sandbox.folder.appendingPathComponent("data").path
        let env = ["XDG_DATA_HOME": home]
        let add = try sandbox.run(["add", "x", "--party", "US"], useDB: false, environment: env)
        #expect(add.status == 0, "\(add.stderr)")
        #expect(FileManager.default.fileExists(atPath: home + "/accord/accord.sqlite"))
        let viaEnv = try sandbox.run(["list", "--format", "csv"], useDB: false,
                                     environment: ["ACCORD_DB": home + "/accord/accord.sqlite"])
        #expect(viaEnv.stdout.contains(",x\r\n"))
    }

    @Test func aCopiedBinaryWorksAlone() throws {
        let sandbox = try Sandbox()
        let copy = sandbox.folder.appendingPathComponent("bin/accord")
        try FileManager.default.createDirectory(at: copy.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Sandbox.binary, to: copy)
        let result = try sandbox.run(["add", "x", "--party", "US"], binary: copy)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "1\n")
    }
}

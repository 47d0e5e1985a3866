import AccordCore
import AccordFormats
import Foundation
import Testing

/// The reproductions of "history is the truth", each as a user types it.
@Suite struct HistoryCommandTests {
    func json(_ run: Run) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(run.stdout.utf8))
    }

    /// A commitment made 2024-01-01, due 2024-01-31, fulfilled late on 2024-03-15.
    func lateFulfilment() throws -> Sandbox {
        let sandbox = try Sandbox()
        #expect(try sandbox.run(["add", "Test", "--party", "US", "--made-on", "2024-01-01", "--due", "2024-01-31"]).stdout == "1\n")
        #expect(try sandbox.run(["update", "1", "--status", "fulfilled", "--on", "2024-03-15", "--note", "done late"]).status == 0)
        return sandbox
    }

    @Test func everyReportShowsTheStateOnItsDay() throws {
        let sandbox = try lateFulfilment()
        // overdue on 2024-02-15: it was overdue that day
        let overdue = try #require(try json(try sandbox.run(["overdue", "--as-of", "2024-02-15", "--format", "json"])) as? [[String: Any]])
        #expect(overdue.map { $0["id"] as? Int } == [1])
        #expect(overdue.first?["status"] as? String == "unassessed")
        #expect(overdue.first?["days_overdue"] as? Int == 15)
        // summary before it existed counts nothing
        let before = try #require(try json(try sandbox.run(["summary", "--as-of", "2023-06-01", "--format", "json"])) as? [String: Any])
        #expect((before["overall"] as? [String: Any])?["total"] as? Int == 0)
        #expect((before["overall"] as? [String: Any])?["fulfilled_late"] as? Int == 0)
        // show on 2024-02-15 lists no March update
        let show = try sandbox.run(["show", "1", "--as-of", "2024-02-15"])
        #expect(!show.stdout.contains("2024-03-15"))
        #expect(show.stdout.contains("status:    unassessed"))
        expectUserError(try sandbox.run(["show", "1", "--as-of", "2023-12-31"]), status: 64, containing: "was made on 2024-01-01")
        // list and export on that day
        #expect(try sandbox.run(["list", "--as-of", "2024-02-15", "--status", "fulfilled", "--format", "csv"]).stdout
            == "id,status,schedule,due,due_by,parties,lead,title\r\n")
        let export = try #require(try json(try sandbox.run(["export", "--format", "json", "--as-of", "2024-02-15"])) as? [[String: Any]])
        #expect((export.first?["history"] as? [Any])?.count == 1)
        #expect(export.first?["last_update_on"] as? String == "2024-01-01")
        #expect(try sandbox.run(["export", "--as-of", "2023-12-31"]).stdout.split(separator: "\r\n").count == 1)
        // the HTML report counts no update dated after its day
        let html = try sandbox.run(["export", "--format", "html", "--as-of", "2024-02-15"]).stdout
        #expect(!html.contains("done late"))
        #expect(try sandbox.run(["export", "--format", "html"]).stdout.contains("done late"))
    }

    @Test func theCalendarHoldsTheDeadlinesOpenOnItsDay() throws {
        let sandbox = try lateFulfilment()
        #expect(try sandbox.run(["add", "Later", "--party", "MX", "--made-on", "2024-02-01", "--due", "2024-02-10"]).status == 0)
        let january = try sandbox.run(["export", "--format", "ics", "--as-of", "2024-01-15"]).stdout
        #expect(january.contains("SUMMARY:Due: Test"), "open on 2024-01-15, fulfilled only in March")
        #expect(!january.contains("Later"), "made after 2024-01-15")
        #expect(!(try sandbox.run(["export", "--format", "ics"]).stdout.contains("SUMMARY:Due: Test")))
    }

    @Test func aBackdatedStatusChangeThatWouldBreakTheTimelineIsRefused() throws {
        let sandbox = try Sandbox()
        #expect(try sandbox.run(["add", "Talks", "--party", "US", "--made-on", "2024-01-01"]).status == 0)
        #expect(try sandbox.run(["update", "1", "--status", "in-progress", "--on", "2024-01-03", "--note", "begun"]).status == 0)
        #expect(try sandbox.run(["update", "1", "--status", "stalled", "--on", "2024-01-10", "--note", "stopped"]).status == 0)
        let before = sandbox.databaseBytes()
        expectUserError(try sandbox.run(["update", "1", "--status", "in-progress", "--on", "2024-01-05"]), status: 64,
                        containing: "the one recorded on 2024-01-10 (in-progress → stalled)")
        #expect(sandbox.databaseBytes() == before)
        // A note may be backdated: it takes its place in date order.
        #expect(try sandbox.run(["update", "1", "--note", "talks announced", "--on", "2024-01-02"]).status == 0)
        let history = try sandbox.run(["show", "1"]).stdout.split(separator: "\n").filter { $0.hasPrefix("  2024") }
        #expect(history.map { String($0.prefix(12)) } == ["  2024-01-01", "  2024-01-02", "  2024-01-03", "  2024-01-10"])
        let log = try sandbox.run(["log", "--format", "csv"]).stdout
        #expect(!log.contains("stalled → in-progress"))
        let json = try #require(try json(try sandbox.run(["show", "1", "--format", "json"])) as? [String: Any])
        #expect(json["status"] as? String == "stalled")
    }

    @Test func editsAreDatedSourcedAndKeepTheOriginalDeadline() throws {
        let sandbox = try Sandbox()
        try sandbox.add("Visit in January", ["--due", "2024-01", "--source", "https://gob.example/communique"])
        try sandbox.add("Undated edit", ["--due", "2024-01"])
        #expect(try sandbox.run(["edit", "1", "--due", "2024-02", "--on", "2024-01-20", "--note", "Visit moved",
                                 "--evidence", "https://news.example/moved"]).status == 0)
        // Dated today without --on: on 2024-02-01 the January deadline was still in force.
        #expect(try sandbox.run(["edit", "2", "--due", "2024-02", "--note", "Visit moved"]).status == 0)
        let show = try sandbox.run(["show", "1"]).stdout
        #expect(show.contains("due:       2024-02 (by 2024-02-29; originally 2024-01, moved on 2024-01-20)"))
        #expect(show.contains("source:    https://gob.example/communique"), "the commitment's own source is unchanged")
        #expect(show.contains("2024-01-20  edited due: '2024-01' → '2024-02': Visit moved [source: https://news.example/moved]"))
        let overdue = try #require(try json(try sandbox.run(["overdue", "--as-of", "2024-02-01", "--format", "json"])) as? [[String: Any]])
        #expect(overdue.map { $0["id"] as? Int } == [2])
        let early = try #require(try json(try sandbox.run(["show", "1", "--as-of", "2024-01-19", "--format", "json"])) as? [String: Any])
        #expect(early["due"] as? String == "2024-01")
        expectUserError(try sandbox.run(["edit", "1", "--due", "2024-03", "--on", "2024-01-10"]), status: 64,
                        containing: "due was changed again on 2024-01-20")
    }

    @Test func leavingAVerdictNeedsItsReason() throws {
        let sandbox = try lateFulfilment()
        let before = sandbox.databaseBytes()
        expectUserError(try sandbox.run(["update", "1", "--status", "in-progress", "--reopen"]), status: 64, containing: "--note")
        #expect(sandbox.databaseBytes() == before)
    }

    @Test func importReplaceMergesAndNeverErasesHistory() throws {
        let sandbox = try lateFulfilment()
        #expect(try sandbox.run(["update", "1", "--note", "confirmed by the agency", "--on", "2024-03-20",
                                 "--source", "https://agency.example"]).status == 0)
        // A spreadsheet edit of the title, imported back
        let csv = try sandbox.run(["export"]).stdout.replacingOccurrences(of: ",Test,", with: ",Test (renamed),")
        let file = try sandbox.write("sheet.csv", csv)
        let replaced = try sandbox.run(["import", file, "--replace"])
        #expect(replaced.stderr == "imported 0 commitments, updated 1 (their history kept)\n")
        let object = try #require(try json(try sandbox.run(["show", "1", "--format", "json"])) as? [String: Any])
        let history = try #require(object["history"] as? [[String: Any]])
        #expect(history.map { $0["note"] as? String } == ["created", "done late", "confirmed by the agency", "imported"])
        #expect(history[2]["source"] as? String == "https://agency.example")
        #expect(object["title"] as? String == "Test (renamed)")
        #expect(object["schedule"] as? String == "late", "a late fulfilment stays late")
        // The same JSON twice: entries already stored are recognised, new ones merged in date order
        var exported = try sandbox.run(["export", "--format", "json"]).stdout
        exported = exported.replacingOccurrences(
            of: "\"history\":[", with: "\"history\":[{\"on\":\"2024-02-01\",\"from_status\":null,\"to_status\":null,\"note\":\"a note from elsewhere\",\"source\":\"\"},")
        let json = try sandbox.write("all.json", exported)
        #expect(try sandbox.run(["import", json, "--replace"]).stderr == "imported 0 commitments, updated 1 (their history kept)\n")
        #expect(try sandbox.run(["import", json, "--replace"]).stderr == "imported 0 commitments, 1 already up to date\n")
        let merged = try #require(try self.json(try sandbox.run(["show", "1", "--format", "json"])) as? [String: Any])
        #expect((merged["history"] as? [[String: Any]])?.map { $0["on"] as? String }
            == ["2024-01-01", "2024-02-01", "2024-03-15", "2024-03-20", todayString()])
    }

    @Test func theDefaultCSVExportImportsBackEveryValue() throws {
        let sandbox = try Sandbox()
        let values = ["-5% tariff on steel", "=1+2", "+90 days", "@SUM(1)", "'quoted'", "''twice", "plain"]
        for (index, value) in values.enumerated() {
            let added = try sandbox.run(["add", "--party", "US", "--made-on", "2024-01-01", "--quote=\(value)",
                                         "--tag", "t\(index)", "--due", "+90d", "--", value])
            #expect(added.status == 0, "\(added.stderr)")
        }
        let file = try sandbox.write("all.csv", try sandbox.run(["export"]).stdout)
        let copy = try Sandbox()
        #expect(try copy.run(["import", file]).status == 0)
        let fields = ["--fields", "title,quote,tags,due,due_by", "--format", "json"]
        #expect(try copy.run(["export"] + fields).stdout == (try sandbox.run(["export"] + fields).stdout))
        // A --raw export imports back with import --raw.
        let raw = try sandbox.write("raw.csv", try sandbox.run(["export", "--raw"]).stdout)
        let rawCopy = try Sandbox()
        #expect(try rawCopy.run(["import", raw, "--raw"]).status == 0)
        #expect(try rawCopy.run(["export"] + fields).stdout == (try sandbox.run(["export"] + fields).stdout))
    }

    @Test func eachTrendRowIsTheSummaryOfItsDay() throws {
        let sandbox = try lateFulfilment()
        #expect(try sandbox.run(["add", "Second", "--party", "MX", "--made-on", "2024-02-10", "--due", "2024-04"]).status == 0)
        #expect(try sandbox.run(["update", "2", "--status", "in-progress", "--on", "2024-03-01", "--note", "begun"]).status == 0)
        let trend = try #require(try json(try sandbox.run(["trend", "--every", "month", "--since", "2024-01-01",
                                                          "--until", "2024-06-30", "--format", "json"])) as? [[String: Any]])
        #expect(trend.map { $0["as_of"] as? String } == ["2024-01-31", "2024-02-29", "2024-03-31", "2024-04-30", "2024-05-31", "2024-06-30"])
        for row in trend {
            let day = try #require(row["as_of"] as? String)
            let summary = try #require(try json(try sandbox.run(["summary", "--as-of", day, "--format", "json"])) as? [String: Any])
            #expect(NSDictionary(dictionary: row) == NSDictionary(dictionary: summary), "\(day)")
        }
        let csv = try sandbox.run(["trend", "--every", "quarter", "--since", "2024-01-01", "--until", "2024-05-15", "--format", "csv"])
        #expect(csv.stdout.split(separator: "\r\n").map { $0.prefix(13) } == ["period_end,to", "2024-03-31,2,", "2024-05-15,2,"])
        let byParty = try sandbox.run(["trend", "--every", "year", "--since", "2024-01-01", "--until", "2024-12-31", "--by", "party", "--format", "csv"])
        #expect(byParty.stdout.hasPrefix("period_end,party,total,"))
        expectUserError(try sandbox.run(["trend", "--every", "fortnight"]), status: 64, containing: "fortnight")
    }
}

/// Today as `YYYY-MM-DD` in the local time zone, as the CLI sees it.
func todayString() -> String {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.dateFormat = "yyyy-MM-dd"
    return formatter.string(from: Date())
}

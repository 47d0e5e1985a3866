import Foundation
import Testing

/// The reports of issue 5, run on a small history with fixed --as-of days.
@Suite struct ReportCommandTests {
    /// Four commitments: one fulfilled late, one due soon, one overdue, one without deadline.
    func history() throws -> Sandbox {
        let sandbox = try Sandbox()
        try sandbox.add("Reopen the crossings", ["--party", "MX", "--due", "2024-01", "--tag", "border", "--owner", "Blinken"])
        try sandbox.add("Meet in January", ["--due", "2024-01-31", "--tag", "follow-up"])
        try sandbox.add("Assess progress", ["--due", "2024-Q1", "--tag", "follow-up", "--owner", "Bárcena",
                                            "--quote", "“There is more to do,” she said."])
        try sandbox.add("Orderly migration", ["--tag", "policy"])
        let updates: [[String]] = [
            ["update", "1", "--status", "in-progress", "--on", "2024-01-04", "--note", "Two crossings reopened", "--source", "https://example.org/a"],
            ["update", "1", "--status", "fulfilled", "--on", "2024-02-05", "--note", "All reopened"],
            ["update", "2", "--note", "Dates, under discussion", "--on", "2024-01-20"],
        ]
        for update in updates { #expect(try sandbox.run(update).status == 0) }
        return sandbox
    }

    func json(_ run: Run) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(run.stdout.utf8))
    }

    @Test func summaryCountsStatusesOverdueAndLateFulfilment() throws {
        let sandbox = try history()
        let object = try #require(try json(try sandbox.run(["summary", "--as-of", "2024-03-10", "--format", "json"])) as? [String: Any])
        let overall = try #require(object["overall"] as? [String: Any])
        #expect(overall["total"] as? Int == 4)
        #expect(overall["open"] as? Int == 3)
        #expect(overall["final"] as? Int == 1)
        #expect(overall["overdue"] as? Int == 1)
        #expect(overall["fulfilled_late"] as? Int == 1)
        #expect((overall["statuses"] as? [String: Int])?["fulfilled"] == 1)
        let byTag = try #require(try json(try sandbox.run(["summary", "--by", "tag", "--as-of", "2024-03-10", "--format", "json"])) as? [String: Any])
        let groups = try #require(byTag["groups"] as? [[String: Any]])
        #expect(groups.map { $0["name"] as? String } == ["border", "follow-up", "policy"])
        let csv = try sandbox.run(["summary", "--by", "party", "--as-of", "2024-03-10", "--format", "csv"])
        #expect(csv.stdout.hasPrefix("party,total,open,final,overdue,fulfilled_on_time,fulfilled_late,unassessed,"))
        #expect(csv.stdout.contains("\r\nMX,1,0,1,0,0,1,"))
        let table = try sandbox.run(["summary", "--as-of", "2024-03-10", "--format", "table"])
        #expect(table.stdout.contains("  fulfilled        1      25.0%"))
    }

    @Test func dueListsOpenDeadlinesInTheWindowSoonestFirst() throws {
        let sandbox = try history()
        let run = try sandbox.run(["due", "--as-of", "2024-01-20", "--within", "30d", "--format", "json"])
        let array = try #require(try json(run) as? [[String: Any]])
        // The first commitment was fulfilled on 2024-02-05: on 2024-01-20 it was still open.
        #expect(array.map { $0["id"] as? Int } == [1, 2])
        #expect(array.map { $0["status"] as? String } == ["in-progress", "unassessed"])
        #expect(array.map { $0["days_left"] as? Int } == [11, 11])
        let wider = try sandbox.run(["due", "--as-of", "2024-01-20", "--within", "3m", "--format", "tsv", "--fields", "id,days_left"])
        #expect(wider.stdout == "id\tdays_left\n1\t11\n2\t11\n3\t71\n")
        // Fulfilled and past deadlines are not "due".
        #expect(try sandbox.run(["due", "--as-of", "2024-02-10", "--format", "tsv", "--fields", "id"]).stdout == "id\n")
        expectUserError(try sandbox.run(["due", "--within", "soon"]), status: 64,
                        containing: "invalid --within 'soon'; expected Nd, Nw or Nm (N from 1)")
        for span in ["0d", "3y", "1000000d"] {
            expectUserError(try sandbox.run(["due", "--within", span]), status: 64, containing: "invalid --within '\(span)'")
        }
    }

    @Test func logListsEveryUpdateInDateOrder() throws {
        let sandbox = try history()
        let all = try #require(try json(try sandbox.run(["log", "--format", "json"])) as? [[String: Any]])
        #expect(all.count == 7)
        let dates = all.compactMap { $0["on"] as? String }
        #expect(dates == dates.sorted())
        let january = try sandbox.run(["log", "--since", "2024-01-01", "--until", "2024-01-31", "--format", "csv"])
        #expect(january.stdout == """
            on,id,title,change,note,source\r
            2024-01-04,1,Reopen the crossings,unassessed → in-progress,Two crossings reopened,https://example.org/a\r
            2024-01-20,2,Meet in January,,"Dates, under discussion",\r

            """)
        let one = try #require(try json(try sandbox.run(["log", "--id", "1", "--format", "json"])) as? [[String: Any]])
        #expect(one.map { $0["to_status"] as? String } == ["unassessed", "in-progress", "fulfilled"])
        expectUserError(try sandbox.run(["log", "--id", "9"]), status: 64, containing: "no commitment has id 9")
        expectUserError(try sandbox.run(["log", "--since", "2024-02-01", "--until", "2024-01-01"]), status: 64)
    }

    @Test func fieldsSelectAndOrderColumnsInEveryFormat() throws {
        let sandbox = try history()
        #expect(try sandbox.run(["list", "--fields", "title,id", "--format", "csv"]).stdout.hasPrefix("title,id\r\nReopen the crossings,1\r\n"))
        let overdue = try sandbox.run(["overdue", "--as-of", "2024-04-02", "--fields", "id,days_overdue", "--format", "tsv"])
        #expect(overdue.stdout == "id\tdays_overdue\n2\t62\n3\t2\n")
        let exported = try #require(try json(try sandbox.run(["export", "--format", "json", "--fields", "uid,history"])) as? [[String: Any]])
        #expect(Set(exported[0].keys) == ["uid", "history"])
        #expect(try sandbox.run(["export", "--format", "tsv", "--fields", "id,tags"]).stdout.hasPrefix("id\ttags\n1\tborder\n"))
        expectUserError(try sandbox.run(["list", "--fields", "id,colour"]), status: 64,
                        containing: "unknown field 'colour'; expected some of: id, uid, title")
        expectUserError(try sandbox.run(["export", "--format", "csv", "--fields", "history"]), status: 64)
    }

    @Test func tablesAreColouredOnlyWhenAskedAndNeverUnderNoColor() throws {
        let sandbox = try history()
        let coloured = try sandbox.run(["list", "--as-of", "2024-03-10", "--format", "table", "--color", "always"],
                                       environment: ["NO_COLOR": ""])
        #expect(coloured.stdout.contains("\u{1B}[31m"))
        // Today, with columns that show neither the status nor the deadline, rows are still
        // styled by them (a server then sends those columns too)
        let chosen = try sandbox.run(["list", "--fields", "id,title", "--format", "table", "--color", "always"],
                                     environment: ["NO_COLOR": ""])
        #expect(chosen.status == 0 && chosen.stderr.isEmpty, "\(chosen.stderr)")
        #expect(chosen.stdout.contains("\u{1B}[31m"), "\(chosen.stdout)")
        let noColor = try sandbox.run(["list", "--as-of", "2024-03-10", "--format", "table", "--color", "always"],
                                      environment: ["NO_COLOR": "1"])
        #expect(!noColor.stdout.contains("\u{1B}["))
        let piped = try sandbox.run(["list", "--as-of", "2024-03-10", "--format", "table"], environment: ["NO_COLOR": ""])
        #expect(!piped.stdout.contains("\u{1B}["))
        let narrow = try sandbox.run(["list", "--format", "table"], environment: ["COLUMNS": "40"])
        #expect(narrow.stdout.split(separator: "\n").allSatisfy { $0.count <= 40 })
        #expect(narrow.stderr.contains("--fields to choose columns"))
    }

    @Test func theCalendarParsesWithAnIndependentRFC5545Parser() throws {
        let sandbox = try history()
        let path = sandbox.folder.appendingPathComponent("deadlines.ics").path
        #expect(try sandbox.run(["export", "--format", "ics", "--output", path]).status == 0)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(String(decoding: bytes, as: UTF8.self).components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 75 })
        let script = """
            import sys, json, icalendar
            cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
            events = [{"uid": str(e.get("UID")), "start": e.decoded("DTSTART").isoformat(),
                       "end": e.decoded("DTEND").isoformat(), "summary": str(e.get("SUMMARY")),
                       "stamp": e.decoded("DTSTAMP").isoformat(), "description": str(e.get("DESCRIPTION"))} for e in cal.walk("VEVENT")]
            print(json.dumps({"version": str(cal.get("VERSION")), "events": events}))
            """
        let parsed = try Sandbox.execute(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", script, path])
        try #require(parsed.status == 0, "icalendar: \(parsed.stderr)")
        let object = try #require(try json(parsed) as? [String: Any])
        #expect(object["version"] as? String == "2.0")
        let events = try #require(object["events"] as? [[String: String]])
        // The fulfilled and the undated commitments have no event.
        #expect(events.count == 2)
        #expect(events[0]["start"] == "2024-01-31")
        #expect(events[0]["end"] == "2024-02-01")
        #expect(events[1]["start"] == "2024-03-31")
        #expect(events[0]["summary"] == "Due: Meet in January")
        #expect(events.allSatisfy { $0["uid"]?.hasSuffix("@accord") == true })
        // DTSTAMP is the time of export in UTC, the wording is as given, the deadline in words
        let stamp = try #require(events[0]["stamp"].flatMap { ISO8601DateFormatter().date(from: $0) })
        #expect(abs(stamp.timeIntervalSinceNow) < 120)
        #expect(events[0]["description"]?.contains("Due: 31 January 2024.") == true)
        #expect(events[1]["description"]?.contains("Due: the first quarter of 2024 (by 31 March 2024).") == true)
        #expect(events[1]["description"]?.contains("Wording: “There is more to do,” she said.") == true)
        #expect(events.allSatisfy { $0["description"]?.contains("““") == false })
    }

    @Test func theHTMLReportIsWellFormedSelfContainedAndSaysEveryStatusInWords() throws {
        let sandbox = try history()
        let path = sandbox.folder.appendingPathComponent("report.html").path
        #expect(try sandbox.run(["export", "--format", "html", "--as-of", "2024-03-10", "--output", path]).status == 0)
        let script = """
            import sys, json
            from html.parser import HTMLParser
            VOID = {"meta", "br", "img", "input", "link", "hr", "source", "wbr"}
            class Check(HTMLParser):
                def __init__(self):
                    super().__init__(); self.stack = []; self.errors = []; self.external = []; self.tags = {}; self.text = []
                def handle_starttag(self, tag, attrs):
                    self.tags[tag] = self.tags.get(tag, 0) + 1
                    for name, value in attrs:
                        if name in ("src", "href") and value and not value.startswith("#") and not value.startswith("https://example.org"):
                            self.external.append(value)
                    if tag not in VOID: self.stack.append(tag)
                def handle_endtag(self, tag):
                    if not self.stack or self.stack[-1] != tag: self.errors.append("unexpected </%s> in %s" % (tag, self.stack[-3:]))
                    else: self.stack.pop()
                def handle_data(self, data): self.text.append(data)
            c = Check(); c.feed(open(sys.argv[1], encoding="utf-8").read()); c.close()
            print(json.dumps({"errors": c.errors, "open": c.stack, "external": c.external, "tags": c.tags, "text": " ".join(c.text)}))
            """
        let parsed = try Sandbox.execute(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", script, path])
        try #require(parsed.status == 0, "html.parser: \(parsed.stderr)")
        let object = try #require(try json(parsed) as? [String: Any])
        #expect((object["errors"] as? [String]) == [])
        #expect((object["open"] as? [String]) == [])
        #expect((object["external"] as? [String]) == [])
        let tags = try #require(object["tags"] as? [String: Int])
        #expect(tags["svg"] == 1, "the trend; the meter, scorecard and deadlines are HTML that wraps")
        #expect(tags["article"] == 4)
        #expect(tags["tr"] ?? 0 >= 5, "the table of commitments")
        #expect(tags["script"] == nil)
        let text = try #require(object["text"] as? String)
        for words in ["in-progress", "→", "fulfilled", "unassessed", "overdue", "Status meter", "Two crossings reopened", "Trend",
                      "By party", "What the statuses mean", "done as promised", "the first quarter of 2024", "January 2024"] {
            #expect(text.contains(words), "\(words)")
        }
        // The deadline is in words, never its code, and the default title names the data.
        #expect(!text.contains("2024-Q1"))
        #expect(!text.contains("Accord report"))
    }

    @Test func completionScriptsAreGenerated() throws {
        let sandbox = try Sandbox()
        for shell in ["bash", "zsh", "fish"] {
            let run = try sandbox.run(["--generate-completion-script", shell], useDB: false)
            #expect(run.status == 0)
            #expect(run.stdout.contains("overdue"))
        }
    }
}

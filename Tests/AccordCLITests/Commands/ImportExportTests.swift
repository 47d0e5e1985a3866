import AccordCore
import AccordFormats
import Foundation
import Testing

@Suite struct ImportExportTests {
    /// A database with awkward values: commas, quotes, line breaks, formulas, Unicode.
    func awkward() throws -> Sandbox {
        let sandbox = try Sandbox()
        try sandbox.add("Reopen, \"all\" crossings", ["--party", "MX", "--owner", "Rosa Icela Rodríguez", "--tag", "border",
                                                        "--quote", "line one\nline two, \"quoted\"", "--due", "2024-Q1",
                                                        "--occasion", "Ciudad de México", "--source", "https://example.org/?a=1,2"])
        try sandbox.add("=HYPERLINK(\"http://evil\")", ["--tag=-dash", "--owner", "@handle", "--quote", "+1 ✓ 日本 😀"])
        try sandbox.add("Plain", ["--due", "+90d"])
        #expect(try sandbox.run(["update", "1", "--status", "in-progress", "--on", "2024-01-03", "--note", "half, done",
                                 "--source", "s"]).status == 0)
        #expect(try sandbox.run(["update", "3", "--status", "broken", "--on", "2024-04-03", "--note", "abandoned"]).status == 0)
        return sandbox
    }

    @Test func jsonExportImportsBackWithoutAnyChange() throws {
        let source = try awkward()
        let first = try source.run(["export", "--format", "json"])
        #expect(first.status == 0)
        let file = try source.write("all.json", first.stdout)
        let target = try Sandbox()
        let imported = try target.run(["import", file])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stderr == "imported 3 commitments\n")
        #expect(try target.run(["export", "--format", "json"]).stdout == first.stdout)
    }

    @Test func rawCSVExportImportsBackAndPythonReadsItIdentically() throws {
        let source = try awkward()
        let raw = try source.run(["export", "--raw"])
        let file = try source.write("all.csv", raw.stdout)
        let target = try Sandbox()
        #expect(try target.run(["import", file, "--raw"]).status == 0)
        let again = try target.run(["export", "--raw"])
        // CSV holds no history, so only the date of the last update may differ.
        func withoutLastUpdate(_ text: String) throws -> [[String]] {
            let records = try Self.parse(text)
            guard let column = records.first?.firstIndex(of: "last_update_on") else { return records }
            return records.map { record in record.enumerated().filter { $0.offset != column }.map(\.element) }
        }
        #expect(try withoutLastUpdate(again.stdout) == (try withoutLastUpdate(raw.stdout)))
        #expect(try Self.parse(raw.stdout)[2][2] == "=HYPERLINK(\"http://evil\")")
        // Python's csv module reads the same cells.
        let python = try Sandbox.execute(URL(fileURLWithPath: "/usr/bin/env"), [
            "python3", "-c", "import csv, json, sys; print(json.dumps(list(csv.reader(open(sys.argv[1], newline='', encoding='utf-8')))))", file,
        ])
        try #require(python.status == 0, "python3: \(python.stderr)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(python.stdout.utf8)) as? [[String]])
        #expect(rows == (try Self.parse(raw.stdout)))
        #expect(rows[1][12] == "line one\nline two, \"quoted\"")
    }

    @Test func csvExportNeutralisesFormulasByDefault() throws {
        let sandbox = try awkward()
        let rows = try Self.parse(try sandbox.run(["export"]).stdout)
        #expect(rows[2][2] == "'=HYPERLINK(\"http://evil\")")
        #expect(rows[2][5] == "'@handle")
        #expect(rows[2][6] == "'-dash")
        #expect(rows[2][12] == "'+1 ✓ 日本 😀")
        #expect(rows[1][2] == "Reopen, \"all\" crossings")
    }

    @Test func exportToAFileReplacesItOnlyWhenComplete() throws {
        let sandbox = try awkward()
        let path = sandbox.folder.appendingPathComponent("out.json").path
        #expect(try sandbox.run(["export", "--format", "json", "--output", path]).status == 0)
        let written = try String(contentsOfFile: path, encoding: .utf8)
        #expect(written.hasPrefix("[\n{\"id\":"))
        // A failing export (bad filter) leaves the good file in place and no temporary file.
        expectUserError(try sandbox.run(["export", "--status", "nope", "--output", path]), status: 64)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == written)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: sandbox.folder.path).filter { $0.hasPrefix(".out.json") }
        #expect(leftovers.isEmpty)
        expectUserError(try sandbox.run(["export", "--output", "/no/such/folder/out.csv"]), status: 73, containing: "cannot write")
    }

    @Test func existingUIDsNeedSkipOrReplace() throws {
        let sandbox = try awkward()
        let file = try sandbox.write("all.json", try sandbox.run(["export", "--format", "json"]).stdout)
        let before = sandbox.databaseBytes()
        expectUserError(try sandbox.run(["import", file]), status: 65, containing: "record 1: a commitment with uid")
        #expect(sandbox.databaseBytes() == before)
        let skipped = try sandbox.run(["import", file, "--skip-existing"])
        #expect(skipped.stderr == "imported 0 commitments, skipped 3 already stored\n")
        let unchanged = try sandbox.run(["import", file, "--replace"])
        #expect(unchanged.stderr == "imported 0 commitments, 3 already up to date\n")
        #expect(try Self.parse(try sandbox.run(["export"]).stdout).count == 4)
    }

    static let badCSV: [(String, String)] = [
        ("title,parties,made_on\nok,US,2023-12-27\nbad,US,2023-02-29\n", "line 3, column 'made_on': invalid date '2023-02-29'"),
        ("title,parties,made_on,due\nok,US,2023-12-27,2024-01\nbad,US,2023-12-27,2024-Q5\n", "line 3, column 'due': invalid due date '2024-Q5'"),
        ("title,parties,made_on,status\nbad,US,2023-12-27,done\n", "line 2, column 'status': unknown status 'done'"),
        ("title,parties,made_on\n   ,US,2023-12-27\n", "line 2, column 'title': title must not be empty"),
        ("Reopen,US,2023-12-27\n", "line 1: missing header line: the first line must name the columns, at least title, parties, made_on"),
        ("title,parties,made_on,colour\nx,US,2023-12-27,red\n", "line 1, column 4: unknown column 'colour'"),
        ("title,parties,made_on\n\"open,US,2023-12-27\n", "line 2: a quoted field is never closed"),
        ("title,parties,made_on\nx,US\n", "line 2: 2 fields where the header has 3"),
        ("title,parties,made_on,uid\na,US,2023-12-27,same\nb,US,2023-12-27,same\n", "line 3: uid 'same' appears earlier in the same file"),
        ("title,parties,made_on\nx,,2023-12-27\n", "line 2, column 'parties': a commitment needs at least one party"),
        ("", "line 1: the file is empty; expected a header line"),
    ]

    /// Imports `contents` as `name` into a database holding one commitment, and expects the
    /// whole file refused with `message` and the database unchanged.
    func expectRefused(_ name: String, _ contents: String, _ message: String) throws {
        let sandbox = try Sandbox()
        try sandbox.add("Existing")
        let before = sandbox.databaseBytes()
        let file = try sandbox.write(name, contents)
        expectUserError(try sandbox.run(["import", file]), status: 65, containing: message)
        #expect(sandbox.databaseBytes() == before)
    }

    @Test(arguments: badCSV)
    func aBadCSVRowRejectsTheWholeFileNamingLineAndColumn(_ contents: String, _ message: String) throws {
        try expectRefused("bad.csv", contents, message)
    }

    @Test(.enabled(if: Backend.isSQLite, "database files")) func aFailedImportLeavesNoNewDatabaseBehindAndAGoodOneCreatesIt() throws {
        let sandbox = try Sandbox()
        let files = { Set(try FileManager.default.contentsOfDirectory(atPath: sandbox.folder.path)) }
        // Given no database yet, when a file fails on its last row
        let bad = try sandbox.write("bad.csv", "title,parties,made_on\nok,US,2023-12-27\nbad,US,2023-02-29\n")
        expectUserError(try sandbox.run(["import", bad]), status: 65, containing: "line 3, column 'made_on'")
        // Then nothing was created, not even an empty database or a staging file
        #expect(try files() == ["bad.csv"])
        // And a good file creates the database, private to its owner, with nothing beside it
        let good = try sandbox.write("good.csv", "title,parties,made_on\nok,US,2023-12-27\n")
        let result = try sandbox.run(["import", good])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try files() == ["bad.csv", "good.csv", "accord.sqlite"])
        let mode = try FileManager.default.attributesOfItem(atPath: sandbox.db)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(try sandbox.run(["list", "--format", "tsv"]).stdout.contains("\tok"))
    }

    @Test func theFirstProblemInTheFileIsTheOneReportedWhicheverStepFindsIt() throws {
        // Given a stored uid, and a file whose line 3 repeats it (found while storing) and whose
        // line 4 has an impossible date (found while reading, ahead of the storing)
        let sandbox = try Sandbox()
        try sandbox.add("Existing", ["--uid", "taken"])
        let before = sandbox.databaseBytes()
        let file = try sandbox.write("mixed.csv", "uid,title,parties,made_on\nnew,A,US,2023-12-27\ntaken,B,US,2023-12-27\nlater,C,US,2023-02-29\n")
        // Then line 3 is the one named, and nothing is stored
        expectUserError(try sandbox.run(["import", file]), status: 65, containing: "line 3: a commitment with uid 'taken'")
        #expect(sandbox.databaseBytes() == before)
    }

    @Test func aOneMebibyteTitleAndBadBytesInFilesAreRefused() throws {
        let sandbox = try Sandbox()
        try sandbox.add("Existing")
        let before = sandbox.databaseBytes()
        let huge = try sandbox.write("huge.csv", "title,parties,made_on\n" + String(repeating: "x", count: 1 << 20) + ",US,2023-12-27\n")
        // (A field longer than any column holds stops the parser; a title under that limit is
        // refused by the domain.)
        expectUserError(try sandbox.run(["import", huge]), status: 65, containing: "line 2: a field longer than 84096 bytes")
        let long = try sandbox.write("long.csv", "title,parties,made_on\n" + String(repeating: "x", count: 50_000) + ",US,2023-12-27\n")
        expectUserError(try sandbox.run(["import", long]), status: 65, containing: "line 2, column 'title': title is 50000 characters long")
        let invalid = try sandbox.write("invalid.csv", bytes: Array("title,parties,made_on\nx".utf8) + [0xC3, 0x28] + Array(",US,2023-12-27\n".utf8))
        expectUserError(try sandbox.run(["import", invalid]), status: 65, containing: "line 2: invalid UTF-8")
        let nul = try sandbox.write("nul.csv", bytes: Array("title,parties,made_on\nx".utf8) + [0] + Array(",US,2023-12-27\n".utf8))
        expectUserError(try sandbox.run(["import", nul]), status: 65, containing: "line 2: NUL byte")
        let invalidJSON = try sandbox.write("invalid.json", bytes: Array("[{\"title\": \"".utf8) + [0xFF] + Array("\"}]".utf8))
        expectUserError(try sandbox.run(["import", invalidJSON]), status: 65)
        #expect(sandbox.databaseBytes() == before)
    }

    @Test func aByteOrderMarkAndCRLFAreAccepted() throws {
        let sandbox = try Sandbox()
        let file = try sandbox.write("excel.csv", bytes: [0xEF, 0xBB, 0xBF] + Array("title,parties,made_on,due\r\nReopen,US; MX,2023-12-27,2024-01\r\n\r\nMeet,MX,2023-12-27,\r\n".utf8))
        let result = try sandbox.run(["import", file])
        #expect(result.status == 0, "\(result.stderr)")
        let rows = try Self.parse(try sandbox.run(["export"]).stdout)
        #expect(rows.count == 3)
        #expect(rows[1][4] == "US; MX")
        #expect(rows[1][10] == "2024-01-31")
    }

    static let badJSON: [(String, String)] = [
        ("{\"title\": \"x\"}", "file: expected a JSON array of commitments"),
        ("[{\"title\": 5, \"parties\": [\"US\"], \"made_on\": \"2023-12-27\"}]", "record 1, field 'title': expected a string"),
        ("[{\"parties\": [\"US\"], \"made_on\": \"2023-12-27\"}]", "record 1: missing field 'title'"),
        ("[{\"title\": \"x\", \"parties\": \"US\", \"made_on\": \"2023-12-27\"}]", "record 1, field 'parties': expected an array"),
        ("[{\"title\": \"x\", \"parties\": [\"US\"], \"made_on\": \"2023-12-27\", \"due\": \"+0d\"}]", "record 1, column 'due': invalid due date '+0d'"),
        ("[{\"title\": \"x\", \"parties\": [\"US\"], \"made_on\": \"2023-12-27\", \"due\": \"2024-01\", \"due_by\": \"2024-01-30\"}]", "record 1: due_by '2024-01-30' does not match"),
        ("not json", "file: not valid JSON"),
        ("[{\"id\": 4, \"title\": \"a\", \"parties\": [\"US\"], \"made_on\": \"2023-12-27\"}, {\"id\": 4, \"title\": \"b\", \"parties\": [\"US\"], \"made_on\": \"2023-12-27\"}]", "record 2: id '4' appears earlier in the same file"),
    ]

    @Test(arguments: badJSON)
    func aBadJSONFileIsRejectedNamingTheRecord(_ contents: String, _ message: String) throws {
        try expectRefused("bad.json", contents, message)
    }

    @Test func missingOrUnreadableFilesAndUnknownFormats() throws {
        let sandbox = try Sandbox()
        expectUserError(try sandbox.run(["import", "nowhere.csv"]), status: 66, containing: "cannot read 'nowhere.csv': no such file")
        expectUserError(try sandbox.run(["import", sandbox.folder.path + "/"]), status: 64, containing: "cannot tell the format")
        expectUserError(try sandbox.run(["import", sandbox.folder.path, "--format", "csv"]), status: 66, containing: "it is a folder")
        let text = try sandbox.write("notes.txt", "x")
        expectUserError(try sandbox.run(["import", text]), status: 64, containing: "--format csv, --format tsv or --format json")
        #expect(!FileManager.default.fileExists(atPath: sandbox.db))
    }

    /// The shipped record: every commitment names an owner and a source with an address, every
    /// history is a coherent chain of dated statuses, and the January 2024 meeting was held on time.
    @Test func theShippedDataIsSourcedCoherentAndTheJanuaryMeetingWasHeldOnTime() throws {
        let sandbox = try Sandbox()
        let data = repositoryRoot.appendingPathComponent("data/2023-12-27-us-mexico-meeting.json")
        let imported = try sandbox.run(["import", data.path])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stderr == "imported 6 commitments\n")
        let export = try sandbox.run(["export", "--format", "json"])
        let all = try #require(try JSONSerialization.jsonObject(with: Data(export.stdout.utf8)) as? [[String: Any]])
        #expect(all.compactMap { $0["id"] as? Int } == Array(1...6))
        for commitment in all {
            let uid = commitment["uid"] as? String ?? "?"
            #expect(!(commitment["owners"] as? [String] ?? []).isEmpty, "\(uid) names no owner")
            let parties = commitment["parties"] as? [String] ?? []
            #expect(parties == ["MX", "US"] || parties == ["MX"] || parties == ["US"], "\(uid) parties \(parties)")
            #expect((commitment["source"] as? String ?? "").contains("https://"), "\(uid) source has no address")
            #expect(commitment["made_on"] as? String == "2023-12-27")
            let history = try #require(commitment["history"] as? [[String: Any]])
            #expect(history.first?["to_status"] as? String == "unassessed" && history.first?["from_status"] is NSNull)
            var status: String?
            var day = ""
            for entry in history {
                let on = entry["on"] as? String ?? ""
                #expect(on >= day, "\(uid): history out of date order at \(on)")
                day = on
                #expect((entry["source"] as? String ?? "").contains("http"), "\(uid): an update on \(on) has no address")
                #expect(!(entry["note"] as? String ?? "").isEmpty, "\(uid): an update on \(on) has no note")
                guard let to = entry["to_status"] as? String else { continue }
                if status != nil { #expect(entry["from_status"] as? String == status, "\(uid): broken chain at \(on)") }
                status = to
            }
            #expect(commitment["status"] as? String == status, "\(uid) status is not where its history ends")
            #expect(commitment["last_update_on"] as? String == day)
        }
        let visit = try #require(all.first { $0["uid"] as? String == "2023-12-27-january-2024-visit" })
        #expect(visit["status"] as? String == "fulfilled")
        #expect(visit["due_by"] as? String == "2024-01-31")
        #expect(try sandbox.run(["overdue", "--as-of", "2024-02-01", "--format", "json"]).stdout == "[]\n")
        #expect(try Self.parse(try sandbox.run(["export"]).stdout).count == 7)
    }

    /// Parses CSV text with Accord's own reader (checked against csv-spectrum in the core tests).
    static func parse(_ text: String) throws -> [[String]] {
        var parser = CSVParser()
        var records: [[String]] = []
        try parser.parse(Array(text.utf8)) { fields, _ in records.append(fields) }
        try parser.finish { fields, _ in records.append(fields) }
        return records
    }
}

import Foundation
import Testing

/// Files as spreadsheets write them.
@Suite struct SpreadsheetImportTests {
    @Test func semicolonsAByteOrderMarkAndSpreadsheetHeadersAreRead() throws {
        let sandbox = try Sandbox()
        let file = try sandbox.write("sheet.csv", "\u{FEFF}Title;Parties;Made On;Due\r\n\"Reopen, all\";\"US; MX\";2023-12-27;2024-01\r\n")
        let run = try sandbox.run(["import", file])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try sandbox.run(["list", "--format", "csv", "--fields", "title,parties,due"]).stdout
            == "title,parties,due\r\n\"Reopen, all\",US; MX,2024-01\r\n")
        let tabs = try sandbox.write("tabs.csv", "title\tparties\tmade_on\nTabbed\tUS\t2023-12-27\n")
        #expect(try sandbox.run(["import", tabs]).status == 0)
        let forced = try sandbox.write("forced.csv", "title,parties;made_on\nx,US;2023-12-27\n")
        #expect(try sandbox.run(["import", forced, "--delimiter", ";"]).status == 65, "a comma then is part of a cell: the header names no title")
    }

    @Test func unknownColumnsAreRefusedWithTheKnownOnesUnlessIgnored() throws {
        let sandbox = try Sandbox()
        let file = try sandbox.write("sheet.csv", "title,parties,made_on,Comments\nx,US,2023-12-27,mine\n")
        expectUserError(try sandbox.run(["import", file]), status: 65, containing: "unknown column 'Comments'")
        expectUserError(try sandbox.run(["import", file]), status: 65, containing: "--ignore-unknown-columns")
        #expect(try sandbox.run(["import", file, "--ignore-unknown-columns"]).status == 0)
    }

    @Test func datesStayISOWithAHintForWhatWasMeant() throws {
        let sandbox = try Sandbox()
        for (cell, hint) in [("27/12/2023", "did you mean 2023-12-27?"), ("12/27/2023", "did you mean 2023-12-27?"),
                             ("05/06/2024", "could be 2024-06-05 or 2024-05-06"), ("45287", "serial number for 2023-12-27")] {
            let file = try sandbox.write("d.csv", "title,parties,made_on\nx,US,\(cell)\n")
            expectUserError(try sandbox.run(["import", file]), status: 65, containing: hint)
        }
    }

    @Test func aTSVAccordWroteImportsBack() throws {
        let sandbox = try Sandbox()
        try sandbox.add("Say \"hello\"", ["--due", "2024-01", "--quote", "=not a formula"])
        let file = try sandbox.write("all.tsv", try sandbox.run(["export", "--format", "tsv"]).stdout)
        let copy = try Sandbox()
        let run = try copy.run(["import", file])
        #expect(run.status == 0, "\(run.stderr)")
        let fields = ["export", "--format", "json", "--fields", "uid,title,quote,due,parties"]
        #expect(try copy.run(fields).stdout == (try sandbox.run(fields).stdout))
    }

    @Test func aFinalStatusNeedsItsReasonAsInUpdate() throws {
        let sandbox = try Sandbox()
        let bare = try sandbox.write("a.csv", "title,parties,made_on,status\nDone,US,2023-12-27,fulfilled\n")
        expectUserError(try sandbox.run(["import", bare]), status: 65, containing: "give the reason in a 'note' column")
        let noted = try sandbox.write("b.csv", "title,parties,made_on,status,note\nDone,US,2023-12-27,fulfilled,Met on the day\n")
        #expect(try sandbox.run(["import", noted]).status == 0)
        #expect(try sandbox.run(["show", "1"]).stdout.contains("→ fulfilled: Met on the day"))
    }
}

/// Parties: one vocabulary, whatever the spelling.
@Suite struct PartyTests {
    @Test func namesAndAliasesBecomeISOCodesEverywhere() throws {
        let sandbox = try Sandbox()
        #expect(try sandbox.run(["add", "X", "--party", "United States", "--party", "méxico", "--quiet"]).stdout == "1\n")
        let file = try sandbox.write("p.csv", "title,parties,made_on\nA,EE. UU.; Canadá,2023-12-27\nB,us; USA,2023-12-27\n")
        let imported = try sandbox.run(["import", file])
        #expect(imported.stderr == "imported 2 commitments; parties written as ISO codes: 'Canadá' → CA, 'EE. UU.' → US, 'USA' → US, 'us' → US\n")
        let summary = try sandbox.run(["summary", "--by", "party", "--format", "csv"]).stdout
        #expect(summary.split(separator: "\r\n").map { $0.split(separator: ",").first ?? "" } == ["party", "(all)", "CA", "MX", "US"])
        #expect(try sandbox.run(["list", "--party", "Estados Unidos", "--format", "csv", "--fields", "id"]).stdout == "id\r\n1\r\n2\r\n3\r\n")
    }

    @Test func unknownPartiesAreRefusedWithTheLikelyOneOrKeptOnRequest() throws {
        let sandbox = try Sandbox()
        expectUserError(try sandbox.run(["add", "Y", "--party", "Mexcio"]), status: 64, containing: "did you mean 'MX' (Mexico)?")
        expectUserError(try sandbox.run(["add", "Y", "--party", "Atlantis"]), status: 64, containing: "--new-party")
        let kept = try sandbox.run(["add", "Y", "--party", "Atlantis", "--new-party"])
        #expect(kept.status == 0)
        #expect(kept.stderr.contains("warning: 'Atlantis' is no ISO 3166-1 country; kept as given"))
        let file = try sandbox.write("p.csv", "title,parties,made_on\nA,Narnia,2023-12-27\n")
        expectUserError(try sandbox.run(["import", file]), status: 65, containing: "line 2, column 'parties': unknown party 'Narnia'")
    }
}

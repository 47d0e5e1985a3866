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

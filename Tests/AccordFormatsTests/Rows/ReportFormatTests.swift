import Foundation
import Testing
import AccordCore
@testable import AccordFormats
import AccordRows

@Suite struct ReportFormatTests {
    @Test func icsLinesFoldAt75OctetsWithoutSplittingCharacters() {
        let line = "SUMMARY:" + String(repeating: "é日😀", count: 40)
        let folded = ICS.folded(line)
        let lines = folded.components(separatedBy: "\r\n").dropLast()
        #expect(lines.count > 1)
        for part in lines {
            #expect(part.utf8.count <= 75)
        }
        #expect(lines.enumerated().allSatisfy { $0.offset == 0 || $0.element.hasPrefix(" ") })
        // Unfolding gives the line back.
        #expect(folded.replacingOccurrences(of: "\r\n ", with: "").replacingOccurrences(of: "\r\n", with: "") == line)
    }

    @Test func icsEscapesTextAndSkipsSettledOrUndatedCommitments() throws {
        #expect(ICS.escaped("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne")
        let open = try makeCommitment(due: "2024-01")
        let stamp = ICS.stamp(secondsSince1970: 1_719_757_501)
        #expect(ICS.event(open, stamp: stamp).contains("DTSTART;VALUE=DATE:20240131\r\n"))
        #expect(ICS.event(open, stamp: stamp).contains("DTEND;VALUE=DATE:20240201\r\n"))
        #expect(ICS.event(try makeCommitment(due: nil), stamp: stamp).isEmpty)
        #expect(ICS.event(try makeCommitment(status: .fulfilled), stamp: stamp).isEmpty)
    }

    @Test func icsStampsTheExportTimeInUTCAndWritesDeadlinesInWords() throws {
        // Given export times and deadlines of every precision
        // Then DTSTAMP is the UTC date-time, and the deadline reads as words
        #expect(ICS.stamp(secondsSince1970: 1_719_757_501) == "20240630T142501Z")
        #expect(ICS.stamp(secondsSince1970: 0) == "19700101T000000Z")
        #expect(ICS.event(try makeCommitment(due: "2024-01"), stamp: "X").contains("DTSTAMP:X\r\n"))
        let words = try ["2024-01", "+90d", "2024-Q1", "2024-02-29", "2024"].map { text in
            DeadlineWords.deadline(try Due(parsing: text, madeOn: try day("2023-12-27")))
        }
        #expect(words == ["January 2024", "by 26 March 2024", "the first quarter of 2024", "29 February 2024", "2024"])
    }

    @Test func summaryGroupsOpenAndFinalAndCountsLateFulfilment() throws {
        var report = SummaryReport(grouping: .party, asOf: try day("2024-03-01"))
        var late = try makeCommitment(due: "2024-01")
        _ = try late.record(status: .fulfilled, note: "done", on: try day("2024-02-10"), source: nil, reopen: false, today: try day("2024-03-01"))
        report.add(late)
        report.add(try makeCommitment(due: "2024-01"))
        report.add(try makeCommitment(due: nil, status: .broken))
        #expect(report.overall.total == 3)
        #expect(report.overall.open == 1)
        #expect(report.overall.final == 2)
        #expect(report.overall.overdue == 1)
        #expect(report.overall.late == 1)
        #expect(report.overall.onTime == 0)
        #expect(report.overall.share(1) == "33.3%")
        #expect(report.groups["US"]?.total == 3)
        #expect(report.breakdownRows.map(\.first) == ["(all)", "MX", "US"])
    }

    @Test func fieldsAreCheckedAndOrdered() throws {
        #expect(try ReportColumn.parse("title,id,days_overdue", allowHistory: false) == [.title, .id, .daysOverdue])
        #expect(throws: AccordError.self) { try ReportColumn.parse("id,colour", allowHistory: false) }
        #expect(throws: AccordError.self) { try ReportColumn.parse("history", allowHistory: false) }
        #expect(throws: AccordError.duplicateValue("field", "id")) { try ReportColumn.parse("id,id", allowHistory: false) }
        // Spaces and tabs around a name (any Unicode space) are not part of it; inside one, they are.
        #expect(try ReportColumn.parse(" id ,\ttitle,\u{00A0}status\u{2003}", allowHistory: false) == [.id, .title, .status])
        #expect(throws: AccordError.unknownField("due by", ReportColumn.allCases.filter { $0 != .history }.map(\.rawValue))) {
            try ReportColumn.parse("id, due by", allowHistory: false)
        }
        #expect(throws: AccordError.unknownField("", ReportColumn.allCases.filter { $0 != .history }.map(\.rawValue))) {
            try ReportColumn.parse("id, ,title", allowHistory: false)
        }
        let message = AccordError.unknownField("colour", ["id", "title"]).description
        #expect(message == "unknown field 'colour'; expected some of: id, title")
    }

    @Test func htmlEscapesEverythingAndLinksOnlyWebSources() throws {
        var draft = NewCommitment(title: "<script>alert(1)</script>", madeOn: try day("2023-12-27"))
        draft.parties = ["US"]
        draft.source = "javascript:alert(1)"
        draft.quote = "\"quoted\" & <b>bold</b>"
        var hostile = try Commitment.make(draft, today: try day("2024-01-01"))
        hostile.id = 1
        let html = HTMLReport.render([hostile], asOf: try day("2024-01-01"))
        #expect(!html.contains("<script>"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!html.contains("href=\"javascript"))
        #expect(!html.contains("<b>bold</b>"))
        #expect(!html.contains("src="))
        #expect(!html.contains("<link"))
    }
}

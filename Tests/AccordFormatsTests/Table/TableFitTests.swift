import AccordCore
@testable import AccordFormats
import AccordRows
import Foundation
import Testing

/// Tables fit 60, 80, 100 and 200 columns with ids, dates and statuses whole, whatever script
/// the text is in; a streamed table keeps the widths its first rows fixed.
@Suite struct TableFitTests {
    /// The columns of `overdue`, with titles in several scripts.
    let columns = ReportColumn.tableColumns(ReportColumn.overdueDefault)
    let titles = [
        "Reopen the US border crossings closed by the Biden administration in December 2023",
        "国境の検問所を再開し、移民の根本原因に共同で取り組む（長い題名の例）",
        "Réouverture des postes frontières — coopération renforcée 🇲🇽🤝🇺🇸 👨‍👩‍👧 ❤️",
        "Combining marks: e\u{301}e\u{301}e\u{301} n\u{303}o\u{308} and Hangul 한국어 제목",
    ]

    func rows(_ count: Int) -> [[String]] {
        (0..<count).map { index in
            [String(index + 1), titles[index % titles.count], "US; MX; Guatemala", "Alicia Bárcena Ibarra",
             "2024-01", "2024-01-31", String(index * 37), index % 2 == 0 ? "unverifiable" : "in-progress", "2024-03-02"]
        }
    }

    func render(_ rows: [[String]], width: Int, batchSize: Int) -> (lines: [String], layout: TableLayout?) {
        let writer = TableWriter(columns: columns, maxWidth: width, batchSize: batchSize)
        let out = ByteBuffer()
        for row in rows { writer.add(into: out) { index, cell in cell.append(row[index]) } }
        let layout = writer.finish(into: out)
        return (out.string.split(separator: "\n").map(String.init), layout)
    }

    @Test(arguments: [60, 80, 100, 200], [1, 3, 1000])
    func everyLineFitsAndKeepsIdsDatesAndStatusesWhole(width: Int, batchSize: Int) throws {
        // Given rows in Latin, Japanese, emoji and combining marks
        let rows = rows(9)
        // When they are rendered at that width, streamed after `batchSize` rows
        let (lines, layout) = render(rows, width: width, batchSize: batchSize)
        // Then every line fits, and each row still holds its id, due_by and status whole
        #expect(lines.count == rows.count + 1)
        for line in lines { #expect(DisplayWidth.of(line) <= width, "\(width): \(line)") }
        for (row, line) in zip(rows, lines.dropFirst()) {
            #expect(line.hasPrefix(row[0] + " "))
            #expect(line.contains(" 2024-01-31 "))
            #expect(line.contains(row[7]))
            #expect(line.contains(" \(row[6]) "))
        }
        let shown = try #require(layout).shown.map { columns[$0].header }
        #expect(shown.contains("title") && shown.contains("status") && shown.contains("due_by"))
        if width == 200 { #expect(layout?.dropped == []) }
        if width == 60 { #expect(layout?.hint(maxWidth: 60)?.contains("--fields") == true) }
    }

    @Test func theTitleShrinksFirstAndTheLastUpdateIsLeftOutBeforeTheLead() throws {
        // Given the overdue columns at 100 and 80 columns
        let (wide, wideLayout) = render(rows(4), width: 100, batchSize: 100)
        let (narrow, narrowLayout) = render(rows(4), width: 80, batchSize: 100)
        // Then at 100 the title is cut before any column goes, and at 80 the last update goes first
        #expect(wide[1].contains("…"))
        #expect(narrowLayout?.dropped.first == "last_update_on")
        #expect(wideLayout?.dropped.count ?? 0 < narrowLayout?.dropped.count ?? 0)
        #expect(narrow.allSatisfy { DisplayWidth.of($0) <= 80 })
    }

    @Test func widthsAreMeasuredPerScalarFromTables() {
        #expect(DisplayWidth.of("abc") == 3)
        #expect(DisplayWidth.of("日本語") == 6)
        #expect(DisplayWidth.of("e\u{301}") == 1)
        #expect(DisplayWidth.of("👍") == 2)
        #expect(DisplayWidth.of("❤️") == 2)
        #expect(DisplayWidth.of("👨‍👩‍👧") == 2)
        #expect(DisplayWidth.of("한국") == 4)
        // A cut never separates a base from its marks, nor splits a wide character.
        #expect(Table.truncated("ée\u{301}e\u{301}xyz", to: 3) == "ée\u{301}…")
        #expect(Table.truncated("日本語テキスト", to: 6) == "日本…")
    }
}

import Foundation
import Testing
import AccordCore
@testable import AccordFormats
import AccordRows

@Suite struct CSVTests {
    static let vectors = [
        "comma_in_quotes", "empty", "empty_crlf", "escaped_quotes", "json", "newlines", "newlines_crlf",
        "quotes_and_newlines", "simple", "simple_crlf", "utf8",
    ]

    @Test(arguments: vectors)
    func readsEveryCSVSpectrumVector(_ name: String) throws {
        let csv = try Data(contentsOf: spectrumFolder.appendingPathComponent("csvs/\(name).csv"))
        let json = try Data(contentsOf: spectrumFolder.appendingPathComponent("json/\(name).json"))
        let expected = try #require(try JSONSerialization.jsonObject(with: json) as? [[String: String]])
        for chunkSize in [1, 3, 64] {
            let records = try parseCSV(Array(csv), chunkSize: chunkSize)
            let header = try #require(records.first)
            let rows = records.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
            #expect(rows == expected, "\(name) in chunks of \(chunkSize)")
        }
    }

    @Test func rejectsTheDefectiveSpectrumVectorWithItsLine() throws {
        // location_coordinates has a bare quote inside an unquoted field (see the suite's README).
        let csv = try Data(contentsOf: spectrumFolder.appendingPathComponent("csvs/location_coordinates.csv"))
        #expect(throws: AccordError.self) { try parseCSV(Array(csv)) }
        do {
            _ = try parseCSV(Array(csv))
        } catch let error as AccordError {
            #expect(error.description.hasPrefix("line 2:"))
        }
    }

    @Test func writesRFC4180AndReadsItBack() throws {
        let rows = [
            ["id", "title"], ["1", "comma, inside"], ["2", "a \"quote\""], ["3", "two\nlines"],
            ["4", "crlf\r\nline"], ["5", ""], ["6", "café ✓ 日本"],
        ]
        let text = rows.map { CSV.record($0) }.joined()
        #expect(CSV.record(["a", "b,c"]) == "a,\"b,c\"\r\n")
        #expect(try parseCSV(Array(text.utf8)) == rows)
    }

    @Test func skipsAByteOrderMarkAndAcceptsBothLineEndings() throws {
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        #expect(try parseCSV(bom + Array("title,made_on\r\nx,2024-01-01\r\n".utf8)) == [["title", "made_on"], ["x", "2024-01-01"]])
        #expect(try parseCSV(Array("a,b\nc,d".utf8)) == [["a", "b"], ["c", "d"]])
    }

    @Test(arguments: [
        ("a,b\n\"open,c\n", "line 2: a quoted field is never closed"),
        ("a,b\nx\"y,c\n", "line 2: a quote inside an unquoted field (quote the whole field and double the quote)"),
        ("a,b\n\"x\"y,c\n", "line 2: text after the closing quote of a field"),
        ("a,b\nx\u{0},c\n", "line 2: NUL byte in the file"),
    ])
    func rejectsMalformedCSVNamingTheLine(_ text: String, _ message: String) {
        #expect(throws: AccordError.malformedFile(place: String(message.prefix(while: { $0 != ":" })),
                                                  reason: String(message.drop(while: { $0 != ":" }).dropFirst(2)))) {
            try parseCSV(Array(text.utf8))
        }
    }

    @Test func rejectsInvalidUTF8() {
        #expect(throws: AccordError.malformedFile(place: "line 1", reason: "invalid UTF-8")) {
            try parseCSV([0x61, 0xFF, 0x2C, 0x62])
        }
    }

    @Test func neutralisesSpreadsheetFormulas() {
        func cell(_ text: String) -> String {
            let out = ByteBuffer()
            Array(text.utf8).withUnsafeBytes { CSV.appendField($0, guardingFormulas: true, into: out) }
            return out.string
        }
        for formula in ["=1+1", "+1", "-1", "@SUM(A1)"] {
            #expect(cell(formula) == "'" + formula)
        }
        #expect(cell("\tx") == "'\tx")
        #expect(cell("\rx") == "\"'\rx\"")
        #expect(cell("=HYPERLINK(\"a\",\"b\")") == "\"'=HYPERLINK(\"\"a\"\",\"\"b\"\")\"")
        #expect(cell("Reopen") == "Reopen")
        #expect(cell("") == "")
    }
}

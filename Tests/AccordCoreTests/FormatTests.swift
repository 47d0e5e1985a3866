import Foundation
import Testing
@testable import AccordCore

/// Parses a whole CSV text, feeding it in chunks of `chunkSize` bytes.
func parseCSV(_ bytes: [UInt8], chunkSize: Int = 7) throws -> [[String]] {
    var parser = CSVParser()
    var records: [[String]] = []
    var offset = 0
    while offset < bytes.count {
        try parser.parse(Array(bytes[offset..<min(offset + chunkSize, bytes.count)])) { fields, _ in records.append(fields) }
        offset += chunkSize
    }
    try parser.finish { fields, _ in records.append(fields) }
    return records
}

/// The csv-spectrum vectors shipped in `../shared/testdata` beside the repository.
let spectrumFolder = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("shared/testdata/csv-spectrum")

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
        let text = rows.map(CSV.record).joined()
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

    @Test func jsonStringsEscapeEveryControlCharacterQuoteAndBackslashWherever() throws {
        // Every ASCII byte at every position of strings long enough to cross the eight-byte
        // fast path, between plain and multi-byte neighbours.
        for byte in UInt8(0)..<0x80 {
            for length in [1, 7, 8, 9, 16, 23] {
                for position in 0..<length {
                    var body = Array(repeating: UInt8(ascii: "a"), count: length)
                    body[position] = byte
                    let text = Array("é".utf8) + body + Array("€".utf8)
                    let out = ByteBuffer(capacity: 16)
                    text.withUnsafeBytes { ByteFormat.appendJSONString($0, into: out) }
                    let json = Array(out.bytes)
                    // Then it is one valid JSON string holding exactly the input, with no raw
                    // control character left in it.
                    let decoded = try JSONDecoder().decode(String.self, from: Data(json))
                    #expect(Array(decoded.utf8) == text, "byte \(byte) at \(position) of \(length)")
                    #expect(!json.contains { $0 < 32 }, "byte \(byte) at \(position) of \(length)")
                }
            }
        }
        let out = ByteBuffer()
        ByteFormat.appendJSONString(nil, into: out)
        #expect(out.string == "null")
    }

    @Test func aByteBufferGrowsWithoutLosingWhatItHolds() {
        let buffer = ByteBuffer(capacity: 16)
        var expected: [UInt8] = []
        for round in 0..<200 {
            let chunk = Array(repeating: UInt8(round % 251), count: round % 37)
            chunk.withUnsafeBytes { buffer.append($0) }
            buffer.append(UInt8(round % 256))
            expected += chunk + [UInt8(round % 256)]
        }
        #expect(Array(buffer.bytes) == expected)
        buffer.removeAll()
        #expect(buffer.isEmpty)
    }

    @Test func neutralisesSpreadsheetFormulas() {
        func cell(_ text: String) -> String {
            let out = ByteBuffer()
            Array(text.utf8).withUnsafeBytes { ByteFormat.appendCSVField($0, neutralise: true, into: out) }
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

@Suite struct CSVImportTests {
    @Test func namesTheUnknownColumnAndTheMissingOnes() {
        #expect(throws: AccordError.self) { try CSVImport(header: ["title", "colour"]) }
        do {
            _ = try CSVImport(header: ["title", "colour"])
        } catch {
            #expect(error.description.hasPrefix("line 1, column 2: unknown column 'colour'"))
        }
        #expect(throws: AccordError.malformedFile(place: "line 1", reason: "missing header column(s): parties, made_on (the first line must name the columns)")) {
            try CSVImport(header: ["title"])
        }
    }

    @Test func namesTheLineAndColumnOfABadValue() throws {
        let reader = try CSVImport(header: ["title", "parties", "made_on", "due"])
        let record = try reader.record(["Reopen", "US; MX", "2023-12-27", "2024-13"], line: 7)
        #expect(throws: AccordError.malformedFile(place: "line 7, column 'due'", reason: AccordError.invalidDue("2024-13").description)) {
            try record.makeCommitment(today: try day("2025-01-01"), place: "line 7")
        }
        #expect(throws: AccordError.malformedFile(place: "line 8", reason: "3 fields where the header has 4")) {
            try reader.record(["a", "b", "c"], line: 8)
        }
    }

    @Test func aJSONHistoryMustChainItsStatuses() throws {
        var record = ImportRecord(title: "t", madeOn: "2023-12-27")
        record.parties = ["US"]
        record.history = [
            .init(on: "2023-12-27", fromStatus: nil, toStatus: "unassessed", note: "created", source: nil),
            .init(on: "2024-01-02", fromStatus: "stalled", toStatus: "in-progress", note: nil, source: nil),
        ]
        #expect(throws: AccordError.self) { try record.makeCommitment(today: try day("2025-01-01"), place: "record 1") }
        record.history?[1].fromStatus = "unassessed"
        let commitment = try record.makeCommitment(today: try day("2025-01-01"), place: "record 1")
        #expect(commitment.status == .inProgress)
        #expect(commitment.lastUpdateOn == (try day("2024-01-02")))
    }
}

@Suite struct JSONAndTableTests {
    @Test func stringArraysRoundTripThroughTheStoreEncoding() {
        let values = ["US", "a \"q\" \\ b", "line\nbreak", "日本 ✓", "tab\there", "\u{1}"]
        #expect(JSONText.stringArray(JSONText.array(values)) == values)
        #expect(JSONText.stringArray("[]") == [])
        #expect(JSONText.stringArray("[\"\\ud83d\\ude00\"]") == ["😀"])
        #expect(JSONText.stringArray("[1]") == nil)
        #expect(JSONText.stringArray("[\"a\"") == nil)
    }

    @Test func commitmentJSONIsValidAndUsesTheDocumentedNames() throws {
        let commitment = try makeCommitment()
        let json = ReportColumn.object(ReportColumn.exportJSONDefault, commitment, asOf: try day("2024-01-01"))
        let data = Data(json.utf8)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Set(object.keys) == [
            "id", "uid", "title", "quote", "parties", "owners", "tags", "made_on", "occasion", "source",
            "due", "due_by", "status", "last_update_on", "history",
        ])
        let history = try #require(object["history"] as? [[String: Any]])
        #expect(Set(history[0].keys) == ["on", "from_status", "to_status", "note", "source"])
        #expect(object["due_by"] as? String == "2024-01-31")
    }

    @Test func tablesAlignByDisplayWidth() {
        #expect(Table.displayWidth("abc") == 3)
        #expect(Table.displayWidth("日本") == 4)
        #expect(Table.displayWidth("e\u{301}") == 1)
        #expect(Table.displayWidth("😀") == 2)
        let text = Table.render(header: ["a", "b"], rows: [["日本", "x"], ["é", "y"]])
        let lines = text.split(separator: "\n")
        #expect(lines[1] == "日本  x")
        #expect(lines[2] == "é     y")
        #expect(Table.truncated("abcdef", to: 4) == "abc…")
    }
}

import AccordCore
@testable import AccordFormats
import Foundation
import Testing

/// The parser and the splitter refuse what no commitment holds while streaming, so memory
/// stays bounded whatever the file.
@Suite struct ImportLimitTests {
    func split(_ text: String) throws -> [String] {
        var splitter = JSONArraySplitter()
        var elements: [String] = []
        try splitter.parse(Array(text.utf8)) { element, _ in elements.append(String(decoding: element, as: UTF8.self)) }
        try splitter.finish()
        return elements
    }

    @Test func aCSVFieldLongerThanAnyColumnHoldsIsRefusedBeforeItIsWhole() throws {
        // Given a parser fed a field one byte over the limit, in small chunks
        var parser = CSVParser()
        let chunk = [UInt8](repeating: UInt8(ascii: "x"), count: 4096)
        var fed = 0
        // When the bytes arrive, Then the parser throws as soon as the field passes the limit
        let error = #expect(throws: AccordError.self) {
            try parser.parse(Array("title,parties,made_on\n\"".utf8)) { _, _ in }
            while fed <= ImportLimits.csvFieldBytes {
                try parser.parse(chunk) { _, _ in }
                fed += chunk.count
            }
        }
        #expect(error?.description.hasPrefix("line 2: a field longer than \(ImportLimits.csvFieldBytes) bytes") == true)
        #expect(fed <= ImportLimits.csvFieldBytes + chunk.count)
    }

    @Test func aCSVFieldAtTheLongestValidQuoteIsAccepted() throws {
        // Given a quote of 20,000 four-byte characters, Then the parser keeps it whole
        let quote = String(repeating: "😀", count: Commitment.Limit.longText)
        let records = try parseCSV(Array("quote\n\"\(quote)\"\n".utf8), chunkSize: 1000)
        #expect(records[1] == [quote])
    }

    @Test func aJSONStringTooLongIsRefusedWithItsRecord() {
        let long = String(repeating: "x", count: ImportLimits.jsonStringBytes + 1)
        #expect(throws: AccordError.malformedFile(
            place: "record 2", reason: "a string longer than \(ImportLimits.jsonStringBytes) bytes; no field holds that much (a quote or note holds at most 20000 characters)")) {
            try split(#"[{}, {"quote": ""# + long + #""}]"#)
        }
    }

    @Test func deepNestingIsNamedAsSuch() throws {
        let deep = String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
        #expect(throws: AccordError.malformedFile(
            place: "record 1", reason: "nested more than 16 levels deep; a commitment nests 3 (itself, its history, an update)")) {
            try split(deep)
        }
        #expect(try split(#"[{"history": [{"note": "x"}]}]"#).count == 1)
    }

    @Test func aKeyGivenTwiceInOneObjectIsRefusedHoweverItIsSpelled() throws {
        #expect(throws: AccordError.malformedFile(place: "record 1", reason: "the key 'title' appears twice in one object")) {
            try split(#"[{"title": "a", "parties": ["US"], "title": "b"}]"#)
        }
        #expect(throws: AccordError.malformedFile(place: "record 2", reason: "the key 'note' appears twice in one object")) {
            try split(#"[{}, {"history": [{"note": "a", "n\u006fte": "b"}]}]"#)
        }
        // The same key in different objects, and a key's name as a value, are fine
        #expect(try split(#"[{"note": "note", "history": [{"note": "a"}, {"note": "b"}]}, {"note": 1}]"#).count == 2)
    }
}

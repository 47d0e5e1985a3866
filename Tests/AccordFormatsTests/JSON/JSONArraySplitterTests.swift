import Foundation
import Testing
import AccordCore
@testable import AccordFormats
import AccordRows

@Suite struct JSONArraySplitterTests {
    func split(_ text: String, chunk: Int) throws -> [String] {
        var splitter = JSONArraySplitter()
        var elements: [String] = []
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            try splitter.parse(Array(bytes[offset..<min(offset + chunk, bytes.count)])) { element, index in
                #expect(index == elements.count + 1)
                elements.append(String(decoding: element, as: UTF8.self))
            }
            offset += chunk
        }
        try splitter.finish()
        return elements
    }

    @Test func splitsElementsWhateverTheChunksAndTheStringsHold() throws {
        let text = #" [ {"a": "x,]}\"{", "b": [1, {"c": 2}]} ,{"d":"\\"}, 3 ] "#
        for chunk in [1, 2, 5, 100] {
            #expect(try split(text, chunk: chunk) == [#"{"a": "x,]}\"{", "b": [1, {"c": 2}]}"#, #"{"d":"\\"}"#, "3 "])
        }
        #expect(try split("[]", chunk: 1) == [])
    }

    @Test func namesWhatIsWrong() {
        #expect(throws: AccordError.malformedFile(place: "file", reason: "expected a JSON array of commitments")) {
            try split(#"{"title": "x"}"#, chunk: 4)
        }
        #expect(throws: AccordError.malformedFile(place: "record 2", reason: "not valid JSON: the file ends inside the array")) {
            try split(#"[{"a": 1}, {"b": "#, chunk: 4)
        }
        #expect(throws: AccordError.malformedFile(place: "file", reason: "not valid JSON: text after the closing ']'")) {
            try split("[{}] x", chunk: 4)
        }
    }
}

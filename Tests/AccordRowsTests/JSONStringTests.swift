import Foundation
import Testing
@testable import AccordRows

@Suite struct JSONStringTests {
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
                    text.withUnsafeBytes { JSONString.append($0, into: out) }
                    let json = out.array
                    // Then it is one valid JSON string holding exactly the input, with no raw
                    // control character left in it.
                    let decoded = try JSONDecoder().decode(String.self, from: Data(json))
                    #expect(Array(decoded.utf8) == text, "byte \(byte) at \(position) of \(length)")
                    #expect(!json.contains { $0 < 32 }, "byte \(byte) at \(position) of \(length)")
                }
            }
        }
        let out = ByteBuffer()
        JSONString.append(nil, into: out)
        #expect(out.string == "null")
    }
}

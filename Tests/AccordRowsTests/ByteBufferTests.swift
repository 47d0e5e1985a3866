import Foundation
import Testing
@testable import AccordRows

@Suite struct ByteBufferTests {
    @Test func aByteBufferGrowsWithoutLosingWhatItHolds() {
        let buffer = ByteBuffer(capacity: 16)
        var expected: [UInt8] = []
        for round in 0..<200 {
            let chunk = Array(repeating: UInt8(round % 251), count: round % 37)
            chunk.withUnsafeBytes { buffer.append($0) }
            buffer.append(UInt8(round % 256))
            expected += chunk + [UInt8(round % 256)]
        }
        #expect(buffer.array == expected)
        buffer.removeAll()
        #expect(buffer.isEmpty)
    }
}

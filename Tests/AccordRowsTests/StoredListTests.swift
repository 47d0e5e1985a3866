import Foundation
import Testing
@testable import AccordRows

@Suite struct StoredListTests {
    @Test func stringArraysRoundTripThroughTheStoreEncoding() {
        let values = ["US", "a \"q\" \\ b", "line\nbreak", "日本 ✓", "tab\there", "\u{1}"]
        #expect(StoredList.decode(StoredList.encode(values)) == values)
        #expect(StoredList.decode("[]") == [])
        #expect(StoredList.decode("[\"\\ud83d\\ude00\"]") == ["😀"])
        #expect(StoredList.decode("[1]") == nil)
        #expect(StoredList.decode("[\"a\"") == nil)
    }
}

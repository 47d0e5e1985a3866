import Foundation
import Testing
import AccordCore
@testable import AccordFormats
import AccordRows

@Suite struct JSONAndTableTests {
    @Test func commitmentJSONIsValidAndUsesTheDocumentedNames() throws {
        let commitment = try makeCommitment()
        let json = try ReportColumn.object(ReportColumn.exportJSONDefault, commitment, asOf: try day("2024-01-01"))
        let data = Data(json.utf8)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Set(object.keys) == [
            "id", "uid", "title", "quote", "parties", "owners", "tags", "made_on", "occasion", "source",
            "due", "due_by", "original_due_by", "status", "last_update_on", "history",
        ])
        let history = try #require(object["history"] as? [[String: Any]])
        #expect(Set(history[0].keys) == ["on", "from_status", "to_status", "note", "source", "changes"])
        #expect(history[0]["changes"] is NSNull)
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

import Foundation
import Testing
import AccordCore
@testable import AccordFormats
import AccordRows

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

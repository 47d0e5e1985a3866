import AccordCore
@testable import AccordFormats
import AccordRows
import Foundation
import Testing

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

/// The csv-spectrum vectors, copied into this target's fixtures (see their LICENSE).
let spectrumFolder = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures/csv-spectrum")

/// A commitment made on 2023-12-27 with the given deadline.
func makeCommitment(due: String? = "2024-01", status: Status = .unassessed) throws -> Commitment {
    var draft = NewCommitment(title: "Reopen the crossings", madeOn: try CalendarDate(parsing: "2023-12-27"))
    draft.parties = ["US", "MX"]
    draft.owners = ["Antony Blinken"]
    draft.due = due
    draft.status = status
    return try Commitment.make(draft, today: try CalendarDate(parsing: "2025-01-01"))
}

func day(_ text: String) throws -> CalendarDate { try CalendarDate(parsing: text) }

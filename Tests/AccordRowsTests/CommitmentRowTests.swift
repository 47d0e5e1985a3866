import AccordCore
import Foundation
import Testing
@testable import AccordRows

@Suite struct CommitmentRowTests {
    func commitment() throws -> Commitment {
        var draft = NewCommitment(title: "Reopen the crossings", madeOn: try CalendarDate(parsing: "2023-12-27"))
        draft.parties = ["US", "MX"]
        draft.owners = ["Antony Blinken"]
        draft.due = "2024-01"
        draft.note = "made\non the day"
        return try Commitment.make(draft, today: try CalendarDate(parsing: "2025-01-01"))
    }

    @Test func aRowHoldsEveryStoredColumnOfItsCommitment() throws {
        // Given a commitment with a deadline and a two-line note
        let commitment = try commitment()
        // When it is laid out as a row
        try commitment.withRow { row throws in
            // Then every column reads back as the store would keep it, NULL included
            for column in CommitmentColumn.allCases {
                #expect(row.text(column) == commitment.storedText(column), "\(column)")
            }
            #expect(row.historyCount == 1)
            row.forEachUpdate { update in
                for column in UpdateColumn.allCases {
                    let text = update.withUnsafeBytes(of: column) { $0.map { String(decoding: $0, as: UTF8.self) } }
                    #expect(text == commitment.history[0].storedText(column), "\(column)")
                }
            }
            #expect(try row.status() == .unassessed)
            #expect(try row.dueBy() == (try CalendarDate(parsing: "2024-01-31")))
            #expect(try row.daysOverdue(on: try CalendarDate(parsing: "2024-02-02")) == 2)
        }
    }

    @Test func aStoredValueTheDomainCannotReadIsAnErrorNotADefault() throws {
        // Given rows whose status or deadline another program wrote
        var batch = RowBatch()
        batch.beginRow(id: 7)
        for column in CommitmentColumn.allCases {
            switch column {
            case .status: batch.add("done")
            case .dueBy: batch.add("2024-02-30")
            default: batch.add(column.isNullable ? nil : "x")
            }
        }
        // When they are read, Then each bad value is named, never turned into a default
        try batch.forEachRow { row in
            #expect(row.id == 7)
            #expect(throws: RowError.unreadableValue(column: "status", text: "done")) { try row.status() }
            #expect(throws: RowError.unreadableValue(column: "due_by", text: "2024-02-30")) { try row.dueBy() }
            #expect(throws: RowError.self) { try row.statusChangedOn() }
        }
    }

    @Test func rowsOfABatchFollowOneAnother() throws {
        // Given three rows, the second with two history entries
        var batch = RowBatch()
        for id in Int64(1)...3 {
            batch.beginRow(id: id)
            for column in CommitmentColumn.allCases { batch.add(column.isNullable ? nil : "\(column.name) \(id)") }
            for entry in 0..<(id == 2 ? 2 : 0) {
                batch.beginHistoryEntry()
                for column in UpdateColumn.allCases { batch.add("\(column.name) \(entry)") }
            }
        }
        // When they are read back
        var seen: [String] = []
        try batch.forEachRow { row in
            var notes: [String] = []
            row.forEachUpdate { update in
                notes.append(update.withUnsafeBytes(of: .note) { String(decoding: $0 ?? .init(start: nil, count: 0), as: UTF8.self) })
            }
            seen.append("\(row.id) \(row.text(.title) ?? "") \(row.text(.due) ?? "NULL") [\(notes.joined(separator: ","))]")
        }
        // Then each keeps its own fields and history
        #expect(seen == ["1 title 1 NULL []", "2 title 2 NULL [note 0,note 1]", "3 title 3 NULL []"])
    }
}

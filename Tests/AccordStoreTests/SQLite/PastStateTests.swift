import AccordCore
import AccordRows
import AccordTestSupport
import Foundation
import GRDB
import Testing
@testable import AccordStore

/// The store's query for a past day (the behaviour is in AccordPostgresTests'
/// `PastStateContractTests`, run on every backend): indexed, never a scan of the history;
/// and the random stores the SQLite tally tests count.
@Suite struct PastStateTests {
    let today = try! CalendarDate(parsing: "2025-01-01")

    /// A store of random commitments, each changed by a random sequence of accepted operations
    /// through the store itself.
    func randomStore(seed: UInt64, count: Int) throws -> AppDatabase {
        var generator = SeededGenerator(state: seed)
        let store = try AppDatabase.makeEmpty()
        for index in 0..<count {
            let due = ["2024-01", "2024-03-15", "2024-Q2", nil].randomElement(using: &generator) ?? nil
            let added = try store.add(try draft("Commitment \(index)", due: due, party: index % 2 == 0 ? "US" : "MX"))
            for _ in 0..<Int.random(in: 0...6, using: &generator) {
                let day = added.madeOn.adding(days: Int.random(in: 0...330, using: &generator)) ?? added.madeOn
                let kind = Int.random(in: 0..<4, using: &generator)
                let status = Status.allCases.randomElement(using: &generator) ?? .stalled
                let newDue = ["2024-02", "2024-06", "2024-Q4", nil].randomElement(using: &generator) ?? nil
                _ = try? store.change(id: added.id ?? 0) { commitment in
                    switch kind {
                    case 0, 1:
                        return try commitment.record(status: status, note: "why", on: day, source: nil,
                                                     reopen: commitment.status.isFinal, today: today)
                    case 2:
                        return try commitment.record(status: nil, note: "a note", on: day, source: nil, reopen: false, today: today)
                    default:
                        var edit = CommitmentEdit()
                        edit.due = .some(newDue)
                        return try commitment.edit(edit, on: day, today: today)
                    }
                }
            }
        }
        return store
    }

    /// Every commitment with its whole history, through the domain.
    func everything(_ store: AppDatabase) throws -> [Commitment] {
        var all: [Commitment] = []
        try store.forEachCommitment(matching: CommitmentFilter(), asOf: nil, includeHistory: true) { all.append($0) }
        return all
    }

    @Test func aPastOverdueReportSearchesEachHistoryByIndexNeverScansIt() throws {
        let store = try AppDatabase.makeEmpty()
        var filter = CommitmentFilter()
        filter.overdueOn = try day("2024-02-01")
        let plan = try store.queryPlan(for: filter, asOf: try day("2024-02-01"))
        // One pass over the commitments; each history subquery is an index search.
        #expect(plan.contains("SEARCH u USING INDEX progress_update_timeline (commitment_id=? AND on_date<?)")
            || plan.contains("SEARCH u USING INDEX progress_update_timeline (commitment_id=? AND on_date>?)"), "\(plan)")
        #expect(!plan.contains("SCAN u"), "\(plan)")
        #expect(!plan.contains("SCAN progress_update"), "\(plan)")
        // Today's report still reads only the open deadlines, through the partial index.
        let today = try store.queryPlan(for: filter)
        #expect(today.contains("commitment_open_due"), "\(today)")
    }
}

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
        let store = try AppDatabase.makeEmpty()
        try RandomHistories.fill(seed: seed, count: count, today: today, add: { try store.add($0) },
                                 change: { id, body in _ = try store.change(id: id, body) })
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

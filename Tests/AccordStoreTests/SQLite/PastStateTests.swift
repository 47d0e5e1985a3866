import AccordCore
import AccordRows
import Foundation
import GRDB
import Testing
@testable import AccordStore

/// The store's query for a past day (the behaviour is in AccordPostgresTests'
/// `PastStateContractTests`, run on every backend): indexed, never a scan of the history.
@Suite struct PastStateTests {
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

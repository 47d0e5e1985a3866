import AccordCore
import Foundation
import GRDB
import Testing
@testable import AccordStore

@Suite struct QueryPlanTests {
    @Test func historiesAreOneIndexedRangeSearchNeverAScan() throws {
        let store = try AppDatabase.makeEmpty()
        let plan = try store.queryPlan(sql: AppDatabase.historySQL, arguments: [1, 1025])
        #expect(plan.contains("SEARCH progress_update USING INDEX progress_update_timeline"), "\(plan)")
        #expect(!plan.contains("SCAN"), "\(plan)")
        #expect(!plan.contains("TEMP B-TREE"), "\(plan)")
    }

    @Test func theDueWindowUsesTheOpenDeadlineIndexInOrder() throws {
        let store = try AppDatabase.makeEmpty()
        var filter = CommitmentFilter()
        filter.dueBetween = try day("2024-01-01")...day("2024-03-01")
        let plan = try store.queryPlan(for: filter)
        #expect(plan.contains("commitment_open_due"), "\(plan)")
        #expect(!plan.contains("TEMP B-TREE"), "\(plan)")
    }

    @Test func exportsReadCommitmentsInPrimaryKeyOrderWithoutSorting() throws {
        let store = try AppDatabase.makeEmpty()
        let plan = try store.queryPlan(for: CommitmentFilter())
        #expect(!plan.contains("TEMP B-TREE"), "\(plan)")
    }
}

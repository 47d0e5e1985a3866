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

    @Test func searchIsAnIndexSearchAt100kCommitments() throws {
        // Given 100,000 commitments with a note each (made by SQL, through the same triggers)
        let store = try AppDatabase.makeEmpty()
        try store.rawWrite("""
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000)
            INSERT INTO commitment (uid, title, parties, made_on, status_changed_on, last_update_on)
            SELECT 'c' || i, 'Commitment ' || i || (CASE WHEN i % 1000 = 0 THEN ' Eagle Pass' ELSE '' END), '["US"]',
                   '2024-01-01', '2024-01-01', '2024-01-01' FROM n;
            INSERT INTO progress_update (commitment_id, on_date, to_status, note)
            SELECT id, '2024-01-01', 'unassessed', 'created' FROM commitment;
            """)
        var filter = CommitmentFilter()
        filter.search = "eagle pass"
        // When the search runs, Then each index is searched, never a table scanned
        let plan = try store.queryPlan(for: filter)
        #expect(plan.contains("VIRTUAL TABLE INDEX"), "\(plan)")
        #expect(plan.contains("SEARCH commitment USING INTEGER PRIMARY KEY") || plan.contains("LIST SUBQUERY"), "\(plan)")
        let scans = plan.split(separator: "\n").filter { $0.hasPrefix("SCAN") && !$0.contains("VIRTUAL TABLE INDEX") }
        #expect(scans.isEmpty, "\(plan)")
        var found = 0
        try store.forEachRow(matching: filter, asOf: nil, includeHistory: false) { _ in found += 1 }
        #expect(found == 100)
    }
}

import AccordCore
import Foundation
import GRDB
import Testing
@testable import AccordStore

@Suite struct QueryTests {
    func titles(_ store: AppDatabase, _ filter: CommitmentFilter) throws -> [String] {
        var titles: [String] = []
        try store.forEachCommitment(matching: filter, asOf: nil, includeHistory: false) { titles.append($0.title) }
        return titles
    }

    @Test func searchTreatsWildcardsAndQuotesAsText() throws {
        let store = try AppDatabase.makeEmpty()
        for title in ["100% reopened", "1000 reopened", "under_score", "underXscore", "it's -- done", "plain"] {
            _ = try store.add(try draft(title))
        }
        var filter = CommitmentFilter()
        filter.search = "100%"
        #expect(try titles(store, filter) == ["100% reopened"])
        filter.search = "under_"
        #expect(try titles(store, filter) == ["under_score"])
        filter.search = "'s --"
        #expect(try titles(store, filter) == ["it's -- done"])
        filter.search = "%"
        #expect(try titles(store, filter) == ["100% reopened"])
    }

    @Test func filtersCombineStatusPartyAndOverdue() throws {
        let store = try AppDatabase.makeEmpty()
        _ = try store.add(try draft("late US", due: "2024-01", party: "US"))
        _ = try store.add(try draft("later MX", due: "2024-03", party: "MX"))
        _ = try store.add(try draft("earliest MX", due: "2023-12", party: "MX"))
        _ = try store.add(try draft("done", due: "2023-12", party: "MX", status: .fulfilled))
        _ = try store.add(try draft("no deadline", due: nil, party: "MX"))
        var filter = CommitmentFilter()
        filter.overdueOn = try day("2024-04-01")
        #expect(try titles(store, filter) == ["earliest MX", "late US", "later MX"])
        filter.parties = ["mx"]
        #expect(try titles(store, filter) == ["earliest MX", "later MX"])
        filter.overdueOn = try day("2024-01-31")
        #expect(try titles(store, filter) == ["earliest MX"])
        var byStatus = CommitmentFilter()
        byStatus.statuses = [.fulfilled, .stalled]
        #expect(try titles(store, byStatus) == ["done"])
    }

    @Test func theStoreAndTheDomainAgreeOnWhatIsOverdue() throws {
        let store = try AppDatabase.makeEmpty()
        for (index, due) in ["2024-01", "2024-01-31", "2024-02-01", "+35d", "2024-Q1", "2024"].enumerated() {
            for status in Status.allCases {
                _ = try store.add(try draft("c\(index)-\(status)", due: due, status: status))
            }
        }
        for asOf in ["2024-01-31", "2024-02-01", "2024-02-02", "2024-04-01", "2025-01-01"] {
            var all: [Commitment] = []
            try store.forEachCommitment(matching: CommitmentFilter(), asOf: nil, includeHistory: false) { all.append($0) }
            var filter = CommitmentFilter()
            filter.overdueOn = try day(asOf)
            let expected = all.filter { $0.isOverdue(on: try! day(asOf)) }.map(\.title).sorted()
            #expect(try titles(store, filter).sorted() == expected, "as of \(asOf)")
        }
    }

    @Test func theOverdueReportIsOneIndexedQueryWithoutASortStep() throws {
        let store = try AppDatabase.makeEmpty()
        var filter = CommitmentFilter()
        filter.overdueOn = try day("2024-04-01")
        let plan = try store.queryPlan(for: filter)
        #expect(plan.contains("commitment_open_due"), "\(plan)")
        #expect(!plan.contains("TEMP B-TREE"), "\(plan)")
    }
}

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

    @Test func searchTreatsWildcardsQuotesAndOperatorsAsText() throws {
        let store = try AppDatabase.makeEmpty()
        for title in ["100% reopened", "1000 reopened", "under_score", "underXscore", "it's -- done", "plain", "NOT OR NEAR"] {
            _ = try store.add(try draft(title))
        }
        var filter = CommitmentFilter()
        // Words match whole when the text ends after one, as a prefix while one is being typed
        filter.search = "100%"
        #expect(try titles(store, filter) == ["100% reopened"])
        filter.search = "100"
        #expect(try titles(store, filter) == ["100% reopened", "1000 reopened"])
        filter.search = "under_"
        #expect(try titles(store, filter) == ["under_score"])
        filter.search = "'s --"
        #expect(try titles(store, filter) == ["it's -- done"])
        filter.search = "not or near"
        #expect(try titles(store, filter) == ["NOT OR NEAR"])
        filter.search = "\"plain"
        #expect(try titles(store, filter) == ["plain"])
        // No word at all matches nothing
        filter.search = "%"
        #expect(try titles(store, filter) == [])
    }

    @Test func searchFoldsCaseAndAccentsOverEveryFieldAndTheHistory() throws {
        // Given commitments whose words sit in different fields and in a note
        let store = try AppDatabase.makeEmpty()
        var first = try draft("Reunión con López")
        first.owners = ["Alicia Bárcena"]
        _ = try store.add(first)
        let second = try store.add(try draft("Crossings", uid: "crossings"))
        try store.change(id: second.id ?? 0) { commitment in
            try commitment.record(status: nil, note: "Eagle Pass reopened", on: try day("2024-01-04"),
                                  source: "https://example.org/ktar", reopen: false, today: try day("2025-01-01"))
        }
        var filter = CommitmentFilter()
        for (query, expected) in [("LÓPEZ", ["Reunión con López"]), ("lopez", ["Reunión con López"]), ("reunion", ["Reunión con López"]),
                                  ("BARCENA", ["Reunión con López"]), ("eagle pass", ["Crossings"]), ("Eagle Pa", ["Crossings"]),
                                  ("ktar", ["Crossings"]), ("pass eagle", [])] {
            filter.search = query
            #expect(try titles(store, filter) == expected, "\(query)")
        }
        // And an edit or a removal keeps the index in step
        try store.change(id: second.id ?? 0) { commitment in
            var edit = CommitmentEdit()
            edit.title = "Border crossings"
            return try commitment.edit(edit, on: try day("2024-02-01"), today: try day("2025-01-01"))
        }
        filter.search = "border"
        #expect(try titles(store, filter) == ["Border crossings"])
        _ = try store.delete(ids: [second.id ?? 0])
        filter.search = "eagle"
        #expect(try titles(store, filter) == [])
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

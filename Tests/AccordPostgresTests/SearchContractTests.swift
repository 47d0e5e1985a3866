import AccordCore
import AccordRows
import AccordStore
import Foundation
import Testing

/// `--search`, `--sort` and `--limit` on each backend: words in order, case- and
/// accent-insensitive, over every searched field and the history; wildcards and operators
/// are text.
@Suite struct SearchContractTests {
    let today = try! CalendarDate(parsing: "2025-01-01")

    func titles(_ store: any CommitmentStore, _ filter: CommitmentFilter) throws -> [String] {
        var titles: [String] = []
        try store.forEachCommitment(matching: filter, asOf: nil, includeHistory: false) { titles.append($0.title) }
        return titles
    }

    @Test(arguments: Backend.available)
    func searchTreatsWildcardsQuotesAndOperatorsAsText(backend: Backend) throws {
        let store = try backend.makeStore()
        for title in ["100% reopened", "1000 reopened", "under_score", "underXscore", "it's -- done", "plain", "NOT OR NEAR"] {
            _ = try store.add(try draft(title))
        }
        var filter = CommitmentFilter()
        for (query, expected) in [("100%", ["100% reopened"]), ("100", ["100% reopened", "1000 reopened"]),
                                  ("under_", ["under_score"]), ("'s --", ["it's -- done"]), ("not or near", ["NOT OR NEAR"]),
                                  ("\"plain", ["plain"]), ("%", []), ("reopened 100", [])] {
            filter.search = query
            #expect(try titles(store, filter) == expected, "\(query)")
        }
    }

    @Test(arguments: Backend.available)
    func searchFoldsCaseAndAccentsOverEveryFieldAndTheHistory(backend: Backend) throws {
        // Given commitments whose words sit in different fields and in a note
        let store = try backend.makeStore()
        var first = try draft("Reunión con López")
        first.owners = ["Alicia Bárcena"]
        first.tags = ["border-operations"]
        _ = try store.add(first)
        let second = try store.add(try draft("Crossings", uid: "crossings"))
        try store.change(id: second.id ?? 0) { commitment in
            try commitment.record(status: nil, note: "Eagle Pass reopened", on: try day("2024-01-04"),
                                  source: "https://example.org/ktar", reopen: false, today: today)
        }
        var filter = CommitmentFilter()
        for (query, expected) in [("LÓPEZ", ["Reunión con López"]), ("lopez", ["Reunión con López"]), ("reunion", ["Reunión con López"]),
                                  ("BARCENA", ["Reunión con López"]), ("bárc", ["Reunión con López"]), ("border oper", ["Reunión con López"]),
                                  ("eagle pass", ["Crossings"]), ("Eagle Pa", ["Crossings"]), ("ktar", ["Crossings"]),
                                  ("pass eagle", []), ("crossings ktar", [])] {
            filter.search = query
            #expect(try titles(store, filter) == expected, "\(query)")
        }
        // And an edit or a removal is seen at once
        try store.change(id: second.id ?? 0) { commitment in
            var edit = CommitmentEdit()
            edit.title = "Border crossings"
            return try commitment.edit(edit, on: try day("2024-02-01"), today: today)
        }
        filter.search = "border cross"
        #expect(try titles(store, filter) == ["Border crossings"])
        _ = try store.delete(ids: [second.id ?? 0])
        filter.search = "eagle"
        #expect(try titles(store, filter) == [])
    }

    @Test(arguments: Backend.available)
    func sortKeysApplyInTurnWithoutDeadlinesLastAndLimitCuts(backend: Backend) throws {
        let store = try backend.makeStore()
        _ = try store.add(try draft("b", due: "2024-03"))
        _ = try store.add(try draft("a", due: nil))
        _ = try store.add(try draft("c", due: "2024-01"))
        _ = try store.add(try draft("a", due: "2024-02"))
        var filter = CommitmentFilter()
        filter.sort = [SortKey(field: .dueBy)]
        #expect(try titles(store, filter) == ["c", "a", "b", "a"])
        filter.sort = [SortKey(field: .dueBy, isDescending: true)]
        #expect(try titles(store, filter) == ["b", "a", "c", "a"])
        filter.sort = [SortKey(field: .title, isDescending: true), SortKey(field: .dueBy)]
        filter.limit = 3
        var ids: [Int64] = []
        try store.forEachRow(matching: filter, asOf: nil, includeHistory: false) { ids.append($0.id) }
        #expect(ids == [3, 1, 4])
    }
}

import AccordCore
import AccordRows
import Foundation
import Testing
@testable import AccordStore

/// The store's SQL tally (``AppDatabase/tally(asOf:pastDay:grouping:)``) against the domain's
/// (``StatusTally`` over ``Commitment/state(on:)``), on random histories, today and on past days.
@Suite struct TallyTests {
    @Test func theSQLTallyEqualsTheDomainsOnRandomHistories() throws {
        // Given random commitments changed by random accepted operations
        let past = PastStateTests()
        let store = try past.randomStore(seed: 23, count: 150)
        let all = try past.everything(store)
        let days = ["2023-12-26", "2023-12-27", "2024-01-31", "2024-02-01", "2024-03-16", "2024-06-30", "2024-12-31", "2025-01-01"]
        for text in days {
            let day = try day(text)
            for grouping in SummaryReport.Grouping.allCases {
                // When the store counts by SQL, replaying the history for a past day
                let counted = try store.tally(asOf: day, pastDay: day < past.today ? day : nil, grouping: grouping)
                // Then it equals the domain's tally of each commitment's state on that day
                var expected = SummaryReport(grouping: grouping, asOf: day)
                for commitment in all { if let state = commitment.state(on: day) { expected.add(state) } }
                #expect(counted.overall == expected.overall, "\(text) \(grouping)")
                #expect(counted.groups == expected.groups, "\(text) \(grouping)")
            }
        }
        // And the test can fail: the days differ
        let early = try store.tally(asOf: try day("2024-01-31"), pastDay: try day("2024-01-31"), grouping: .status)
        let late = try store.tally(asOf: try day("2024-12-31"), pastDay: try day("2024-12-31"), grouping: .status)
        #expect(early.overall != late.overall)
    }

    @Test func groupsCountACommitmentInEachOfItsGroupsAndOnceOverall() throws {
        // Given one commitment of two parties, with two owners, and one with neither owner nor tag
        let store = try AppDatabase.makeEmpty()
        var first = try draft("Shared", due: "2024-01", party: "US")
        first.parties = ["US", "MX"]
        first.owners = ["Blinken", "Bárcena"]
        first.tags = ["border"]
        _ = try store.add(first)
        var second = try draft("Alone", due: nil, party: "MX")
        second.owners = []
        _ = try store.add(second)
        // When they are counted by party and by owner
        let byParty = try store.tally(asOf: try day("2024-03-01"), pastDay: nil, grouping: .party)
        let byOwner = try store.tally(asOf: try day("2024-03-01"), pastDay: nil, grouping: .owner)
        // Then each group counts its own, the overall counts each once, and no owner is "(none)"
        #expect(byParty.overall.total == 2)
        #expect(byParty.overall.overdue == 1)
        #expect(byParty.groups["MX"]?.total == 2)
        #expect(byParty.groups["US"]?.overdue == 1)
        #expect(Set(byOwner.groups.keys) == ["Blinken", "Bárcena", "(none)"])
        #expect(byOwner.groups["(none)"]?.total == 1)
    }
}

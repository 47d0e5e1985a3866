import AccordCore
@testable import AccordFormats
import AccordRows
import AccordTestSupport
import Testing

/// The overview's counts by stored bytes against the domain's counts by value.
@Suite struct OverviewTalliesTests {
    @Test func thePartyTalliesByStoredListEqualTheSummaryByParty() throws {
        // Given many random lists of parties (thousands of distinct ones, some too long to pack)
        // and random states
        var random = SeededGenerator(state: 7)
        let asOf = try day("2025-01-01")
        let names = (0..<60).map { "P\($0)" } + ["A party with a name far too long to pack", "Ünïcödé party"]
        var tallies = PartyTallies(asOf: asOf)
        var summary = SummaryReport(grouping: .party, asOf: asOf)
        for _ in 0..<12_000 {
            let parties = (0..<Int.random(in: 0...3, using: &random)).map { _ in names.randomElement(using: &random) ?? "" }
            let state = DayState(
                status: Status.allCases.randomElement(using: &random) ?? .unassessed,
                statusChangedOn: asOf.adding(days: -Int.random(in: 0...400, using: &random)) ?? asOf,
                dueBy: Bool.random(using: &random) ? asOf.adding(days: Int.random(in: -300...300, using: &random)) : nil)

            // When both count it, the tallies from the stored list's bytes
            var list = StoredList.encode(parties)
            try list.withUTF8 { try tallies.add(state, list: UnsafeRawBufferPointer($0)) }
            summary.add(state, groups: parties)
        }

        // Then each party's tally is the same
        #expect(tallies.groups == summary.groups)
        #expect(summary.groups.count == names.count)
    }

    @Test func theOccasionsCountedByBytesAreTheFirstSixtyFourMet() {
        // Given runs of 70 occasions, the last ones met only after 64 others
        var occasions = OccasionCounts()
        for index in 0..<70 {
            for _ in 0...(index % 3) { occasions.add("Meeting \(index): talks") }
            occasions.add("Meeting 5: talks")
            occasions.add("")
        }

        // Then the 64 first are counted, and the one met most leads
        #expect(occasions.names.count == 64)
        #expect(!occasions.names.contains("Meeting 64: talks"))
        #expect(occasions.top == "Meeting 5: talks")
    }
}

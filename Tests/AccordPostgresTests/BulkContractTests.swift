import AccordCore
import AccordRows
import AccordStore
import Foundation
import Testing

/// Writes of several commitments, output inside the transaction, the log's order and the
/// summary's SQL: the same results on each backend.
@Suite struct BulkContractTests {
    let today = try! CalendarDate(parsing: "2025-01-01")

    struct OutputFailed: Error {}

    @Test(arguments: Backend.available)
    func outputThatFailsInsideTheTransactionStoresNothing(backend: Backend) throws {
        // Given an empty store
        let store = try backend.makeStore()
        // When the output of an add and of an import fails before the commit
        #expect(throws: OutputFailed.self) { _ = try store.add(try draft("Lost"), beforeCommit: { _ in throw OutputFailed() }) }
        #expect(throws: OutputFailed.self) {
            _ = try store.importCommitments(policy: .fail, beforeCommit: { summary in
                #expect(summary.inserted == 1)
                throw OutputFailed()
            }) { store in try store(try draft("Also lost", uid: "lost"), "line 2") }
        }
        // Then nothing is stored, and the next id is still 1
        #expect(try store.count() == 0)
        var seen: Commitment?
        let added = try store.add(try draft("Kept"), beforeCommit: { seen = $0 })
        #expect(added.id == 1)
        #expect(seen == added)
    }

    @Test(arguments: Backend.available)
    func aChangeOfSeveralIsAllOrNoneAndNamesTheRefusedID(backend: Backend) throws {
        // Given three commitments
        let store = try backend.makeStore()
        for index in 1...3 { _ = try store.add(try draft("C\(index)")) }
        let on = try day("2024-01-10")
        // When the rule refuses the change of the second (its status is already unassessed)
        do {
            _ = try store.change(ids: [1, 2, 3]) {
                try $0.record(status: $0.id == 2 ? .unassessed : .inProgress, note: nil, on: on, source: nil, reopen: false, today: today)
            }
            Issue.record("the change was not refused")
        } catch StoreError.refusedFor(let id, let message) {
            // Then the error names it, and nothing changed
            #expect(id == 2)
            #expect(message.contains("unassessed"))
        }
        #expect(try store.commitment(id: 1).status == .unassessed)
        #expect(throws: StoreError.unknownID(9)) {
            _ = try store.change(ids: [1, 9]) {
                try $0.record(status: .stalled, note: nil, on: on, source: nil, reopen: false, today: today)
            }
        }
        #expect(try store.commitment(id: 1).status == .unassessed)
        // And a change of all of them returns each before and after
        let changed = try store.change(ids: [3, 1]) {
            try $0.record(status: .inProgress, note: "going", on: on, source: nil, reopen: false, today: today)
        }
        #expect(changed.map(\.before.status) == [.unassessed, .unassessed])
        #expect(changed.map(\.after.id) == [3, 1])
        #expect(try store.commitment(id: 3).status == .inProgress)
        #expect(try store.commitment(id: 2).status == .unassessed)
    }

    @Test(arguments: Backend.available)
    func deleteRemovesTheHistoryTooAndIDsAreNeverGivenAgain(backend: Backend) throws {
        // Given two commitments, the second with a note
        let store = try backend.makeStore()
        _ = try store.add(try draft("First"))
        _ = try store.add(try draft("Second"))
        try store.change(id: 2) { try $0.record(status: nil, note: "news", on: try day("2024-01-02"), source: nil, reopen: false, today: today) }
        // When an unknown id is among those deleted, nothing is
        #expect(throws: StoreError.unknownID(9)) { _ = try store.delete(ids: [1, 9]) }
        #expect(try store.count() == 2)
        // When the second is deleted
        let removed = try store.delete(ids: [2])
        // Then it and its history are gone, and a new commitment takes a new id
        #expect(removed.map(\.title) == ["Second"])
        #expect(try store.count() == 1)
        var notes: [String] = []
        try store.forEachUpdate(since: nil, until: nil, commitmentId: nil, newestFirst: false, limit: nil) { notes.append($0.update.note) }
        #expect(notes == ["created"])
        #expect(try store.add(try draft("Third")).id == 3)
    }

    @Test(arguments: Backend.available)
    func theLogReadsNewestFirstAndStopsAtItsLimit(backend: Backend) throws {
        // Given a commitment with notes on three days
        let store = try backend.makeStore()
        _ = try store.add(try draft())
        for (note, text) in [("b", "2024-01-05"), ("a", "2024-01-02"), ("c", "2024-01-09")] {
            try store.change(id: 1) { try $0.record(status: nil, note: note, on: try day(text), source: nil, reopen: false, today: today) }
        }
        func log(newestFirst: Bool, limit: Int?) throws -> [String] {
            var notes: [String] = []
            try store.forEachUpdate(since: try day("2024-01-01"), until: nil, commitmentId: 1, newestFirst: newestFirst, limit: limit) {
                notes.append($0.update.note)
            }
            return notes
        }
        #expect(try log(newestFirst: false, limit: nil) == ["a", "b", "c"])
        #expect(try log(newestFirst: true, limit: nil) == ["c", "b", "a"])
        #expect(try log(newestFirst: true, limit: 2) == ["c", "b"])
        #expect(try log(newestFirst: false, limit: 0) == [])
    }

    @Test(arguments: Backend.available)
    func theSummaryBySQLEqualsTheDomainsTally(backend: Backend) throws {
        // Given random commitments changed by random accepted operations
        let store = try PastStateContractTests().randomStore(backend, seed: 41, count: 60)
        var all: [Commitment] = []
        try store.forEachCommitment(matching: CommitmentFilter(), asOf: nil, includeHistory: true) { all.append($0) }
        for text in ["2023-12-26", "2024-01-31", "2024-03-16", "2024-06-30", "2025-01-01"] {
            let day = try day(text)
            for grouping in SummaryReport.Grouping.allCases {
                // When the store counts, replaying the history for a past day
                let counted = try store.tally(asOf: day, pastDay: day < today ? day : nil, grouping: grouping)
                // Then it equals the domain's tally of each commitment's state on that day
                var expected = SummaryReport(grouping: grouping, asOf: day)
                for commitment in all { if let state = commitment.state(on: day) { expected.add(state) } }
                #expect(counted.overall == expected.overall, "\(text) \(grouping)")
                #expect(counted.groups == expected.groups, "\(text) \(grouping)")
            }
        }
        let early = try store.tally(asOf: try day("2024-01-31"), pastDay: try day("2024-01-31"), grouping: .status)
        #expect(early.overall != (try store.tally(asOf: today, pastDay: nil, grouping: .status)).overall)
    }
}

import AccordCore
import AccordRows
import AccordStore
import AccordTestSupport
import Foundation
import Testing

/// Each store's computation of the state on a past day (its SQL for the filter and order, the
/// domain's replay for the rows) against the domain's rule, on the same random histories.
@Suite struct PastStateContractTests {
    let today = try! CalendarDate(parsing: "2025-01-01")

    /// A store of random commitments, each changed by a random sequence of accepted operations
    /// through the store itself.
    func randomStore(_ backend: Backend, seed: UInt64, count: Int) throws -> any CommitmentStore {
        let store = try backend.makeStore()
        try RandomHistories.fill(seed: seed, count: count, today: today, add: { try store.add($0) },
                                 change: { id, body in _ = try store.change(id: id, body) })
        return store
    }

    func streamed(_ store: any CommitmentStore, _ filter: CommitmentFilter, on day: CalendarDate) throws -> [String] {
        var lines: [String] = []
        try store.forEachRow(matching: filter, asOf: day, includeHistory: true) { row in
            lines.append("\(row.id) \(row.text(.status) ?? "") \(row.text(.dueBy) ?? "-") \(row.historyCount) \(row.text(.lastUpdateOn) ?? "")")
        }
        return lines
    }

    func expected(_ all: [Commitment], on day: CalendarDate, where include: (Commitment) -> Bool, byDeadline: Bool) -> [String] {
        var states = all.compactMap { $0.state(on: day) }.filter(include)
        if byDeadline {
            states.sort { ($0.due?.dueBy.description ?? "", $0.id ?? 0) < ($1.due?.dueBy.description ?? "", $1.id ?? 0) }
        }
        return states.map { state in
            "\(state.id ?? 0) \(state.status) \(state.due?.dueBy.description ?? "-") \(state.history.count) \(state.lastUpdateOn)"
        }
    }

    @Test(arguments: Backend.available)
    func reportsOnAPastDayMatchTheReplayedHistory(backend: Backend) throws {
        let store = try randomStore(backend, seed: 11, count: 60)
        var all: [Commitment] = []
        try store.forEachCommitment(matching: CommitmentFilter(), asOf: nil, includeHistory: true) { all.append($0) }
        #expect(all.count == 60)
        for text in ["2023-12-26", "2023-12-27", "2024-01-15", "2024-02-01", "2024-03-20", "2024-09-30", "2024-12-31"] {
            let day = try day(text)
            #expect(try streamed(store, CommitmentFilter(), on: day) == expected(all, on: day, where: { _ in true }, byDeadline: false))
            var open = CommitmentFilter()
            open.statuses = Status.openStatuses
            #expect(try streamed(store, open, on: day) == expected(all, on: day, where: { !$0.status.isFinal }, byDeadline: false))
            var overdue = CommitmentFilter()
            overdue.overdueOn = day
            let got = try streamed(store, overdue, on: day)
            let want = expected(all, on: day, where: { $0.isOverdue(on: day) }, byDeadline: true)
            #expect(got == want, "\(day): only streamed \(got.filter { !want.contains($0) }), only expected \(want.filter { !got.contains($0) })")
            var due = CommitmentFilter()
            let end = day.adding(days: 60) ?? day
            due.dueBetween = day...end
            #expect(try streamed(store, due, on: day) == expected(all, on: day, where: { state in
                guard let dueBy = state.due?.dueBy, !state.status.isFinal else { return false }
                return dueBy >= day && dueBy <= end
            }, byDeadline: true), "\(day)")
            var values: [Commitment] = []
            try store.forEachCommitment(matching: CommitmentFilter(), asOf: day, includeHistory: true) { values.append($0) }
            #expect(values == all.compactMap { $0.state(on: day) })
        }
    }

    @Test(arguments: Backend.available)
    func randomChangesThroughTheStoreKeepEveryTimelineCoherent(backend: Backend) throws {
        let store = try randomStore(backend, seed: 5, count: 60)
        try store.forEachCommitment(matching: CommitmentFilter(), asOf: nil, includeHistory: true) { commitment in
            // Read in date order, every status change starts where the one before it ended
            var current: Status?
            #expect(commitment.history.map(\.on) == commitment.history.map(\.on).sorted())
            for update in commitment.history where update.toStatus != nil {
                if current != nil { #expect(update.fromStatus == current) }
                current = update.toStatus
            }
            #expect(commitment.status == current)
        }
    }
}

import AccordCore
import AccordRows
import Foundation
import GRDB
import Testing
@testable import AccordStore

/// The store's computation of the state on a past day (SQL for the filter and order, the
/// domain's replay for the rows) against the domain's rule, on random histories.
@Suite struct PastStateTests {
    let today = try! CalendarDate(parsing: "2025-01-01")

    /// A store of random commitments, each changed by a random sequence of accepted operations
    /// through the store itself.
    func randomStore(seed: UInt64, count: Int) throws -> AppDatabase {
        var generator = SeededGenerator(state: seed)
        let store = try AppDatabase.makeEmpty()
        for index in 0..<count {
            let due = ["2024-01", "2024-03-15", "2024-Q2", nil].randomElement(using: &generator) ?? nil
            let added = try store.add(try draft("Commitment \(index)", due: due, party: index % 2 == 0 ? "US" : "MX"))
            for _ in 0..<Int.random(in: 0...6, using: &generator) {
                let day = added.madeOn.adding(days: Int.random(in: 0...330, using: &generator)) ?? added.madeOn
                let kind = Int.random(in: 0..<4, using: &generator)
                let status = Status.allCases.randomElement(using: &generator) ?? .stalled
                let newDue = ["2024-02", "2024-06", "2024-Q4", nil].randomElement(using: &generator) ?? nil
                _ = try? store.change(id: added.id ?? 0) { commitment in
                    switch kind {
                    case 0, 1:
                        return try commitment.record(status: status, note: "why", on: day, source: nil,
                                                     reopen: commitment.status.isFinal, today: today)
                    case 2:
                        return try commitment.record(status: nil, note: "a note", on: day, source: nil, reopen: false, today: today)
                    default:
                        var edit = CommitmentEdit()
                        edit.due = .some(newDue)
                        return try commitment.edit(edit, on: day, today: today)
                    }
                }
            }
        }
        return store
    }

    /// Every commitment with its whole history, through the domain.
    func everything(_ store: AppDatabase) throws -> [Commitment] {
        var all: [Commitment] = []
        try store.forEachCommitment(matching: CommitmentFilter(), asOf: nil, includeHistory: true) { all.append($0) }
        return all
    }

    /// What the store streams as rows for `filter` on `day`: id, status, due_by, history size.
    func streamed(_ store: AppDatabase, _ filter: CommitmentFilter, on day: CalendarDate) throws -> [String] {
        var lines: [String] = []
        try store.forEachRow(matching: filter, asOf: day, includeHistory: true) { row in
            lines.append("\(row.id) \(row.text(.status) ?? "") \(row.text(.dueBy) ?? "-") \(row.historyCount) \(row.text(.lastUpdateOn) ?? "")")
        }
        return lines
    }

    /// The same, from the domain's replay of each commitment, in the report's order.
    func expected(_ all: [Commitment], on day: CalendarDate, where include: (Commitment) -> Bool, byDeadline: Bool) -> [String] {
        var states = all.compactMap { $0.state(on: day) }.filter(include)
        if byDeadline {
            states.sort { ($0.due?.dueBy.description ?? "", $0.id ?? 0) < ($1.due?.dueBy.description ?? "", $1.id ?? 0) }
        }
        return states.map { state in
            "\(state.id ?? 0) \(state.status) \(state.due?.dueBy.description ?? "-") \(state.history.count) \(state.lastUpdateOn)"
        }
    }

    @Test func reportsOnAPastDayMatchTheReplayedHistory() throws {
        let store = try randomStore(seed: 11, count: 120)
        let all = try everything(store)
        for text in ["2023-12-26", "2023-12-27", "2024-01-15", "2024-02-01", "2024-03-20", "2024-05-31", "2024-09-30", "2024-12-31"] {
            let day = try day(text)
            // everything, by id
            #expect(try streamed(store, CommitmentFilter(), on: day) == expected(all, on: day, where: { _ in true }, byDeadline: false))
            // a status filter judged on that day
            var open = CommitmentFilter()
            open.statuses = Status.openStatuses
            #expect(try streamed(store, open, on: day) == expected(all, on: day, where: { !$0.status.isFinal }, byDeadline: false))
            // the overdue report, most overdue first
            var overdue = CommitmentFilter()
            overdue.overdueOn = day
            #expect(try streamed(store, overdue, on: day)
                == expected(all, on: day, where: { $0.isOverdue(on: day) }, byDeadline: true), "\(day)")
            // the due window
            var due = CommitmentFilter()
            due.dueBetween = day...(day.adding(days: 60) ?? day)
            #expect(try streamed(store, due, on: day) == expected(all, on: day, where: { state in
                guard let dueBy = state.due?.dueBy, !state.status.isFinal else { return false }
                return dueBy >= day && dueBy <= (day.adding(days: 60) ?? day)
            }, byDeadline: true), "\(day)")
            // and the domain values
            var values: [Commitment] = []
            try store.forEachCommitment(matching: CommitmentFilter(), asOf: day, includeHistory: true) { values.append($0) }
            #expect(values == all.compactMap { $0.state(on: day) })
        }
    }

    @Test func randomChangesThroughTheStoreKeepEveryTimelineCoherent() throws {
        let store = try randomStore(seed: 5, count: 80)
        for commitment in try everything(store) {
            var current: Status?
            #expect(commitment.history.map(\.on) == commitment.history.map(\.on).sorted())
            for update in commitment.history where update.toStatus != nil {
                if current != nil { #expect(update.fromStatus == current) }
                current = update.toStatus
            }
            #expect(commitment.status == current)
        }
    }

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

import AccordCore
import AccordRows
import Foundation
import GRDB
import Testing
@testable import AccordStore

@Suite struct RowStreamTests {
    /// Each streamed commitment's id and history, as text.
    func streamed(_ store: AppDatabase, _ filter: CommitmentFilter) throws -> [String] {
        var lines: [String] = []
        try store.forEachRow(matching: filter, asOf: nil, includeHistory: true) { row in
            var entries: [String] = []
            row.forEachUpdate { update in
                entries.append([UpdateColumn.on, .fromStatus, .toStatus, .note].map { column in
                    update.withUnsafeBytes(of: column) { $0.map { String(decoding: $0, as: UTF8.self) } ?? "-" }
                }.joined(separator: " "))
            }
            lines.append("\(row.id): " + entries.joined(separator: " | "))
        }
        return lines
    }

    /// The same, one commitment at a time through the domain.
    func loaded(_ store: AppDatabase, _ filter: CommitmentFilter) throws -> [String] {
        var lines: [String] = []
        try store.forEachCommitment(matching: filter, asOf: nil, includeHistory: true) { commitment in
            let entries = commitment.history.map { update in
                [update.on.description, update.fromStatus?.rawValue ?? "-", update.toStatus?.rawValue ?? "-", update.note]
                    .joined(separator: " ")
            }
            lines.append("\(commitment.id ?? 0): " + entries.joined(separator: " | "))
        }
        return lines
    }

    @Test func everyStreamedCommitmentGetsExactlyItsOwnHistoryAcrossSearchWindows() throws {
        // Given commitments whose ids lie in several history windows, far apart, some with
        // updates recorded long after later commitments' (rows interleaved in the table)
        let store = try AppDatabase.makeEmpty()
        let ids: [Int64] = [1, 2, 3, AppDatabase.historyWindow - 1, AppDatabase.historyWindow,
                            AppDatabase.historyWindow + 1, 3 * AppDatabase.historyWindow + 7, 10_000]
        _ = try store.importCommitments(policy: .fail) { insert in
            for (index, id) in ids.enumerated() {
                var commitment = try draft("Commitment \(index)", uid: "u\(index)", due: index % 2 == 0 ? "2024-01" : nil)
                commitment.id = id
                try insert(commitment, "record \(index + 1)")
            }
        }
        let statuses: [Status] = [.notStarted, .inProgress, .stalled]
        for (round, status) in statuses.enumerated() {
            for id in ids.reversed() where (id + Int64(round)) % 3 != 0 {
                try store.change(id: id) { commitment in
                    try commitment.record(status: status, note: "round \(round) of \(id)", on: try day("2024-02-0\(round + 1)"),
                                          source: nil, reopen: false, today: try day("2024-06-01"))
                }
            }
        }
        // When every commitment is streamed, and when a filter leaves some out
        var onlyStalled = CommitmentFilter()
        onlyStalled.statuses = [.stalled]
        var overdue = CommitmentFilter()
        overdue.overdueOn = try day("2025-01-01")
        for filter in [CommitmentFilter(), onlyStalled, overdue] {
            // Then each comes with exactly the history the domain loads for it
            let expected = try loaded(store, filter)
            #expect(!expected.isEmpty)
            #expect(try streamed(store, filter) == expected)
        }
        #expect(try streamed(store, CommitmentFilter()).count == ids.count)
    }

    /// A store with `count` commitments, each with a quote long enough that a few hundred of
    /// them fill one of the batches handed between the reading and the formatting thread.
    func storeWithLongRows(_ count: Int) throws -> AppDatabase {
        let store = try AppDatabase.makeEmpty()
        let quote = String(repeating: "They agreed to reopen the crossings. ", count: 30)
        _ = try store.importCommitments(policy: .fail) { insert in
            for index in 0..<count {
                var commitment = try draft("Commitment \(index)", uid: "u\(index)")
                commitment.quote = quote + "\(index)"
                try insert(commitment, "record \(index + 1)")
            }
        }
        return store
    }

    @Test func rowsCrossingManyBatchesArriveWholeAndInOrder() throws {
        // Given far more rows than one batch holds
        let store = try storeWithLongRows(1500)
        // When they are streamed
        var ids: [Int64] = []
        var quotesAreWhole = true
        try store.forEachRow(matching: CommitmentFilter(), asOf: nil, includeHistory: true) { row in
            ids.append(row.id)
            quotesAreWhole = quotesAreWhole && (row.text(.quote) ?? "").hasSuffix("\(row.id - 1)")
                && row.historyCount == 1
        }
        // Then every row comes once, in order, with its own fields
        #expect(ids == Array(1...1500))
        #expect(quotesAreWhole)
    }
}

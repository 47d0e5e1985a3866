import AccordCore
import Foundation
import GRDB
import Testing
@testable import AccordStore

@Suite struct WriteTests {
    @Test func aStatusChangeAndItsHistoryRowCommitTogether() throws {
        // Given a stored commitment
        let store = try AppDatabase.makeEmpty()
        let id = try #require(try store.add(try draft()).id)
        // When an update is recorded
        try store.change(id: id) { commitment in
            try commitment.record(status: .inProgress, note: "Crossings reopened", on: try day("2024-01-05"),
                                  source: "https://example.org", reopen: false, today: try day("2024-06-01"))
        }
        // Then status and history agree
        let stored = try store.commitment(id: id)
        #expect(stored.status == .inProgress)
        #expect(stored.history.count == 2)
        #expect(stored.history[1].fromStatus == .unassessed)
        #expect(stored.history[1].source == "https://example.org")
        #expect(stored.lastUpdateOn == (try day("2024-01-05")))
    }

    @Test func aRefusedChangeWritesNothing() throws {
        let store = try AppDatabase.makeEmpty()
        let id = try #require(try store.add(try draft()).id)
        #expect(throws: AccordError.finalStatusNeedsNote(.fulfilled)) {
            try store.change(id: id) { commitment in
                try commitment.record(status: .fulfilled, note: nil, on: try day("2024-01-05"), source: nil,
                                      reopen: false, today: try day("2024-06-01"))
            }
        }
        #expect(try store.commitment(id: id).history.count == 1)
        #expect(throws: StoreError.unknownID(99)) { try store.commitment(id: 99) }
    }

    @Test func importIsAllOrNothing() throws {
        // Given a store with one commitment
        let store = try AppDatabase.makeEmpty()
        _ = try store.add(try draft(uid: "kept"))
        // When an import fails on its third record
        #expect(throws: StoreError.duplicateUID("kept", place: "line 3")) {
            try store.importCommitments(policy: .fail) { insert in
                try insert(try draft(uid: "new-1"), "line 1")
                try insert(try draft(uid: "new-2"), "line 2")
                try insert(try draft(uid: "kept"), "line 3")
            }
        }
        // Then nothing of it was stored
        #expect(try store.count() == 1)
    }

    @Test func existingUIDsAreSkippedOrReplacedKeepingTheirID() throws {
        let store = try AppDatabase.makeEmpty()
        let id = try #require(try store.add(try draft(uid: "a")).id)
        var summary = try store.importCommitments(policy: .skip) { insert in
            try insert(try draft("Changed", uid: "a"), "record 1")
            try insert(try draft(uid: "b"), "record 2")
        }
        #expect(summary == .init(inserted: 1, skipped: 1, replaced: 0))
        #expect(try store.commitment(id: id).title == "Reopen the crossings")
        summary = try store.importCommitments(policy: .update(on: try day("2025-01-01"))) { insert in
            try insert(try draft("Changed", uid: "a"), "record 1")
        }
        #expect(summary == .init(inserted: 0, skipped: 0, replaced: 1))
        #expect(try store.commitment(id: id).title == "Changed")
        #expect(try store.count() == 2)
    }

    @Test func anImportedIDIsKeptWhenFree() throws {
        let store = try AppDatabase.makeEmpty()
        var commitment = try draft(uid: "x")
        commitment.id = 42
        _ = try store.importCommitments(policy: .fail) { insert in try insert(commitment, "record 1") }
        #expect(try store.commitment(id: 42).uid == "x")
        // A later add never reuses or renumbers it.
        #expect(try store.add(try draft(uid: "y")).id == 43)
    }
}

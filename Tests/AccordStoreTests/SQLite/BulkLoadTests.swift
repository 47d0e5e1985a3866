import AccordCore
import Foundation
import GRDB
import Testing
@testable import AccordStore

@Suite struct BulkLoadTests {
    /// The schema's triggers, by name, with their SQL.
    func triggers(_ store: AppDatabase) throws -> [String: String] {
        try store.read { db in
            Dictionary(uniqueKeysWithValues: try Row.fetchAll(
                db, sql: "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"
            ).map { ($0["name"] as String, $0["sql"] as String) })
        }
    }

    func titles(_ store: AppDatabase, searching text: String) throws -> [String] {
        var filter = CommitmentFilter()
        filter.search = text
        var titles: [String] = []
        try store.forEachCommitment(matching: filter, asOf: nil, includeHistory: false) { titles.append($0.title) }
        return titles
    }

    /// Whether the schema's check triggers refuse `sql` (not any other error).
    func refused(_ store: AppDatabase, _ sql: String) -> Bool {
        do {
            try store.rawWrite(sql)
            return false
        } catch {
            return "\(error)".contains("a value Accord refuses")
        }
    }

    func noted(_ title: String, uid: String, note: String) throws -> Commitment {
        var commitment = try draft(title, uid: uid)
        _ = try commitment.record(status: nil, note: note, on: try day("2024-02-01"), source: nil,
                                  reopen: false, today: try day("2025-01-01"))
        return commitment
    }

    @Test func anImportIntoAnEmptyTrackerKeepsEveryTriggerAndIndexesEveryRow() throws {
        // Given an empty tracker and its triggers
        let store = try AppDatabase.makeEmpty()
        let before = try triggers(store)
        #expect(Set(BulkLoad.deferredTriggers).isSubset(of: Set(before.keys)))
        // When commitments with notes are imported into it
        _ = try store.importCommitments(policy: .fail) { insert in
            try insert(try noted("Reopen the Eagle Pass crossing", uid: "a", note: "Trains run through Piedras Negras"), "line 2")
            try insert(try noted("Meet in Washington", uid: "b", note: "Held on 19 January"), "line 3")
        }
        // Then the schema holds the same triggers, word for word
        #expect(try triggers(store) == before)
        // And both search indexes know the imported rows
        #expect(try titles(store, searching: "eagle pass") == ["Reopen the Eagle Pass crossing"])
        #expect(try titles(store, searching: "piedras") == ["Reopen the Eagle Pass crossing"])
        #expect(try titles(store, searching: "january") == ["Meet in Washington"])
        // And the schema refuses a bad row again, and later writes keep the indexes in step
        #expect(refused(store, "UPDATE commitment SET title = 'a' || char(7) WHERE uid = 'a'"))
        #expect(refused(store, "INSERT INTO progress_update (commitment_id, on_date, note) VALUES (1, '2024-03-01', ' padded')"))
        _ = try store.add(try noted("Fight smuggling", uid: "c", note: "Joint patrols"))
        #expect(try titles(store, searching: "patrols") == ["Fight smuggling"])
    }

    @Test func aFailedImportIntoAnEmptyTrackerLeavesItsTriggers() throws {
        // Given an empty tracker
        let store = try AppDatabase.makeEmpty()
        let before = try triggers(store)
        // When an import fails on its second record
        #expect(throws: StoreError.duplicateInFile("uid", "a", place: "line 3")) {
            try store.importCommitments(policy: .fail) { insert in
                try insert(try draft(uid: "a"), "line 2")
                try insert(try draft(uid: "a"), "line 3")
            }
        }
        // Then nothing was stored and every trigger is still there
        #expect(try store.count() == 0)
        #expect(try triggers(store) == before)
        #expect(refused(store, """
            INSERT INTO commitment (uid, title, parties, made_on, status_changed_on, last_update_on)
            VALUES ('x', 'a' || char(7), '["US"]', '2023-12-27', '2023-12-27', '2023-12-27')
            """))
    }

    @Test func anImportIntoATrackerThatHasCommitmentsIsIndexedRowByRow() throws {
        // Given a tracker with one commitment
        let store = try AppDatabase.makeEmpty()
        _ = try store.add(try draft("Reopen the crossings", uid: "a"))
        // When more are imported
        _ = try store.importCommitments(policy: .fail) { insert in
            try insert(try noted("Meet in Washington", uid: "b", note: "Held on 19 January"), "line 2")
        }
        // Then old and new rows are found
        #expect(try titles(store, searching: "crossings") == ["Reopen the crossings"])
        #expect(try titles(store, searching: "january") == ["Meet in Washington"])
    }
}

import AccordCore
import Foundation
import GRDB
import Testing
@testable import AccordStore

@Suite struct ConstraintTests {
    @Test(arguments: [
        "made_on = '2023-02-31'", "status = 'done'", "due = 'soon'", "title = '   '",
        "parties = '[]'", "parties = 'US'", "due_by = NULL", "due_by = '2023-01-31'",
        // What the domain's field rules refuse (migration 0003), one rule each:
        "parties = '[1,2]'", "parties = '[\"US\",\"US\"]'", "owners = '[\"A; B\"]'", "owners = '[\"\"]'",
        "tags = '[\" padded\"]'", "tags = '[\"a' || char(27) || 'b\"]'", "title = ' padded'",
        "title = 'a' || char(27) || '[31mred'", "title = 'two' || char(10) || 'lines'", "title = 'a' || char(13) || 'b'",
        "title = printf('%.501c', 'x')", "quote = printf('%.20001c', 'x')", "quote = 'a' || char(13) || 'b'",
        "quote = 'bell' || char(7)", "occasion = 'a' || char(9) || 'b'", "source = 'a' || char(133) || 'b'",
        "source = printf('%.2001c', 'x')", "title = 'sep' || char(8232) || 'x'",
    ])
    func theSchemaRejectsWhatTheDomainRejects(_ assignment: String) throws {
        // Given a stored commitment
        let store = try AppDatabase.makeEmpty()
        let id = try #require(try store.add(try draft()).id)
        // When a row is changed behind the domain's back, Then SQLite refuses it
        #expect(throws: StoreError.self) {
            try store.rawWrite("UPDATE commitment SET \(assignment) WHERE id = \(id)")
        }
    }

    @Test(arguments: [
        "'a' || char(13) || 'FAKE'", "'esc' || char(27) || '[2J'", "printf('%.20001c', 'x')", "' padded'",
    ])
    func historyNotesAreCheckedLikeTheDomainChecksThem(_ note: String) throws {
        // Given a stored commitment
        let store = try AppDatabase.makeEmpty()
        let id = try #require(try store.add(try draft()).id)
        // When a history entry is inserted behind the domain's back, Then SQLite refuses it
        #expect(throws: StoreError.self) {
            try store.rawWrite("INSERT INTO progress_update (commitment_id, on_date, note) VALUES (\(id), '2024-01-01', \(note))")
        }
        // And a multi-line note is accepted
        try store.rawWrite("INSERT INTO progress_update (commitment_id, on_date, note) VALUES (\(id), '2024-01-01', 'a' || char(10) || 'b')")
    }

    @Test func historyIsAppendOnly() throws {
        let store = try AppDatabase.makeEmpty()
        _ = try store.add(try draft())
        #expect(throws: StoreError.self) { try store.rawWrite("UPDATE progress_update SET note = 'rewritten'") }
    }
}

import AccordCore
import Foundation
import GRDB
import Testing
@testable import AccordStore

@Suite struct ConstraintTests {
    @Test(arguments: [
        "made_on = '2023-02-31'", "status = 'done'", "due = 'soon'", "title = '   '",
        "parties = '[]'", "parties = 'US'", "due_by = NULL", "due_by = '2023-01-31'",
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

    @Test func historyIsAppendOnly() throws {
        let store = try AppDatabase.makeEmpty()
        _ = try store.add(try draft())
        #expect(throws: StoreError.self) { try store.rawWrite("UPDATE progress_update SET note = 'rewritten'") }
    }
}

import AccordCore
import Foundation
import GRDB
import Testing
@testable import AccordStore

/// A copy of the database made with the first released schema (0001), in a temporary folder.
func copyOfOldestDatabase() throws -> String {
    let fixture = repositoryRoot.appendingPathComponent("Tests/AccordStoreTests/Fixtures/schema-0001.sqlite")
    let path = try temporaryFolder().appendingPathComponent("old.sqlite").path
    try FileManager.default.copyItem(atPath: fixture.path, toPath: path)
    return path
}

@Suite struct MigrationFixtureTests {
    @Test func theOldestSchemaOpensWithAllItsData() throws {
        // Given a database written by the first release
        let path = try copyOfOldestDatabase()
        // When the current build opens it for writing
        let store = try AppDatabase.open(path: path, access: .write)
        // Then it is fully migrated and every commitment and update is there
        let reopen = try store.commitment(id: 1)
        #expect(reopen.uid == "fixture-reopen")
        #expect(reopen.status == .fulfilled)
        #expect(reopen.history.map(\.note) == ["created", "Reopened"])
        #expect(reopen.due?.dueBy.description == "2024-01-31")
        #expect(try store.commitment(id: 2).due?.dueBy.description == "2024-01-26")
        #expect(try store.count() == 2)
        let queue = try DatabaseQueue(path: path)
        #expect(try queue.read { try Migrations.migrator().hasCompletedMigrations($0) })
    }

    @Test func aFailingMigrationLeavesTheDatabaseAsItWas() throws {
        // Given the oldest database, migrated by this build, and a new migration that fails
        // half way
        let path = try copyOfOldestDatabase()
        try AppDatabase(DatabaseQueue(path: path, configuration: AppDatabase.makeConfiguration()), path: path).dbWriter.close()
        let before = try snapshot(path)
        let broken = Migrations.all + [(
            name: "9000_broken",
            sql: Array("ALTER TABLE commitment ADD COLUMN extra TEXT; INSERT INTO no_such_table VALUES (1);".utf8)
        )]
        // When it runs, Then it fails and nothing of it remains
        #expect(throws: StoreError.self) {
            try AppDatabase(DatabaseQueue(path: path, configuration: AppDatabase.makeConfiguration()),
                            path: path, migrations: broken)
        }
        #expect(try snapshot(path) == before)
        let columns = try DatabaseQueue(path: path).read { try $0.columns(in: "commitment").map(\.name) }
        #expect(!columns.contains("extra"))
    }

    @Test func twoProcessesCreatingOneDatabaseBothSucceed() async throws {
        // Given a new path, When several connections open it at once, Then all succeed
        let path = try temporaryFolder().appendingPathComponent("race.sqlite").path
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<6 {
                group.addTask {
                    let store = try AppDatabase.open(path: path, access: .write)
                    _ = try store.add(try draft("race \(index)"))
                }
            }
            try await group.waitForAll()
        }
        #expect(try AppDatabase.open(path: path, access: .read).count() == 6)
    }
}

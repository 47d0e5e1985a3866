import AccordCore
import AccordRows
import Foundation
import GRDB
import Testing
@testable import AccordStore

@Suite struct MigrationTests {
    @Test func everyMigrationFileIsRegisteredInOrder() throws {
        let folder = repositoryRoot.appendingPathComponent("migrations/sqlite")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".sql") }.sorted().map { String($0.dropLast(4)) }
        #expect(!files.isEmpty)
        #expect(Migrations.all.map(\.name) == files)
        for (name, sql) in Migrations.all {
            let onDisk = try Data(contentsOf: folder.appendingPathComponent(name + ".sql"))
            #expect(Array(onDisk) == sql, "\(name) embedded as on disk")
        }
    }

    @Test func theMigratedTablesHaveTheColumnsTheRowPathReadsInTheSameOrder() throws {
        // Given a freshly migrated database
        let store = try AppDatabase.makeEmpty()
        // When its tables' columns are listed
        func columns(_ table: String) throws -> [String] {
            try store.read { db in try Row.fetchAll(db, sql: "PRAGMA table_info(\(table))").map { $0["name"] as String } }
        }
        // Then they are the ones CommitmentColumn and UpdateColumn define, in their order
        #expect(try columns("commitment") == ["id"] + CommitmentColumn.allCases.map(\.name))
        #expect(try columns("progress_update") == ["id", "commitment_id"] + UpdateColumn.allCases.map(\.name))
        #expect(CommitmentColumn.allCases.filter(\.isNullable) == [.due, .dueBy])
        #expect(UpdateColumn.allCases.filter(\.isNullable) == [.fromStatus, .toStatus, .changes])
    }

    @Test func aDatabaseFromANewerAccordIsRefusedAndLeftUnchanged() throws {
        // Given a database that a newer build migrated further
        let path = try temporaryFolder().appendingPathComponent("newer.sqlite").path
        _ = try AppDatabase.open(path: path, access: .write)
        let queue = try DatabaseQueue(path: path)
        try queue.write { try $0.execute(sql: "INSERT INTO grdb_migrations VALUES ('9999_future')") }
        try queue.close()
        let before = try snapshot(path)
        // When it is opened, Then it is refused
        #expect(throws: StoreError.newerSchema(path, ["9999_future"])) {
            try AppDatabase.open(path: path, access: .write)
        }
        #expect(throws: StoreError.newerSchema(path, ["9999_future"])) {
            try AppDatabase.open(path: path, access: .read)
        }
        #expect(try snapshot(path) == before)
    }

    @Test func aReadLeavesUnrecordedTheMigrationsThatChangeNothingOnSQLite() throws {
        // Given the migrations kept only so that both backends' lists match
        #expect(Migrations.all.filter { Migrations.changesNothing($0.sql) }.map(\.name)
                == ["0005_function_bodies", "0006_stored_search_words"])
        // And a tracker an Accord before them left (at 0004)
        let path = try temporaryFolder().appendingPathComponent("older.sqlite").path
        let queue = try DatabaseQueue(path: path)
        try AppDatabase.migrate(queue, path: path, migrations: Array(Migrations.all.prefix(4)))
        try queue.close()
        let before = try snapshot(path)
        // When this Accord reads it
        #expect(try AppDatabase.open(path: path, access: .read).count() == 0)
        // Then nothing was written: that Accord still reads it, and so would a read-only file
        let read = try snapshot(path)
        #expect(read == before, "\(read.filter { !before.contains($0) })")
        // And the first write records them
        _ = try AppDatabase.open(path: path, access: .write).add(try draft())
        let after = try DatabaseQueue(path: path)
        defer { try? after.close() }
        #expect(try after.read { try AppDatabase.appliedMigrations($0) } == Set(Migrations.all.map(\.name)))
    }

    @Test func aNewDatabaseFileIsPrivateToItsOwner() throws {
        let path = try temporaryFolder().appendingPathComponent("private.sqlite").path
        let old = umask(0)
        defer { umask(old) }
        let store = try AppDatabase.open(path: path, access: .write)
        _ = try store.add(try draft())
        for suffix in ["", "-wal", "-shm"] {
            let attributes = try FileManager.default.attributesOfItem(atPath: path + suffix)
            #expect((attributes[.posixPermissions] as? Int) == 0o600, "\(suffix)")
        }
    }

    @Test func aNewDatabaseAppearsOnlyWhenItsFirstWriteSucceeds() throws {
        struct Refused: Error {}
        let folder = try temporaryFolder()
        let path = folder.appendingPathComponent("new.sqlite").path
        let files = { try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() }
        // A failing first write leaves nothing behind.
        #expect(throws: Refused.self) {
            try AppDatabase.write(creatingAt: path) { store in
                _ = try store.add(try draft(uid: "a"))
                throw Refused()
            }
        }
        #expect(try files() == [])
        // A successful one leaves the database alone in its folder, holding what was written.
        let id = try AppDatabase.write(creatingAt: path) { store in try store.add(try draft(uid: "a")).id }
        #expect(try files() == ["new.sqlite"])
        #expect(try AppDatabase.open(path: path, access: .read).commitment(id: try #require(id)).uid == "a")
        // Built without a journal on disk, it is published in WAL mode like every database.
        let queue = try DatabaseQueue(path: path)
        #expect(try queue.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") } == "wal")
        #expect(try queue.read { try String.fetchOne($0, sql: "PRAGMA integrity_check") } == "ok")
        try queue.close()
        // An existing database is written in place.
        try AppDatabase.write(creatingAt: path) { store in _ = try store.add(try draft(uid: "b")) }
        #expect(try AppDatabase.open(path: path, access: .read).count() == 2)
    }

    @Test func stagingFilesOfKilledProcessesAreRemovedNotThoseOfLiveOnes() throws {
        let folder = try temporaryFolder()
        // A process id that no process has (beyond pid_max), and this process's own.
        let dead = folder.appendingPathComponent(".new.sqlite.new-99999999-1").path
        let live = folder.appendingPathComponent(".new.sqlite.new-\(getpid())-2").path
        for file in [dead, dead + "-wal", live] { _ = FileManager.default.createFile(atPath: file, contents: Data("x".utf8)) }
        try AppDatabase.write(creatingAt: folder.appendingPathComponent("new.sqlite").path) { store in
            _ = try store.add(try draft(uid: "a"))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
                == [".new.sqlite.new-\(getpid())-2", "new.sqlite"])
    }

    @Test func readsNeverCreateADatabase() throws {
        let path = try temporaryFolder().appendingPathComponent("missing.sqlite").path
        #expect(throws: StoreError.noDatabase(path)) { try AppDatabase.open(path: path, access: .read) }
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func anotherApplicationsDatabaseIsNotTouched() throws {
        let path = try temporaryFolder().appendingPathComponent("other.sqlite").path
        let queue = try DatabaseQueue(path: path)
        try queue.write { try $0.execute(sql: "CREATE TABLE notes (body TEXT)") }
        try queue.close()
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(throws: StoreError.notAccordDatabase(path, "it is another application's SQLite database")) {
            try AppDatabase.open(path: path, access: .write)
        }
        // Not even switched to WAL (header bytes 18 and 19).
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test func randomBytesAreNotADatabase() throws {
        let path = try temporaryFolder().appendingPathComponent("random.sqlite").path
        try Data((0..<4096).map { _ in UInt8.random(in: 0...255) }).write(to: URL(fileURLWithPath: path))
        #expect(throws: StoreError.notADatabase(path)) { try AppDatabase.open(path: path, access: .write) }
    }
}

@testable import AccordStore
import AccordCore
import Foundation
import GRDB
import Testing

/// Accord writes only to its own databases: whose a file is is settled before any write.
@Suite struct IdentityTests {
    func bytes(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

    @Test func aNewDatabaseCarriesAccordsApplicationID() throws {
        // Given a new database, When it is created by a write
        let path = try temporaryFolder().appendingPathComponent("new.sqlite").path
        _ = try AppDatabase.open(path: path, access: .write).add(try draft())
        // Then its header names Accord
        let queue = try DatabaseQueue(path: path)
        #expect(try queue.read { try Int32.fetchOne($0, sql: "PRAGMA application_id") } == AppDatabase.applicationID)
    }

    @Test func anAccordDatabaseWithoutApplicationIDIsStillAccepted() throws {
        // Given the first released schema, made before the application id
        let path = try temporaryFolder().appendingPathComponent("old.sqlite").path
        try FileManager.default.copyItem(atPath: repositoryRoot.appendingPathComponent("Tests/AccordStoreTests/Fixtures/schema-0001.sqlite").path,
                                         toPath: path)
        // When it is read, Then it opens
        #expect(try AppDatabase.open(path: path, access: .read).count() >= 0)
    }

    @Test func anotherApplicationsDatabaseIsRefusedByReadsAndWritesUnchanged() throws {
        // Given another application's SQLite file, with an application id of its own
        let path = try temporaryFolder().appendingPathComponent("other.sqlite").path
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: "PRAGMA application_id = 42; CREATE TABLE grdb_migrations (identifier TEXT)")
        }
        try queue.close()
        let before = try bytes(path)
        // When a read or a write opens it, Then it is refused and not a byte changes
        for access in [StoreAccess.read, .write] {
            #expect(throws: StoreError.notAccordDatabase(path, "it is another application's SQLite database")) {
                try AppDatabase.open(path: path, access: access)
            }
        }
        #expect(try bytes(path) == before)
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
    }

    @Test func anEmptyFileIsNotADatabaseForReadsAndIsInitialisedByWrites() throws {
        // Given an empty file
        let path = try temporaryFolder().appendingPathComponent("empty.sqlite").path
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        // When a read opens it, Then it is refused and the file stays empty
        #expect(throws: StoreError.self) { try AppDatabase.open(path: path, access: .read) }
        #expect(try bytes(path).isEmpty)
        // And a write initialises it
        _ = try AppDatabase.open(path: path, access: .write).add(try draft())
        #expect(try AppDatabase.open(path: path, access: .read).count() == 1)
    }

    @Test func aDanglingSymlinkCreatesItsTargetPrivately() throws {
        // Given a link to a database that does not exist yet
        let folder = try temporaryFolder()
        let link = folder.appendingPathComponent("link.sqlite").path
        let target = folder.appendingPathComponent("target.sqlite").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "target.sqlite")
        // When an import builds the database through it
        let summary = try AppDatabase.write(creatingAt: link) { store in
            try store.importCommitments(policy: .fail) { insert in try insert(try draft(), "line 2") }
        }
        #expect(summary.inserted == 1)
        // Then the link is still a link, and its target is the database, 0600
        #expect((try FileManager.default.attributesOfItem(atPath: link)[.type] as? FileAttributeType) == .typeSymbolicLink)
        #expect((try FileManager.default.attributesOfItem(atPath: target)[.posixPermissions] as? Int) == 0o600)
        #expect(try AppDatabase.open(path: link, access: .read).count() == 1)
        // And an add through another dangling link makes a 0600 file too
        let second = folder.appendingPathComponent("second-link.sqlite").path
        try FileManager.default.createSymbolicLink(atPath: second, withDestinationPath: "second.sqlite")
        _ = try AppDatabase.open(path: second, access: .write).add(try draft())
        #expect((try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent("second.sqlite").path)[.posixPermissions] as? Int) == 0o600)
    }

    @Test func aFolderOrAFIFOIsRefusedBeforeOpening() throws {
        let folder = try temporaryFolder()
        let fifo = folder.appendingPathComponent("fifo.sqlite").path
        #expect(mkfifo(fifo, 0o600) == 0)
        for access in [StoreAccess.read, .write] {
            #expect(throws: StoreError.notAFile(fifo, "a FIFO")) { try AppDatabase.open(path: fifo, access: access) }
            #expect(throws: StoreError.notAFile(folder.path, "a folder")) { try AppDatabase.open(path: folder.path, access: access) }
        }
    }

    @Test func anImportKilledAfterTheDatabaseExistedLeavesItsStagingFileForTheNextWriteToSweep() throws {
        // Given a database and the staging file of an import killed long ago (its pid is gone)
        let folder = try temporaryFolder()
        let path = folder.appendingPathComponent("db.sqlite").path
        _ = try AppDatabase.open(path: path, access: .write).add(try draft())
        let gone = Process()
        gone.executableURL = URL(fileURLWithPath: "/bin/true")
        try gone.run()
        gone.waitUntilExit()
        let stale = folder.appendingPathComponent(".db.sqlite.new-\(gone.processIdentifier)-7").path
        _ = FileManager.default.createFile(atPath: stale, contents: Data("half".utf8))
        // When the next write opens the database, Then the staging file is gone
        _ = try AppDatabase.open(path: path, access: .write)
        #expect(!FileManager.default.fileExists(atPath: stale))
    }
}

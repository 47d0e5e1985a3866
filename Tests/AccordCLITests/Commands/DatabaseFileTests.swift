import AccordTestSupport
import Foundation
import Testing

/// Reads see every committed change and leave no file behind; nothing is written to a file
/// that is not an Accord database; what cannot be a database is refused before it is opened.
@Suite(.serialized, .enabled(if: Backend.isSQLite, "database files")) struct DatabaseFileTests {
    @Test func aReadOfAWALDatabaseInAFolderThatCannotBeWrittenSeesTheWAL() throws {
        // Given a backup copied while a change sat in the -wal (no -shm), in a read-only folder
        let source = try Sandbox()
        try source.add("Old title")
        let backup = try Sandbox()
        _ = try Sandbox.execute(URL(fileURLWithPath: "/usr/bin/env"), [
            "sqlite3", source.db, "PRAGMA wal_autocheckpoint = 0", "UPDATE commitment SET title = 'New title' WHERE id = 1",
            ".shell cp '\(source.db)' '\(source.db)-wal' '\(backup.folder.path)/'",
        ])
        #expect(FileManager.default.fileExists(atPath: backup.db + "-wal"))
        #expect(!FileManager.default.fileExists(atPath: backup.db + "-shm"))
        chmod(backup.db, 0o644)
        chmod(backup.db + "-wal", 0o644)
        chmod(backup.folder.path, 0o555)
        defer { chmod(backup.folder.path, 0o755) }
        let before = try backup.names()
        // When it is read by a user who cannot write there
        let list = try backup.runUnprivileged(["list", "--format", "csv", "--fields", "id,title"])
        // Then the change in the -wal is shown, and no file appeared
        #expect(list.status == 0, "\(list.stderr)")
        #expect(list.stdout.contains("New title"), "stale read: \(list.stdout)")
        #expect(try backup.names() == before)
    }

    @Test func aReadOnAReadOnlyDatabaseLeavesNoSideFileAndLaterWritesWork() throws {
        // Given a database its owner made read-only (0400), in a folder the owner may write
        let sandbox = try Sandbox()
        try sandbox.add("Reopen the crossings")
        #expect(!FileManager.default.fileExists(atPath: sandbox.db + "-shm"))
        chmod(sandbox.db, 0o400)
        sandbox.giveToUnprivilegedUser()
        // When the owner reads it
        let list = try sandbox.runUnprivileged(["list", "--format", "csv"])
        // Then the read works and leaves no -wal or -shm behind
        #expect(list.status == 0, "\(list.stderr)")
        #expect(list.stdout.contains("Reopen the crossings"))
        #expect(!FileManager.default.fileExists(atPath: sandbox.db + "-wal"))
        #expect(!FileManager.default.fileExists(atPath: sandbox.db + "-shm"))
        // And once the owner makes it writable again, a write works
        chmod(sandbox.db, 0o600)
        let add = try sandbox.runUnprivileged(["add", "Second", "--party", "US"])
        #expect(add.status == 0, "\(add.stderr)")
    }

    @Test func aReadOnAWritableDatabaseLeavesNoSideFile() throws {
        // Given a database at rest, When reports read it, Then nothing beside it remains
        let sandbox = try Sandbox()
        try sandbox.add("Reopen the crossings")
        let before = try sandbox.names()
        for arguments in [["list"], ["overdue"], ["show", "1"], ["export", "--format", "json"], ["summary"]] {
            #expect(try sandbox.run(arguments).status == 0)
            #expect(try sandbox.names() == before, "\(arguments)")
        }
    }

    @Test func anotherApplicationsDatabaseIsRefusedWithoutAnyChange() throws {
        // Given another program's SQLite file
        let sandbox = try Sandbox()
        _ = try sandbox.sqlite("CREATE TABLE notes (body TEXT)")
        let before = sandbox.databaseBytes()
        let file = try sandbox.write("one.csv", "title,parties,made_on\nx,US,2023-12-27\n")
        // When add, import and list are pointed at it, Then each says so, exit 74, and no byte changes
        for arguments in [["add", "x", "--party", "US"], ["import", file], ["list"]] {
            expectUserError(try sandbox.run(arguments), status: 74, containing: "is not an Accord database (it is another application's SQLite database)")
            #expect(sandbox.databaseBytes() == before)
        }
    }

    @Test func aReadOnAnEmptyFileWritesNothingAndAnAddInitialisesIt() throws {
        // Given an empty file as the database
        let sandbox = try Sandbox()
        _ = try sandbox.write("accord.sqlite", "")
        // When it is read, Then it is not an Accord database and stays empty
        expectUserError(try sandbox.run(["list"]), status: 74, containing: "the file is empty")
        #expect(try Data(contentsOf: URL(fileURLWithPath: sandbox.db)).isEmpty)
        // And an add initialises it
        #expect(try sandbox.add("First") == 1)
    }

    @Test func aFIFOOrAFolderAsTheDatabaseIsRefusedAtOnce() throws {
        let sandbox = try Sandbox()
        let fifo = sandbox.folder.appendingPathComponent("fifo").path
        #expect(mkfifo(fifo, 0o600) == 0)
        for arguments in [["list"], ["add", "x", "--party", "US"]] {
            expectUserError(try sandbox.run([arguments[0], "--db", fifo] + arguments.dropFirst(), useDB: false),
                            status: 74, containing: "it is a FIFO, not a regular file")
            expectUserError(try sandbox.run([arguments[0], "--db", sandbox.folder.path] + arguments.dropFirst(), useDB: false),
                            status: 74, containing: "it is a folder, not a regular file")
        }
    }

    @Test func anImportThroughADanglingSymlinkCreatesAPrivateTarget() throws {
        // Given --db a link to a file that does not exist yet
        let sandbox = try Sandbox()
        symlink("target.sqlite", sandbox.db)
        let file = try sandbox.write("one.csv", "title,parties,made_on\nx,US,2023-12-27\n")
        // When an import and an add go through it
        let imported = try sandbox.run(["import", file])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(try sandbox.add("Second") == 2)
        // Then the target holds both, 0600, and the link is still a link
        let target = sandbox.folder.appendingPathComponent("target.sqlite").path
        #expect((try FileManager.default.attributesOfItem(atPath: target)[.posixPermissions] as? Int) == 0o600)
        #expect((try FileManager.default.attributesOfItem(atPath: sandbox.db)[.type] as? FileAttributeType) == .typeSymbolicLink)
    }

    @Test func randomByteFlipsAreReportedAsDamagedNeverAsBadInput() throws {
        // Given a database with some content
        let sandbox = try Sandbox()
        for index in 0..<30 { try sandbox.add("Commitment \(index)", ["--due", "2024-0\(index % 9 + 1)", "--owner", "Owner \(index)"]) }
        let good = try Data(contentsOf: URL(fileURLWithPath: sandbox.db))
        var damaged = 0
        // Seeded, so that a failure replays: the flips it found so far are in the store's tests.
        var generator = SeededGenerator(state: 20_261_130)
        for _ in 0..<40 {
            // When a few random bytes after the header are flipped
            var bytes = [UInt8](good)
            for _ in 0..<8 {
                bytes[Int.random(in: 100..<bytes.count, using: &generator)] ^= UInt8.random(in: 1...255, using: &generator)
            }
            try Data(bytes).write(to: URL(fileURLWithPath: sandbox.db))
            for arguments in [["list", "--format", "csv"], ["export", "--format", "json"], ["show", "3"], ["overdue", "--as-of", "2024-06-01"]] {
                let run = try sandbox.run(arguments)
                // Then every command either works or says the database is damaged (74)
                #expect([0, 74].contains(run.status) || (run.status == 64 && run.stderr.contains("no commitment has id")),
                        "\(arguments): exit \(run.status): \(run.stderr)")
                if run.status == 74 {
                    damaged += 1
                    #expect(run.stderr.contains("damaged"), "\(run.stderr)")
                }
            }
        }
        #expect(damaged > 0)
    }
}

import Foundation
import Testing

/// `export --output` writes through what is at the path without harming it: devices and FIFOs
/// are written, links followed, modes and owners kept, the database refused.
@Suite struct ExportTargetTests {
    func populated() throws -> Sandbox {
        let sandbox = try Sandbox()
        try sandbox.add("Reopen the crossings", ["--due", "2024-01"])
        try sandbox.add("Meet in January")
        return sandbox
    }

    func path(_ sandbox: Sandbox, _ name: String) -> String {
        sandbox.folder.appendingPathComponent(name).path
    }

    func fileType(_ path: String) -> mode_t {
        var info = stat()
        return lstat(path, &info) == 0 ? info.st_mode & S_IFMT : 0
    }

    func mode(_ path: String) -> mode_t {
        var info = stat()
        return stat(path, &info) == 0 ? info.st_mode & 0o7777 : 0
    }

    func shell(_ sandbox: Sandbox, _ script: String) throws -> Run {
        try Sandbox.execute(URL(fileURLWithPath: "/bin/sh"),
                            ["-c", "ACCORD=\"$0\"; DB=\"$1\"; " + script, Sandbox.binary.path, sandbox.db],
                            directory: sandbox.folder)
    }

    @Test(.enabled(if: getuid() == 0, "mknod needs root"))
    func aCharacterDeviceIsWrittenThroughNotReplaced() throws {
        // Given a null device node of our own (never the real /dev/null)
        let sandbox = try populated()
        let node = path(sandbox, "mynull")
        // Major 1, minor 3: the null device.
        #expect(mknod(node, S_IFCHR | 0o666, dev_t((1 << 8) | 3)) == 0)
        // When an export writes to it
        let result = try sandbox.run(["export", "-o", node])
        // Then it succeeds and the node is still a character device
        #expect(result.status == 0, "\(result.stderr)")
        #expect(fileType(node) == S_IFCHR)
    }

    @Test func aFIFOIsStreamedToItsReader() throws {
        // Given a FIFO with a reader copying it to a file
        let sandbox = try populated()
        let fifo = path(sandbox, "pipe")
        #expect(mkfifo(fifo, 0o600) == 0)
        let reader = try sandbox.shell("cat \"\(fifo)\" > \"\(path(sandbox, "copy.csv"))\"")
        // When an export writes to the FIFO
        let result = try sandbox.run(["export", "-o", fifo])
        _ = try reader.wait()
        // Then the reader got the whole export and the FIFO is still a FIFO
        #expect(result.status == 0, "\(result.stderr)")
        #expect(fileType(fifo) == S_IFIFO)
        let copy = try String(contentsOfFile: path(sandbox, "copy.csv"), encoding: .utf8)
        #expect(copy == (try sandbox.run(["export"]).stdout))
    }

    @Test func aSymlinkIsFollowedAndItsTargetReplaced() throws {
        // Given a link to an existing file, and a link to a file that does not exist yet
        let sandbox = try populated()
        let real = try sandbox.write("real.csv", "old")
        symlink("real.csv", path(sandbox, "link.csv"))
        symlink("fresh.csv", path(sandbox, "dangling.csv"))
        // When exports write through both links
        #expect(try sandbox.run(["export", "-o", path(sandbox, "link.csv")]).status == 0)
        #expect(try sandbox.run(["export", "-o", path(sandbox, "dangling.csv")]).status == 0)
        // Then the links are still links and their targets hold the export
        #expect(fileType(path(sandbox, "link.csv")) == S_IFLNK)
        #expect(fileType(path(sandbox, "dangling.csv")) == S_IFLNK)
        let expected = try sandbox.run(["export"]).stdout
        #expect(try String(contentsOfFile: real, encoding: .utf8) == expected)
        #expect(try String(contentsOfFile: path(sandbox, "fresh.csv"), encoding: .utf8) == expected)
    }

    @Test func anExistingFileKeepsItsModeAndANewOneFollowsTheUmask() throws {
        // Given a private 0600 file
        let sandbox = try populated()
        let secret = try sandbox.write("secret.csv", "old")
        chmod(secret, 0o600)
        // When exports replace it and create new files under two umasks
        #expect(try sandbox.run(["export", "-o", secret]).status == 0)
        #expect(try shell(sandbox, #"umask 022; "$ACCORD" export -o new022.csv --db "$DB""#).status == 0)
        #expect(try shell(sandbox, #"umask 027; "$ACCORD" export -o new027.csv --db "$DB""#).status == 0)
        // Then the private file stays 0600 and the new ones are 0644 and 0640
        #expect(mode(secret) == 0o600)
        #expect(mode(path(sandbox, "new022.csv")) == 0o644)
        #expect(mode(path(sandbox, "new027.csv")) == 0o640)
    }

    @Test func aFileWithHardLinksIsRefusedAndLeftWhole() throws {
        // Given a file with a second hard link
        let sandbox = try populated()
        let file = try sandbox.write("shared.csv", "old")
        link(file, path(sandbox, "other-name.csv"))
        // When an export targets it, Then it is refused and both names still hold the old text
        expectUserError(try sandbox.run(["export", "-o", file]), status: 73, containing: "it has 2 hard links")
        #expect(try String(contentsOfFile: path(sandbox, "other-name.csv"), encoding: .utf8) == "old")
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "old")
    }

    @Test(.enabled(if: Backend.isSQLite, "database files")) func theDatabaseAndItsSideFilesAreNeverAnOutput() throws {
        // Given a database, a link to it and its -wal name
        let sandbox = try populated()
        let before = sandbox.databaseBytes()
        symlink(sandbox.db, path(sandbox, "alias.sqlite"))
        for target in [sandbox.db, "accord.sqlite", "./accord.sqlite", path(sandbox, "alias.sqlite"), sandbox.db + "-wal",
                       sandbox.db + "-shm", sandbox.db + "-journal"] {
            // When an export is told to write there, Then it is refused and the database is unchanged
            expectUserError(try sandbox.run(["export", "-o", target]), status: 73, containing: "it is the database")
            #expect(sandbox.databaseBytes() == before)
        }
        #expect(!FileManager.default.fileExists(atPath: sandbox.db + "-journal"))
    }

    @Test func aDashIsStandardOutputAndAFolderIsRefused() throws {
        let sandbox = try populated()
        let dash = try sandbox.run(["export", "-o", "-"])
        #expect(dash.status == 0)
        #expect(dash.stdout == (try sandbox.run(["export"]).stdout))
        expectUserError(try sandbox.run(["export", "-o", sandbox.folder.path]), status: 73, containing: "it is a folder")
    }

    @Test func aFileSizeLimitIsOneErrorLineNotASignal() throws {
        // Given a limit of 50 KiB per file (ulimit -f 100) and an export larger than that
        let sandbox = try populated()
        var csv = "title,parties,made_on\n"
        for index in 0..<400 { csv += "Commitment number \(index) with a title long enough,US,2023-12-27\n" }
        #expect(try sandbox.run(["import", try sandbox.write("many.csv", csv)]).status == 0)
        // When exports run under it, Then each fails with one line and exit 73
        let toFile = try shell(sandbox, #"ulimit -f 100; "$ACCORD" export --format json -o out.json --db "$DB""#)
        expectUserError(toFile, status: 73, containing: "cannot write 'out.json'")
        let toStandardOutput = try shell(sandbox, #"ulimit -f 100; "$ACCORD" export --format json --db "$DB" > out2.json"#)
        expectUserError(toStandardOutput, status: 73, containing: "cannot write 'standard output'")
        #expect(!FileManager.default.fileExists(atPath: path(sandbox, "out.json")))
    }
}

import Foundation
import Testing

/// What Accord writes never harms what is already there, and a write whose output is lost
/// stores nothing.
@Suite struct OutputSafetyTests {
    /// Runs a shell script with `$ACCORD` and `$DB` set, and waits for it.
    func shell(_ sandbox: Sandbox, _ script: String) throws -> Run {
        try Sandbox.execute(URL(fileURLWithPath: "/bin/sh"),
                            ["-c", "ACCORD=\"$0\"; DB=\"$1\"; " + script, Sandbox.binary.path, sandbox.db],
                            directory: sandbox.folder)
    }

    @Test func anAddWhoseIDCannotBeWrittenStoresNothing() throws {
        // Given a database with one commitment
        let sandbox = try Sandbox()
        try sandbox.add("Existing")
        // When an add prints its id to a full device
        let result = try shell(sandbox, #""$ACCORD" add second --party US --db "$DB" > /dev/full"#)
        // Then it fails with one line and exit 73, and the commitment is not stored
        expectUserError(result, status: 73, containing: "cannot write 'standard output'")
        #expect(try sandbox.sqlite("SELECT count(*) FROM commitment") == "1")
        // And a retry stores it once
        #expect(try sandbox.add("second") == 2)
        #expect(try sandbox.sqlite("SELECT count(*) FROM commitment") == "2")
    }

    @Test func anImportWhoseSummaryCannotBeWrittenStoresNothing() throws {
        // Given a database with one commitment and a good file
        let sandbox = try Sandbox()
        try sandbox.add("Existing")
        let file = try sandbox.write("good.csv", "title,parties,made_on\nok,US,2023-12-27\n")
        // When the import's summary goes to a full device
        let result = try shell(sandbox, #""$ACCORD" import good.csv --db "$DB" 2> /dev/full"#)
        // Then it exits 73 without crashing, and nothing is stored
        #expect(result.status == 73, "\(result.status) \(result.stderr) \(file)")
        #expect(try sandbox.sqlite("SELECT count(*) FROM commitment") == "1")
    }

    @Test func anErrorOnAFullStandardErrorStillExitsWithItsCode() throws {
        // Given a bad argument, When standard error is a full device, Then the code is still 64
        let sandbox = try Sandbox()
        #expect(try shell(sandbox, #""$ACCORD" list --format xml --db "$DB" 2> /dev/full"#).status == 64)
    }
}

import Foundation
import Testing

/// An export stopped by a signal leaves no temporary file: SIGINT and SIGTERM remove it at
/// once, and the next export sweeps what SIGKILL left.
@Suite(.serialized) struct InterruptedExportTests {
    func temporaryFiles(_ sandbox: Sandbox) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: sandbox.folder.path).filter { $0.hasPrefix(".out.json.") }
    }

    @Test(arguments: [SIGTERM, SIGINT])
    func anExportStoppedBySignalRemovesItsTemporaryFile(_ signalNumber: Int32) throws {
        // Given a database large enough for an export to take a while
        let sandbox = try Sandbox()
        var csv = "title,parties,made_on,quote\n"
        for index in 0..<20_000 { csv += "Commitment \(index),US,2023-12-27,\(String(repeating: "q", count: 200))\n" }
        #expect(try sandbox.run(["import", try sandbox.write("big.csv", csv)]).status == 0)
        var stopped = 0
        for _ in 0..<5 where stopped == 0 {
            // When the signal arrives once the temporary file exists
            // (Through Python, which clears the signal mask the test runner's threads pass on.)
            let export = try Background(URL(fileURLWithPath: "/usr/bin/python3"), [
                "-c", "import os, signal, sys; signal.pthread_sigmask(signal.SIG_SETMASK, []); os.execv(sys.argv[1], sys.argv[1:])",
                Sandbox.binary.path, "export", "--format", "json", "-o", sandbox.folder.appendingPathComponent("out.json").path,
                "--db", sandbox.db,
            ])
            var sawFile = false
            for _ in 0..<5000 where !sawFile {
                sawFile = !(try temporaryFiles(sandbox)).isEmpty
                if !sawFile { usleep(200) }
            }
            if sawFile { kill(export.process.processIdentifier, signalNumber) }
            let run = try export.wait()
            if run.status != 0 { stopped += 1 }
            // Then no temporary file remains, whether it was stopped or finished first
            #expect(try temporaryFiles(sandbox).isEmpty)
        }
        #expect(stopped > 0, "the export always finished before the signal")
    }

    @Test func theNextExportSweepsTheFilesOfKilledExportsOnly() throws {
        // Given the temporary file of an export killed with SIGKILL (its process is gone) and
        // that of one still running (this process)
        let sandbox = try Sandbox()
        try sandbox.add("Reopen the crossings")
        let gone = Process()
        gone.executableURL = URL(fileURLWithPath: "/bin/true")
        try gone.run()
        gone.waitUntilExit()
        let stale = try sandbox.write(".out.json.accord-\(gone.processIdentifier)-abcdef", "half")
        let live = try sandbox.write(".out.json.accord-\(getpid())-abcdef", "half")
        // When an export writes out.json
        #expect(try sandbox.run(["export", "--format", "json", "-o", "out.json"]).status == 0)
        // Then the dead process's file is gone and the live one's is kept
        #expect(!FileManager.default.fileExists(atPath: stale))
        #expect(FileManager.default.fileExists(atPath: live))
    }
}

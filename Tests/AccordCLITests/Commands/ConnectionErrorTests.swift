import Foundation
import Testing

/// A server that cannot be reached is said in the system's words, on one line, whatever the
/// backend the other tests use: no server is needed to be refused.
@Suite struct ConnectionErrorTests {

    @Test func anUnreachableServerIsSaidInTheSystemsWordsWithoutNIOsNames() throws {
        let sandbox = try Sandbox()
        // When nothing listens on the port, by address and by host name
        for host in ["127.0.0.1", "localhost"] {
            let run = try sandbox.run(["list", "--db", "postgres://nobody@\(host):1/accord"], useDB: false)
            // Then one line, exit 74, the system's reason, and none of NIO's type names
            expectUserError(run, status: 74, containing: "cannot connect to the server at \(host):1: Connection refused")
            #expect(!run.stderr.contains("SingleConnectionFailure") && !run.stderr.contains("errno"), "\(run.stderr)")
        }
        // When the host name does not resolve (.invalid never does)
        expectUserError(try sandbox.run(["list", "--db", "postgres://nobody@no-such-host.invalid:5432/accord"], useDB: false),
                        status: 74, containing: "the host name no-such-host.invalid was not found")
    }
}

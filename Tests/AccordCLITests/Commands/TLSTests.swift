import Foundation
import Testing

/// The test server's TCP side, from scripts/with-postgres.
enum TLSServer {
    /// Its URL (the maintenance database) and its self-signed certificate, when it has them.
    static var current: (url: String, rootCert: String)? {
        let environment = ProcessInfo.processInfo.environment
        guard let url = environment["ACCORD_TEST_POSTGRES_TLS"], let cert = environment["ACCORD_TEST_POSTGRES_ROOT_CERT"] else { return nil }
        return (url, cert)
    }
}

/// TLS as `sslmode` means it, against the test server's TCP port, which takes TLS logins only
/// and shows a self-signed certificate (scripts/with-postgres makes both when openssl is there).
@Suite(.enabled(if: !Backend.isSQLite && TLSServer.current != nil, "PostgreSQL with TLS only")) struct TLSTests {

    @Test func sslmodeRequireAndVerifyFullWithTheRootConnectOverTLSAndAnUntrustedOrMisnamedCertificateIsRefused() throws {
        // Given a database reached over TCP, with no ~/.postgresql/root.crt
        let (server, rootCert) = try #require(TLSServer.current)
        let sandbox = try Sandbox()
        try sandbox.add("Over TLS")
        let name = try sandbox.sqlite("SELECT current_database()")
        func url(_ parameters: String) -> String { server.replacingOccurrences(of: "/postgres", with: "/\(name)?\(parameters)") }
        let home = ["HOME": sandbox.folder.path]
        let list = ["list", "--format", "csv", "--fields", "title"]
        // When TLS is required but not verified, or verified against the server's certificate
        for parameters in ["sslmode=require", "sslmode=prefer", "sslmode=verify-ca&sslrootcert=\(rootCert)",
                           "sslmode=verify-full&sslrootcert=\(rootCert)"] {
            let run = try sandbox.run(list + ["--db", url(parameters)], useDB: false, environment: home)
            // Then the report is read (the server takes no login without TLS on this port)
            #expect(run.status == 0 && run.stdout.contains("Over TLS"), "\(parameters): \(run.stderr)")
        }
        // When TLS is off, Then the server refuses the login: one line, exit 77
        expectUserError(try sandbox.run(list + ["--db", url("sslmode=disable")], useDB: false, environment: home),
                        status: 77, containing: "no encryption")
        // When the certificate must be verified against roots that do not hold it (the system's),
        // Then it is refused before any login: one line, exit 74
        expectUserError(try sandbox.run(list + ["--db", url("sslmode=verify-full")], useDB: false, environment: home),
                        status: 74, containing: "TLS: the server's certificate is not signed by a trusted root")
        // When the same server is reached by an address its certificate does not name (it names
        // localhost only): verify-ca, which checks the signature alone, reads the report
        let byAddress = { (parameters: String) in url(parameters).replacingOccurrences(of: "@localhost:", with: "@127.0.0.1:") }
        let verifyCA = try sandbox.run(list + ["--db", byAddress("sslmode=verify-ca&sslrootcert=\(rootCert)")],
                                       useDB: false, environment: home)
        #expect(verifyCA.status == 0 && verifyCA.stdout.contains("Over TLS"), "\(verifyCA.stderr)")
        // Then verify-full refuses it before any login: one line, exit 74
        expectUserError(try sandbox.run(list + ["--db", byAddress("sslmode=verify-full&sslrootcert=\(rootCert)")],
                                        useDB: false, environment: home),
                        status: 74, containing: "TLS: the server's certificate does not name this host")
    }
}

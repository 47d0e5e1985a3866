import Foundation
import Testing

/// What only a shared PostgreSQL database has: roles, and writers on other connections.
@Suite(.serialized, .enabled(if: !Backend.isSQLite, "PostgreSQL only")) struct TeamModeTests {
    @Test func theDocumentedRolesReadEditAndOwnAsTheREADMESays() throws {
        // Given the roles of docs/postgres-roles.sql on a new database
        let sandbox = try Sandbox()
        let name = "accord_team_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        let admin = try #require(ProcessInfo.processInfo.environment["ACCORD_TEST_POSTGRES"])
        let script = repositoryRoot.appendingPathComponent("docs/postgres-roles.sql").path
        let created = try Sandbox.execute(URL(fileURLWithPath: "/usr/bin/env"), [
            "psql", "-X", "-q", "-d", admin, "-v", "db=\(name)", "-v", "owner_password=o", "-v", "editor_password=e",
            "-v", "reader_password=r", "-f", script])
        try #require(created.status == 0, "\(created.stderr)")
        func url(_ role: String) -> String {
            admin.replacingOccurrences(of: "accord@", with: "\(role)@").replacingOccurrences(of: "/postgres?", with: "/\(name)?")
        }
        // When the owner makes the tables, the editor writes and the reader reads and tries to write
        #expect(try sandbox.run(["add", "By the owner", "--party", "US", "--db", url("accord_owner")], useDB: false).status == 0)
        let edited = try sandbox.run(["update", "1", "--note", "by the editor", "--db", url("accord_editor")], useDB: false)
        #expect(edited.status == 0, "\(edited.stderr)")
        #expect(try sandbox.run(["add", "By the editor", "--party", "MX", "--db", url("accord_editor")], useDB: false).status == 0)
        let listed = try sandbox.run(["list", "--format", "csv", "--db", url("accord_reader")], useDB: false)
        #expect(listed.stdout.contains("By the editor"))
        // Then the reader's write is one line with exit 77, and nothing changed
        expectUserError(try sandbox.run(["add", "By the reader", "--party", "US", "--db", url("accord_reader")], useDB: false),
                        status: 77, containing: "permission denied")
        #expect(try sandbox.run(["list", "--format", "csv", "--db", url("accord_reader")], useDB: false).stdout == listed.stdout)
    }

    @Test func concurrentUpdatesOfOneCommitmentAreNeitherLostNorReordered() throws {
        // Given one commitment, When 4 processes add 15 notes each to it at once
        let sandbox = try Sandbox()
        try sandbox.add("Shared")
        let writers = try (0..<4).map { writer in
            try sandbox.shell("""
                i=0; while [ $i -lt 15 ]; do i=$((i+1))
                  "$ACCORD" update 1 --note "writer \(writer) note $i" --on 2024-01-01 --quiet --db "$DB" >/dev/null || exit 1
                done
                """)
        }
        // Then every process succeeds and the history holds every note, each writer's in its order
        for run in try writers.map({ try $0.wait() }) {
            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.stderr.isEmpty, "\(run.stderr)")
        }
        let notes = try sandbox.sqlite("SELECT note FROM progress_update WHERE commitment_id = 1 ORDER BY id")
            .split(separator: "\n").dropFirst()
        #expect(notes.count == 60)
        for writer in 0..<4 {
            let mine = notes.filter { $0.hasPrefix("writer \(writer) ") }
            #expect(mine == (1...15).map { "writer \(writer) note \($0)"[...] })
        }
    }
}

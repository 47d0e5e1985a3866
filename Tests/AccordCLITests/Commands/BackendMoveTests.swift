import Foundation
import Testing

/// Moving a tracker between backends: `export --format json` from one and `import` into the
/// other keeps every field and the whole history, ids included, both ways. It needs both
/// backends, so it runs in the PostgreSQL pass of scripts/test.
@Suite(.enabled(if: !Backend.isSQLite, "needs the PostgreSQL server too")) struct BackendMoveTests {
    @Test(arguments: [(Backend.sqlite, Backend.postgres), (Backend.postgres, Backend.sqlite)])
    func aJSONExportImportsIntoTheOtherBackendWithEveryFieldAndTheWholeHistory(from: Backend, to: Backend) throws {
        // Given the shipped record and generated commitments with varied histories on one backend
        let origin = try Sandbox(backend: from)
        let exported = try Self.makeTracker(origin)
        // When its JSON export is imported into the other backend and exported again
        let target = try Sandbox(backend: to)
        let file = try target.write("moved.json", exported)
        let imported = try target.run(["import", file])
        #expect(imported.status == 0, "\(imported.stderr)")
        let again = try target.run(["export", "--format", "json"])
        #expect(again.status == 0, "\(again.stderr)")
        // Then both exports are the same, byte for byte
        #expect(again.stdout == exported, "\(Self.firstDifference(exported, again.stdout))")
        // And the other backend, given the same commands, built the same tracker
        let built = try Sandbox(backend: to)
        #expect(try Self.makeTracker(built) == exported)
    }

    /// Fills a sandbox with data/ and commitments whose histories have every kind of entry,
    /// checks the export holds them, and returns it.
    static func makeTracker(_ sandbox: Sandbox) throws -> String {
        let shipped = repositoryRoot.appendingPathComponent("data/2023-12-27-us-mexico-meeting.json").path
        try #require(try sandbox.run(["import", shipped]).status == 0)
        for command in generatedCommands(count: 12) {
            let result = try sandbox.run(command)
            try #require(result.status == 0, "\(command): \(result.stderr)")
        }
        let export = try sandbox.run(["export", "--format", "json"])
        try #require(export.status == 0, "\(export.stderr)")
        // The export is not trivially equal: it holds every kind of history entry.
        let records = try #require(try JSONSerialization.jsonObject(with: Data(export.stdout.utf8)) as? [[String: Any]])
        #expect(records.count == 6 + 11)
        let history = records.flatMap { $0["history"] as? [[String: Any]] ?? [] }
        #expect(history.count > 60)
        #expect(history.contains { $0["changes"] != nil })
        #expect(records.contains { $0["original_due_by"] is String })
        return export.stdout
    }

    /// The commands that build the generated commitments: every field, several parties, owners,
    /// tags and sources, status changes (a final one reopened), notes, dated edits, moved
    /// deadlines and days made, text that needs escaping, and a deleted one (a gap in the ids).
    static func generatedCommands(count: Int) -> [[String]] {
        let dues = ["2024-01", "2024-Q2", "+90d", "2025", "2024-03-15", "+6w", "2024"]
        var commands: [[String]] = []
        for index in 1...count {
            let id = String(6 + index)
            var add = ["add", "Generated \(index): “quoted”, \"escaped\" — ✓ \\ back-slash", "--uid", "generated-\(index)",
                       "--party", "US", "--owner", "Owner \(index)", "--owner", "Agency \(index % 3)",
                       "--tag", "tag-\(index % 4)", "--tag", "shared", "--made-on", "2023-12-\(10 + index)",
                       "--occasion", "Meeting \(index), Mexico City", "--source", "https://example.org/\(index)?a=1&b=2",
                       "--quote", "Line one of \(index)\nline two, with “quotes” and 'apostrophes'"]
            if index % 2 == 0 { add += ["--party", "MX"] }
            if index % 7 != 0 { add += ["--due", dues[index % dues.count]] }
            if index % 5 == 0 { add += ["--status", "not-started"] }
            commands.append(add)
            commands.append(["update", id, "--status", "in-progress", "--on", "2024-01-0\(index % 9 + 1)",
                             "--note", "Work began (\(index))", "--source", "https://a.example/\(index)", "--source", "Press release"])
            commands.append(["update", id, "--note", "A note only, dated before the status change", "--on", "2023-12-31"])
            commands.append(["edit", id, "--due", "2024-0\(index % 9 + 1)", "--on", "2024-01-20",
                             "--note", "Deadline moved", "--evidence", "https://b.example/\(index)", "--evidence", "Minutes"])
            if index % 3 == 0 {
                commands.append(["edit", id, "--title", "Renamed \(index)", "--owner", "New lead \(index)", "--clear-tags",
                                 "--on", "2024-02-02", "--source", "https://example.org/renamed/\(index)"])
            }
            if index % 4 == 0 {
                commands.append(["edit", id, "--made-on", "2023-12-01", "--on", "2024-02-03", "--note", "Made earlier"])
            }
            if index % 2 == 1 {
                commands.append(["update", id, "--status", "fulfilled", "--on", "2024-03-01", "--note", "Done, as announced"])
                if index % 3 == 1 {
                    commands.append(["update", id, "--status", "stalled", "--reopen", "--on", "2024-04-01", "--note", "Undone"])
                }
            } else if index % 4 == 2 {
                commands.append(["update", id, "--status", "broken", "--on", "2024-05-05", "--note", "Abandoned"])
            }
        }
        commands.append(["delete", String(6 + count / 2), "--yes"])
        return commands
    }

    /// Where two exports first differ, for the failure message.
    static func firstDifference(_ left: String, _ right: String) -> String {
        let pairs = zip(left.split(separator: "\n"), right.split(separator: "\n"))
        guard let (a, b) = pairs.first(where: { $0.0 != $0.1 }) else { return "lengths \(left.count) and \(right.count)" }
        return "\(a)\n≠\n\(b)"
    }
}

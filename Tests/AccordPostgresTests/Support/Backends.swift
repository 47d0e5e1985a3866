@testable import AccordPostgres
import AccordCore
import AccordStore
import Foundation
import Testing

/// The stores the shared suite runs on: SQLite always, PostgreSQL when `ACCORD_TEST_POSTGRES`
/// names a server (scripts/with-postgres sets it; scripts/test always does).
enum Backend: String, Sendable, CaseIterable, CustomTestStringConvertible {
    case sqlite, postgres

    /// The backends this run can test.
    static var available: [Backend] {
        PostgresServer.adminURL == nil ? [.sqlite] : [.sqlite, .postgres]
    }

    var testDescription: String { rawValue }

    /// A new empty store of this kind: a temporary file, or a new database on the server.
    func makeStore() throws -> any CommitmentStore {
        switch self {
        case .sqlite:
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("accord-pgtests-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            return try AppDatabase.open(path: folder.appendingPathComponent("accord.sqlite").path, access: .write)
        case .postgres:
            return try PostgresStore.open(url: try PostgresServer.makeDatabase(), access: .write)
        }
    }
}

/// The test server of scripts/with-postgres.
enum PostgresServer {
    /// The URL of the server's maintenance database, nil when no server is given.
    static var adminURL: String? {
        ProcessInfo.processInfo.environment["ACCORD_TEST_POSTGRES"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Whether a server is there to test against.
    static var isAvailable: Bool { adminURL != nil }

    /// Creates an empty database with a fresh name and returns its URL.
    static func makeDatabase() throws -> String {
        let admin = try #require(adminURL)
        var target = try ConnectionTarget(url: admin, environment: [:])
        let name = "accord_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        let store = try PostgresStore.connect(target)
        try store.execute("CREATE DATABASE \(name)")
        target.database = name
        return target.display
    }

    /// Runs SQL on a database directly, behind the store's back.
    static func execute(_ url: String, _ sql: String) throws {
        let store = try PostgresStore.connect(try ConnectionTarget(url: url, environment: [:]))
        try store.execute(sql)
    }
}

func day(_ text: String) throws -> CalendarDate { try CalendarDate(parsing: text) }

/// A valid commitment made on 2023-12-27.
func draft(_ title: String = "Reopen the crossings", uid: String? = nil, due: String? = "2024-01",
           party: String = "US", id: Int64? = nil) throws -> Commitment {
    var draft = NewCommitment(title: title, madeOn: try day("2023-12-27"))
    draft.uid = uid
    draft.parties = [party]
    draft.owners = ["Antony Blinken"]
    draft.due = due
    var commitment = try Commitment.make(draft, today: try day("2025-01-01"))
    commitment.id = id
    return commitment
}


/// The repository's top folder (this file is Tests/<target>/Support/<file>).
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

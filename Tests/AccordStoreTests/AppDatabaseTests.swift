import AccordCore
import Foundation
import GRDB
import Testing
@testable import AccordStore

func day(_ text: String) throws -> CalendarDate { try CalendarDate(parsing: text) }

/// A valid commitment made on 2023-12-27.
func draft(_ title: String = "Reopen the crossings", uid: String? = nil, due: String? = "2024-01",
           party: String = "US", status: Status = .unassessed) throws -> Commitment {
    var draft = NewCommitment(title: title, madeOn: try day("2023-12-27"))
    draft.uid = uid
    draft.parties = [party]
    draft.owners = ["Antony Blinken"]
    draft.due = due
    draft.status = status
    return try Commitment.make(draft, today: try day("2025-01-01"))
}

/// A fresh temporary folder for database files.
func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("accord-store-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Every row of every table, to compare a database's content before and after.
func snapshot(_ path: String) throws -> [String] {
    var config = Configuration()
    config.readonly = true
    let queue = try DatabaseQueue(path: path, configuration: config)
    defer { try? queue.close() }
    return try queue.read { db in
        var lines: [String] = []
        for table in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name") {
            lines += try Row.fetchAll(db, sql: "SELECT * FROM \"\(table)\"").map { "\(table): \($0)" }
        }
        return lines
    }
}

@Suite struct MigrationTests {
    @Test func everyMigrationFileIsRegisteredInOrder() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("migrations")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".sql") }.sorted().map { String($0.dropLast(4)) }
        #expect(!files.isEmpty)
        #expect(Migrations.all.map(\.name) == files)
        for (name, sql) in Migrations.all {
            let onDisk = try Data(contentsOf: folder.appendingPathComponent(name + ".sql"))
            #expect(Array(onDisk) == sql, "\(name) embedded as on disk")
        }
    }

    @Test func aDatabaseFromANewerAccordIsRefusedAndLeftUnchanged() throws {
        // Given a database that a newer build migrated further
        let path = try temporaryFolder().appendingPathComponent("newer.sqlite").path
        _ = try AppDatabase.open(path: path, access: .write)
        let queue = try DatabaseQueue(path: path)
        try queue.write { try $0.execute(sql: "INSERT INTO grdb_migrations VALUES ('9999_future')") }
        try queue.close()
        let before = try snapshot(path)
        // When it is opened, Then it is refused
        #expect(throws: StoreError.newerSchema(path, ["9999_future"])) {
            try AppDatabase.open(path: path, access: .write)
        }
        #expect(throws: StoreError.newerSchema(path, ["9999_future"])) {
            try AppDatabase.open(path: path, access: .read)
        }
        #expect(try snapshot(path) == before)
    }

    @Test func aNewDatabaseFileIsPrivateToItsOwner() throws {
        let path = try temporaryFolder().appendingPathComponent("private.sqlite").path
        let old = umask(0)
        defer { umask(old) }
        let store = try AppDatabase.open(path: path, access: .write)
        _ = try store.add(try draft())
        for suffix in ["", "-wal", "-shm"] {
            let attributes = try FileManager.default.attributesOfItem(atPath: path + suffix)
            #expect((attributes[.posixPermissions] as? Int) == 0o600, "\(suffix)")
        }
    }

    @Test func aNewDatabaseAppearsOnlyWhenItsFirstWriteSucceeds() throws {
        struct Refused: Error {}
        let folder = try temporaryFolder()
        let path = folder.appendingPathComponent("new.sqlite").path
        let files = { try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() }
        // A failing first write leaves nothing behind.
        #expect(throws: Refused.self) {
            try AppDatabase.write(creatingAt: path) { store in
                _ = try store.add(try draft(uid: "a"))
                throw Refused()
            }
        }
        #expect(try files() == [])
        // A successful one leaves the database alone in its folder, holding what was written.
        let id = try AppDatabase.write(creatingAt: path) { store in try store.add(try draft(uid: "a")).id }
        #expect(try files() == ["new.sqlite"])
        #expect(try AppDatabase.open(path: path, access: .read).commitment(id: try #require(id)).uid == "a")
        // Built without a journal on disk, it is published in WAL mode like every database.
        let queue = try DatabaseQueue(path: path)
        #expect(try queue.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") } == "wal")
        #expect(try queue.read { try String.fetchOne($0, sql: "PRAGMA integrity_check") } == "ok")
        try queue.close()
        // An existing database is written in place.
        try AppDatabase.write(creatingAt: path) { store in _ = try store.add(try draft(uid: "b")) }
        #expect(try AppDatabase.open(path: path, access: .read).count() == 2)
    }

    @Test func stagingFilesOfKilledProcessesAreRemovedNotThoseOfLiveOnes() throws {
        let folder = try temporaryFolder()
        // A process id that no process has (beyond pid_max), and this process's own.
        let dead = folder.appendingPathComponent(".new.sqlite.new-99999999-1").path
        let live = folder.appendingPathComponent(".new.sqlite.new-\(getpid())-2").path
        for file in [dead, dead + "-wal", live] { _ = FileManager.default.createFile(atPath: file, contents: Data("x".utf8)) }
        try AppDatabase.write(creatingAt: folder.appendingPathComponent("new.sqlite").path) { store in
            _ = try store.add(try draft(uid: "a"))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
                == [".new.sqlite.new-\(getpid())-2", "new.sqlite"])
    }

    @Test func readsNeverCreateADatabase() throws {
        let path = try temporaryFolder().appendingPathComponent("missing.sqlite").path
        #expect(throws: StoreError.noDatabase(path)) { try AppDatabase.open(path: path, access: .read) }
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func anotherApplicationsDatabaseIsNotTouched() throws {
        let path = try temporaryFolder().appendingPathComponent("other.sqlite").path
        let queue = try DatabaseQueue(path: path)
        try queue.write { try $0.execute(sql: "CREATE TABLE notes (body TEXT)") }
        try queue.close()
        #expect(throws: StoreError.notADatabase(path)) { try AppDatabase.open(path: path, access: .write) }
    }

    @Test func randomBytesAreNotADatabase() throws {
        let path = try temporaryFolder().appendingPathComponent("random.sqlite").path
        try Data((0..<4096).map { _ in UInt8.random(in: 0...255) }).write(to: URL(fileURLWithPath: path))
        #expect(throws: StoreError.notADatabase(path)) { try AppDatabase.open(path: path, access: .write) }
    }
}

@Suite struct ConstraintTests {
    @Test(arguments: [
        "made_on = '2023-02-31'", "status = 'done'", "due = 'soon'", "title = '   '",
        "parties = '[]'", "parties = 'US'", "due_by = NULL", "due_by = '2023-01-31'",
    ])
    func theSchemaRejectsWhatTheDomainRejects(_ assignment: String) throws {
        // Given a stored commitment
        let store = try AppDatabase.makeEmpty()
        let id = try #require(try store.add(try draft()).id)
        // When a row is changed behind the domain's back, Then SQLite refuses it
        #expect(throws: StoreError.self) {
            try store.rawWrite("UPDATE commitment SET \(assignment) WHERE id = \(id)")
        }
    }

    @Test func historyIsAppendOnly() throws {
        let store = try AppDatabase.makeEmpty()
        _ = try store.add(try draft())
        #expect(throws: StoreError.self) { try store.rawWrite("UPDATE progress_update SET note = 'rewritten'") }
    }
}

@Suite struct WriteTests {
    @Test func aStatusChangeAndItsHistoryRowCommitTogether() throws {
        // Given a stored commitment
        let store = try AppDatabase.makeEmpty()
        let id = try #require(try store.add(try draft()).id)
        // When an update is recorded
        try store.change(id: id) { commitment in
            try commitment.record(status: .inProgress, note: "Crossings reopened", on: try day("2024-01-05"),
                                  source: "https://example.org", reopen: false, today: try day("2024-06-01"))
        }
        // Then status and history agree
        let stored = try store.commitment(id: id)
        #expect(stored.status == .inProgress)
        #expect(stored.history.count == 2)
        #expect(stored.history[1].fromStatus == .unassessed)
        #expect(stored.history[1].source == "https://example.org")
        #expect(stored.lastUpdateOn == (try day("2024-01-05")))
    }

    @Test func aRefusedChangeWritesNothing() throws {
        let store = try AppDatabase.makeEmpty()
        let id = try #require(try store.add(try draft()).id)
        #expect(throws: AccordError.finalStatusNeedsNote(.fulfilled)) {
            try store.change(id: id) { commitment in
                try commitment.record(status: .fulfilled, note: nil, on: try day("2024-01-05"), source: nil,
                                      reopen: false, today: try day("2024-06-01"))
            }
        }
        #expect(try store.commitment(id: id).history.count == 1)
        #expect(throws: StoreError.unknownID(99)) { try store.commitment(id: 99) }
    }

    @Test func importIsAllOrNothing() throws {
        // Given a store with one commitment
        let store = try AppDatabase.makeEmpty()
        _ = try store.add(try draft(uid: "kept"))
        // When an import fails on its third record
        #expect(throws: StoreError.duplicateUID("kept", place: "line 3")) {
            try store.importCommitments(policy: .fail) { insert in
                try insert(try draft(uid: "new-1"), "line 1")
                try insert(try draft(uid: "new-2"), "line 2")
                try insert(try draft(uid: "kept"), "line 3")
            }
        }
        // Then nothing of it was stored
        #expect(try store.count() == 1)
    }

    @Test func existingUIDsAreSkippedOrReplacedKeepingTheirID() throws {
        let store = try AppDatabase.makeEmpty()
        let id = try #require(try store.add(try draft(uid: "a")).id)
        var summary = try store.importCommitments(policy: .skip) { insert in
            try insert(try draft("Changed", uid: "a"), "record 1")
            try insert(try draft(uid: "b"), "record 2")
        }
        #expect(summary == .init(inserted: 1, skipped: 1, replaced: 0))
        #expect(try store.commitment(id: id).title == "Reopen the crossings")
        summary = try store.importCommitments(policy: .replace) { insert in
            try insert(try draft("Changed", uid: "a"), "record 1")
        }
        #expect(summary == .init(inserted: 0, skipped: 0, replaced: 1))
        #expect(try store.commitment(id: id).title == "Changed")
        #expect(try store.count() == 2)
    }

    @Test func anImportedIDIsKeptWhenFree() throws {
        let store = try AppDatabase.makeEmpty()
        var commitment = try draft(uid: "x")
        commitment.id = 42
        _ = try store.importCommitments(policy: .fail) { insert in try insert(commitment, "record 1") }
        #expect(try store.commitment(id: 42).uid == "x")
        // A later add never reuses or renumbers it.
        #expect(try store.add(try draft(uid: "y")).id == 43)
    }
}

@Suite struct QueryTests {
    func titles(_ store: AppDatabase, _ filter: CommitmentFilter) throws -> [String] {
        var titles: [String] = []
        try store.forEachCommitment(matching: filter) { titles.append($0.title) }
        return titles
    }

    @Test func searchTreatsWildcardsAndQuotesAsText() throws {
        let store = try AppDatabase.makeEmpty()
        for title in ["100% reopened", "1000 reopened", "under_score", "underXscore", "it's -- done", "plain"] {
            _ = try store.add(try draft(title))
        }
        var filter = CommitmentFilter()
        filter.search = "100%"
        #expect(try titles(store, filter) == ["100% reopened"])
        filter.search = "under_"
        #expect(try titles(store, filter) == ["under_score"])
        filter.search = "'s --"
        #expect(try titles(store, filter) == ["it's -- done"])
        filter.search = "%"
        #expect(try titles(store, filter) == ["100% reopened"])
    }

    @Test func filtersCombineStatusPartyAndOverdue() throws {
        let store = try AppDatabase.makeEmpty()
        _ = try store.add(try draft("late US", due: "2024-01", party: "US"))
        _ = try store.add(try draft("later MX", due: "2024-03", party: "MX"))
        _ = try store.add(try draft("earliest MX", due: "2023-12", party: "MX"))
        _ = try store.add(try draft("done", due: "2023-12", party: "MX", status: .fulfilled))
        _ = try store.add(try draft("no deadline", due: nil, party: "MX"))
        var filter = CommitmentFilter()
        filter.overdueOn = try day("2024-04-01")
        #expect(try titles(store, filter) == ["earliest MX", "late US", "later MX"])
        filter.party = "mx"
        #expect(try titles(store, filter) == ["earliest MX", "later MX"])
        filter.overdueOn = try day("2024-01-31")
        #expect(try titles(store, filter) == ["earliest MX"])
        var byStatus = CommitmentFilter()
        byStatus.statuses = [.fulfilled, .stalled]
        #expect(try titles(store, byStatus) == ["done"])
    }

    @Test func theStoreAndTheDomainAgreeOnWhatIsOverdue() throws {
        let store = try AppDatabase.makeEmpty()
        for (index, due) in ["2024-01", "2024-01-31", "2024-02-01", "+35d", "2024-Q1", "2024"].enumerated() {
            for status in Status.allCases {
                _ = try store.add(try draft("c\(index)-\(status)", due: due, status: status))
            }
        }
        for asOf in ["2024-01-31", "2024-02-01", "2024-02-02", "2024-04-01", "2025-01-01"] {
            var all: [Commitment] = []
            try store.forEachCommitment(matching: CommitmentFilter()) { all.append($0) }
            var filter = CommitmentFilter()
            filter.overdueOn = try day(asOf)
            let expected = all.filter { $0.isOverdue(on: try! day(asOf)) }.map(\.title).sorted()
            #expect(try titles(store, filter).sorted() == expected, "as of \(asOf)")
        }
    }

    @Test func theOverdueReportIsOneIndexedQueryWithoutASortStep() throws {
        let store = try AppDatabase.makeEmpty()
        var filter = CommitmentFilter()
        filter.overdueOn = try day("2024-04-01")
        let plan = try store.queryPlan(for: filter)
        #expect(plan.contains("commitment_open_due"), "\(plan)")
        #expect(!plan.contains("TEMP B-TREE"), "\(plan)")
    }
}

@Suite struct QueryPlanTests {
    @Test func historiesAreOneIndexedRangeSearchNeverAScan() throws {
        let store = try AppDatabase.makeEmpty()
        let plan = try store.queryPlan(sql: AppDatabase.historySQL, arguments: [1, 1025])
        #expect(plan.contains("SEARCH progress_update USING INDEX progress_update_commitment"), "\(plan)")
        #expect(!plan.contains("SCAN"), "\(plan)")
        #expect(!plan.contains("TEMP B-TREE"), "\(plan)")
    }

    @Test func theDueWindowUsesTheOpenDeadlineIndexInOrder() throws {
        let store = try AppDatabase.makeEmpty()
        var filter = CommitmentFilter()
        filter.dueBetween = try day("2024-01-01")...day("2024-03-01")
        let plan = try store.queryPlan(for: filter)
        #expect(plan.contains("commitment_open_due"), "\(plan)")
        #expect(!plan.contains("TEMP B-TREE"), "\(plan)")
    }

    @Test func exportsReadCommitmentsInPrimaryKeyOrderWithoutSorting() throws {
        let store = try AppDatabase.makeEmpty()
        let plan = try store.queryPlan(for: CommitmentFilter())
        #expect(!plan.contains("TEMP B-TREE"), "\(plan)")
    }
}

@Suite struct RowStreamTests {
    /// Each streamed commitment's id and history, as text.
    func streamed(_ store: AppDatabase, _ filter: CommitmentFilter) throws -> [String] {
        var lines: [String] = []
        try store.forEachRow(matching: filter, includeHistory: true) { row, history in
            let entries = history.map { update in
                [String(decoding: update.on, as: UTF8.self), update.fromStatus.map { String(decoding: $0, as: UTF8.self) } ?? "-",
                 update.toStatus.map { String(decoding: $0, as: UTF8.self) } ?? "-", String(decoding: update.note, as: UTF8.self)]
                    .joined(separator: " ")
            }
            lines.append("\(row.id): " + entries.joined(separator: " | "))
        }
        return lines
    }

    /// The same, one commitment at a time through the domain.
    func loaded(_ store: AppDatabase, _ filter: CommitmentFilter) throws -> [String] {
        var lines: [String] = []
        try store.forEachCommitment(matching: filter, includeHistory: true) { commitment in
            let entries = commitment.history.map { update in
                [update.on.description, update.fromStatus?.rawValue ?? "-", update.toStatus?.rawValue ?? "-", update.note]
                    .joined(separator: " ")
            }
            lines.append("\(commitment.id ?? 0): " + entries.joined(separator: " | "))
        }
        return lines
    }

    @Test func everyStreamedCommitmentGetsExactlyItsOwnHistoryAcrossSearchWindows() throws {
        // Given commitments whose ids lie in several history windows, far apart, some with
        // updates recorded long after later commitments' (rows interleaved in the table)
        let store = try AppDatabase.makeEmpty()
        let ids: [Int64] = [1, 2, 3, AppDatabase.historyWindow - 1, AppDatabase.historyWindow,
                            AppDatabase.historyWindow + 1, 3 * AppDatabase.historyWindow + 7, 10_000]
        _ = try store.importCommitments(policy: .fail) { insert in
            for (index, id) in ids.enumerated() {
                var commitment = try draft("Commitment \(index)", uid: "u\(index)", due: index % 2 == 0 ? "2024-01" : nil)
                commitment.id = id
                try insert(commitment, "record \(index + 1)")
            }
        }
        let statuses: [Status] = [.notStarted, .inProgress, .stalled]
        for (round, status) in statuses.enumerated() {
            for id in ids.reversed() where (id + Int64(round)) % 3 != 0 {
                try store.change(id: id) { commitment in
                    try commitment.record(status: status, note: "round \(round) of \(id)", on: try day("2024-02-0\(round + 1)"),
                                          source: nil, reopen: false, today: try day("2024-06-01"))
                }
            }
        }
        // When every commitment is streamed, and when a filter leaves some out
        var onlyStalled = CommitmentFilter()
        onlyStalled.statuses = [.stalled]
        var overdue = CommitmentFilter()
        overdue.overdueOn = try day("2025-01-01")
        for filter in [CommitmentFilter(), onlyStalled, overdue] {
            // Then each comes with exactly the history the domain loads for it
            let expected = try loaded(store, filter)
            #expect(!expected.isEmpty)
            #expect(try streamed(store, filter) == expected)
        }
        #expect(try streamed(store, CommitmentFilter()).count == ids.count)
    }

    /// A store with `count` commitments, each with a quote long enough that a few hundred of
    /// them fill one of the batches handed between the reading and the formatting thread.
    func storeWithLongRows(_ count: Int) throws -> AppDatabase {
        let store = try AppDatabase.makeEmpty()
        let quote = String(repeating: "They agreed to reopen the crossings. ", count: 30)
        _ = try store.importCommitments(policy: .fail) { insert in
            for index in 0..<count {
                var commitment = try draft("Commitment \(index)", uid: "u\(index)")
                commitment.quote = quote + "\(index)"
                try insert(commitment, "record \(index + 1)")
            }
        }
        return store
    }

    @Test func rowsCrossingManyBatchesArriveWholeAndInOrder() throws {
        // Given far more rows than one batch holds
        let store = try storeWithLongRows(1500)
        // When they are streamed
        var ids: [Int64] = []
        var quotesAreWhole = true
        try store.forEachRow(matching: CommitmentFilter(), includeHistory: true) { row, history in
            ids.append(row.id)
            quotesAreWhole = quotesAreWhole && String(decoding: row.quote, as: UTF8.self).hasSuffix("\(row.id - 1)")
                && history.count == 1
        }
        // Then every row comes once, in order, with its own fields
        #expect(ids == Array(1...1500))
        #expect(quotesAreWhole)
    }

    @Test func aFailingCallbackStopsTheStreamAndLeavesTheStoreUsable() throws {
        struct Stop: Error {}
        let store = try storeWithLongRows(1500)
        var seen = 0
        #expect(throws: Stop.self) {
            try store.forEachRow(matching: CommitmentFilter(), includeHistory: true) { _, _ in
                seen += 1
                if seen == 700 { throw Stop() }
            }
        }
        #expect(seen == 700)
        // The reading thread has stopped and the connection is free again.
        #expect(try store.count() == 1500)
        #expect(try store.add(try draft(uid: "after")).id == 1501)
    }
}

import AccordCore
import AccordRows
import AccordStore
import Foundation
import Testing

/// The rules every ``CommitmentStore`` keeps, run on each backend: the same calls must give
/// the same results on SQLite and on PostgreSQL.
@Suite struct StoreContractTests {
    let today = try! CalendarDate(parsing: "2025-01-01")

    @Test(arguments: Backend.available)
    func addGivesGaplessIDsAndReadsBackEveryField(backend: Backend) throws {
        // Given an empty store
        let store = try backend.makeStore()
        // When two commitments are added
        var first = try draft("First", uid: "first")
        first.quote = "a \"quoted\"\tline\nand a backslash \\ é"
        first.tags = ["border", "ünïcode"]
        let added = try store.add(first)
        let second = try store.add(try draft("Second", due: nil))
        // Then the ids are 1 and 2, and every field reads back as it was written
        #expect(added.id == 1)
        #expect(second.id == 2)
        #expect(try store.commitment(id: 1) == added)
        #expect(try store.commitment(id: 2) == second)
        #expect(try store.count() == 2)
        #expect(try store.firstMadeOn() == (try day("2023-12-27")))
    }

    @Test(arguments: Backend.available)
    func aKeptIDIsUsedWhenFreeAndTheNextIDsNeverGoBackOrRepeat(backend: Backend) throws {
        // Given an empty store
        let store = try backend.makeStore()
        // When commitments come with ids (free, then taken, then free below the highest) and without
        let ids = try [
            draft("Kept", uid: "kept", id: 5), draft("Taken", uid: "taken", id: 5), draft("Next", uid: "next"),
            draft("Below", uid: "below", id: 3), draft("After", uid: "after"),
        ].map { try store.add($0).id }
        // Then a free id is kept, a taken one gets the next, and the next never goes back
        #expect(ids == [5, 6, 7, 3, 8])
        #expect(try store.count() == 5)
    }

    @Test(arguments: Backend.available)
    func anUnknownIDIsAnErrorForReadsAndChanges(backend: Backend) throws {
        let store = try backend.makeStore()
        #expect(throws: StoreError.unknownID(9)) { try store.commitment(id: 9) }
        #expect(throws: StoreError.unknownID(9)) {
            try store.change(id: 9) { try $0.record(status: nil, note: "x", on: today, source: nil, reopen: false, today: today) }
        }
        #expect(throws: StoreError.unknownID(9)) { try store.forEachUpdate(since: nil, until: nil, commitmentId: 9, newestFirst: false, limit: nil) { _ in } }
        #expect(try store.firstMadeOn() == nil)
    }

    @Test(arguments: Backend.available)
    func changesAreStoredWithTheirEntryAndHistoryReadsInDateOrder(backend: Backend) throws {
        // Given a commitment with a status change, then a note dated before it
        let store = try backend.makeStore()
        let id = try #require(try store.add(try draft()).id)
        try store.change(id: id) {
            try $0.record(status: .inProgress, note: "started", on: try day("2024-01-10"), source: "https://a", reopen: false, today: today)
        }
        try store.change(id: id) {
            try $0.record(status: nil, note: "earlier news", on: try day("2024-01-05"), source: nil, reopen: false, today: today)
        }
        // A change that a rule refuses stores nothing
        #expect(throws: AccordError.self) {
            try store.change(id: id) {
                try $0.record(status: .inProgress, note: nil, on: try day("2024-01-11"), source: nil, reopen: false, today: today)
            }
        }
        // When it is read back
        let stored = try store.commitment(id: id)
        // Then its history is in date order and its status the last change's
        #expect(stored.history.map(\.note) == ["created", "earlier news", "started"])
        #expect(stored.status == .inProgress)
        #expect(stored.statusChangedOn == (try day("2024-01-10")))
        var log: [String] = []
        try store.forEachUpdate(since: try day("2024-01-01"), until: nil, commitmentId: nil, newestFirst: false, limit: nil) { log.append($0.update.note) }
        #expect(log == ["earlier news", "started"])
    }

    @Test(arguments: Backend.available)
    func importsKeepFreeIDsAndNeverGiveOutATakenOneAgain(backend: Backend) throws {
        // Given a store holding id 1
        let store = try backend.makeStore()
        _ = try store.add(try draft("Stored", uid: "stored"))
        // When a file asks for id 1 (taken), 10, none, 3, and none
        let summary = try store.importCommitments(policy: .fail) { insert in
            try insert(try draft("A", uid: "a", id: 1), "record 1")
            try insert(try draft("B", uid: "b", id: 10), "record 2")
            try insert(try draft("C", uid: "c"), "record 3")
            try insert(try draft("D", uid: "d", id: 3), "record 4")
            try insert(try draft("E", uid: "e"), "record 5")
        }
        // Then free ids are kept, the others follow the highest id given out, as AUTOINCREMENT does
        #expect(summary == ImportSummary(inserted: 5))
        var ids: [String: Int64] = [:]
        try store.forEachCommitment(matching: CommitmentFilter(), asOf: nil, includeHistory: false) { ids[$0.uid] = $0.id }
        #expect(ids == ["stored": 1, "a": 2, "b": 10, "c": 11, "d": 3, "e": 12])
        #expect(try store.add(try draft("Next")).id == 13)
    }

    @Test(arguments: Backend.available)
    func anImportIsAllOrNothingAndNamesTheFirstBadRecord(backend: Backend) throws {
        // Given a stored uid
        let store = try backend.makeStore()
        _ = try store.add(try draft("Stored", uid: "taken"))
        // When a file repeats it in record 2 and breaks down in record 3
        #expect(throws: StoreError.duplicateUID("taken", place: "record 2")) {
            try store.importCommitments(policy: .fail) { insert in
                try insert(try draft("A", uid: "new-a"), "record 1")
                try insert(try draft("B", uid: "taken"), "record 2")
                throw AccordError.malformedFile(place: "record 3", reason: "bad")
            }
        }
        // And a file repeating one of its own uids
        #expect(throws: StoreError.duplicateInFile("uid", "x", place: "line 3")) {
            try store.importCommitments(policy: .fail) { insert in
                try insert(try draft("X", uid: "x"), "line 2")
                try insert(try draft("X again", uid: "x"), "line 3")
            }
        }
        // Then nothing of either file was stored
        #expect(try store.count() == 1)
        #expect(try store.add(try draft("Next")).id == 2)
    }

    @Test(arguments: Backend.available)
    func importPoliciesSkipOrMergeStoredCommitmentsKeepingTheirHistory(backend: Backend) throws {
        // Given a stored commitment with an update
        let store = try backend.makeStore()
        let id = try #require(try store.add(try draft("Old title", uid: "same")).id)
        try store.change(id: id) {
            try $0.record(status: .inProgress, note: "going", on: try day("2024-01-04"), source: nil, reopen: false, today: today)
        }
        let file = try draft("New title", uid: "same")
        // When the file is imported with --skip-existing, then with --replace
        let skipped = try store.importCommitments(policy: .skip) { try $0(file, "line 2") }
        let replaced = try store.importCommitments(policy: .update(on: today)) { insert in
            try insert(file, "line 2")
            try insert(try draft("Fresh", uid: "fresh"), "line 3")
        }
        // Then skip kept it, and replace changed it by entries dated that day, keeping the history
        #expect(skipped == ImportSummary(skipped: 1))
        #expect(replaced == ImportSummary(inserted: 1, replaced: 1))
        let stored = try store.commitment(id: id)
        #expect(stored.title == "New title")
        #expect(stored.history.prefix(2).map(\.note) == ["created", "going"])
        #expect(stored.history.count > 2)
        #expect(stored.history.dropFirst(2).allSatisfy { $0.on == today })
        #expect(try store.commitment(id: 2).uid == "fresh")
    }

    @Test(arguments: Backend.available)
    func aFailingCallbackStopsTheStreamAndLeavesTheStoreUsable(backend: Backend) throws {
        // Given more rows than one batch holds (on SQLite the reading thread must stop and
        // free the connection; on PostgreSQL the batch being fetched must end and the
        // transaction with its cursor roll back)
        struct Stop: Error {}
        let store = try backend.makeStore()
        let quote = String(repeating: "They agreed to reopen the crossings. ", count: 50)
        _ = try store.importCommitments(policy: .fail) { insert in
            for index in 0..<6000 {
                var commitment = try draft("Commitment \(index)", uid: "u\(index)")
                commitment.quote = quote + "\(index)"
                try insert(commitment, "record \(index + 1)")
            }
        }
        // When the callback fails at the 700th row
        var seen = 0
        #expect(throws: Stop.self) {
            try store.forEachRow(matching: CommitmentFilter(), asOf: nil, includeHistory: true) { _ in
                seen += 1
                if seen == 700 { throw Stop() }
            }
        }
        // Then no row came after it, and the store reads and writes again
        #expect(seen == 700)
        #expect(try store.count() == 6000)
        #expect(try store.add(try draft(uid: "after")).id == 6001)
        var ids: [Int64] = []
        try store.forEachRow(matching: CommitmentFilter(), asOf: nil, includeHistory: false) { ids.append($0.id) }
        #expect(ids == Array(1...6001))
    }

    @Test(arguments: Backend.available)
    func aRowReadForSomeFieldsHoldsThemAndAPastDayReadsEveryField(backend: Backend) throws {
        // Given a commitment whose status changed after it was made
        let store = try backend.makeStore()
        _ = try store.add(try draft("Reopen the crossings"))
        _ = try store.change(id: 1) { commitment in
            try commitment.record(status: .inProgress, note: "Started", on: try day("2024-02-01"), source: nil,
                                  reopen: false, today: try day("2025-01-01"))
        }
        let whole = try store.commitment(id: 1)
        func read(asOf day: CalendarDate?) throws -> [String?] {
            var texts: [String?] = []
            try store.forEachRow(matching: CommitmentFilter(), asOf: day, includeHistory: false,
                                 reading: [.title, .dueBy, .status]) { row in
                texts = CommitmentColumn.allCases.map { row.text($0) }
            }
            return texts
        }
        // When it is read for three fields
        let today = try read(asOf: nil)
        // Then those hold their stored text, and any other is its text or NULL (PostgreSQL
        // leaves them out, SQLite reads them anyway)
        for column in CommitmentColumn.allCases {
            let index = column.rawValue
            if [.title, .dueBy, .status].contains(column) || backend == .sqlite {
                #expect(today[index] == whole.storedText(column), "\(column.name)")
            } else {
                #expect(today[index] == nil, "\(column.name)")
            }
        }
        // And on a day before the change, every field is read, to replay the commitment
        let before = try read(asOf: try day("2024-01-15"))
        #expect(before[CommitmentColumn.status.rawValue] == "unassessed")
        #expect(before[CommitmentColumn.uid.rawValue] == whole.uid)
        #expect(before[CommitmentColumn.parties.rawValue] == whole.storedText(.parties))
    }

    @Test(arguments: Backend.available)
    func filtersFoldCaseAndAccentsAndMatchWildcardsAsText(backend: Backend) throws {
        let store = try backend.makeStore()
        _ = try store.add(try draft("Cut tariffs by 100% on Éclairs", party: "US"))
        _ = try store.add(try draft("Cut tariffs by 1000 on eclairs", party: "MX"))
        func ids(_ filter: CommitmentFilter) throws -> [Int64] {
            var ids: [Int64] = []
            try store.forEachRow(matching: filter, asOf: nil, includeHistory: false) { ids.append($0.id) }
            return ids
        }
        var filter = CommitmentFilter()
        filter.search = "100%"
        #expect(try ids(filter) == [1])
        filter.search = "ÉCLAIRS"
        #expect(try ids(filter) == [1, 2])
        filter.search = "eclair"
        #expect(try ids(filter) == [1, 2])
        filter.search = "eclair "
        #expect(try ids(filter) == [])
        filter = CommitmentFilter()
        filter.parties = ["us"]
        #expect(try ids(filter) == [1])
        filter.parties = ["us", "Mx"]
        #expect(try ids(filter) == [1, 2])
    }
}

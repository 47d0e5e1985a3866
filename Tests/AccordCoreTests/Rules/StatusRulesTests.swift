import Testing
@testable import AccordCore

@Suite struct StatusRulesTests {
    let today = CalendarDate(year: 2024, month: 6, day: 1)!

    @Test func statusVocabularyIsClosedAndSplitIntoOpenAndFinal() throws {
        #expect(Status.allCases.count == 9)
        #expect(Status.openStatuses.map(\.rawValue) == ["unassessed", "not-started", "in-progress", "stalled"])
        #expect(throws: AccordError.unknownStatus("done")) { try Status(parsing: "done") }
    }

    @Test func aFinalStatusNeedsANote() throws {
        var commitment = try makeCommitment()
        #expect(throws: AccordError.finalStatusNeedsNote(.fulfilled)) {
            try commitment.record(status: .fulfilled, note: nil, on: try day("2024-01-10"), source: nil, reopen: false, today: today)
        }
        #expect(commitment.history.count == 1)
        #expect(commitment.status == .unassessed)
    }

    @Test func leavingAFinalStatusNeedsReopen() throws {
        var commitment = try makeCommitment()
        _ = try commitment.record(status: .broken, note: "Closed again", on: try day("2024-02-01"), source: nil, reopen: false, today: today)
        #expect(throws: AccordError.reopenRequired(.broken, .inProgress)) {
            try commitment.record(status: .inProgress, note: nil, on: try day("2024-03-01"), source: nil, reopen: false, today: today)
        }
        // Leaving a verdict needs its reason too.
        #expect(throws: AccordError.reopenNeedsNote(.broken)) {
            try commitment.record(status: .inProgress, note: nil, on: try day("2024-03-01"), source: "url", reopen: true, today: today)
        }
        let update = try commitment.record(
            status: .inProgress, note: "Reopened after all", on: try day("2024-03-01"), source: "url", reopen: true, today: today)
        #expect(update.fromStatus == .broken)
        #expect(update.toStatus == .inProgress)
        #expect(commitment.status == .inProgress)
        #expect(commitment.statusChangedOn == (try day("2024-03-01")))
    }

    @Test func settingTheSameStatusOrReopeningAnOpenOneIsRefused() throws {
        var commitment = try makeCommitment()
        #expect(throws: AccordError.sameStatus(.unassessed)) {
            try commitment.record(status: .unassessed, note: "x", on: try day("2024-01-10"), source: nil, reopen: false, today: today)
        }
        #expect(throws: AccordError.reopenNotFinal(.unassessed)) {
            try commitment.record(status: .inProgress, note: nil, on: try day("2024-01-10"), source: nil, reopen: true, today: today)
        }
        #expect(throws: AccordError.emptyUpdate) {
            try commitment.record(status: nil, note: "  ", on: try day("2024-01-10"), source: nil, reopen: false, today: today)
        }
    }

    @Test func updatesAreDatedBetweenTheCommitmentAndToday() throws {
        var commitment = try makeCommitment()
        let future = AccordError.dateInFuture("update date", try day("2024-06-02"), today)
        #expect(throws: future) {
            try commitment.record(status: nil, note: "x", on: try day("2024-06-02"), source: nil, reopen: false, today: today)
        }
        let early = AccordError.updateBeforeMadeOn(try day("2023-12-26"), try day("2023-12-27"))
        #expect(throws: early) {
            try commitment.record(status: nil, note: "x", on: try day("2023-12-26"), source: nil, reopen: false, today: today)
        }
    }

    @Test func aNoteAloneKeepsTheStatusAndMovesTheLastUpdate() throws {
        var commitment = try makeCommitment()
        let update = try commitment.record(status: nil, note: "Talks continue", on: try day("2024-01-05"), source: nil, reopen: false, today: today)
        #expect(update.fromStatus == nil && update.toStatus == nil)
        #expect(commitment.status == .unassessed)
        #expect(commitment.lastUpdateOn == (try day("2024-01-05")))
        #expect(commitment.statusChangedOn == (try day("2023-12-27")))
    }
}

import Testing
@testable import AccordCore

/// A commitment made on 2023-12-27 with the given deadline.
func makeCommitment(due: String? = "2024-01", status: Status = .unassessed) throws -> Commitment {
    var draft = NewCommitment(title: "Reopen the crossings", madeOn: try CalendarDate(parsing: "2023-12-27"))
    draft.parties = ["US", "MX"]
    draft.owners = ["Antony Blinken"]
    draft.due = due
    draft.status = status
    return try Commitment.make(draft, today: try CalendarDate(parsing: "2025-01-01"))
}

func day(_ text: String) throws -> CalendarDate { try CalendarDate(parsing: text) }

@Suite struct OverdueTests {
    @Test func monthPrecisionDueDateIsNotOverdueOnItsLastDay() throws {
        let commitment = try makeCommitment(due: "2024-01")
        #expect(commitment.daysOverdue(on: try day("2024-01-31")) == nil)
        #expect(commitment.daysOverdue(on: try day("2024-02-01")) == 1)
        #expect(commitment.daysOverdue(on: try day("2024-03-01")) == 30)
    }

    @Test func quarterAndRelativeDeadlinesTurnOverdueTheDayAfter() throws {
        let quarter = try makeCommitment(due: "2024-Q1")
        #expect(!quarter.isOverdue(on: try day("2024-03-31")))
        #expect(quarter.daysOverdue(on: try day("2024-04-01")) == 1)
        let relative = try makeCommitment(due: "+90d")
        #expect(!relative.isOverdue(on: try day("2024-03-26")))
        #expect(relative.daysOverdue(on: try day("2024-03-27")) == 1)
    }

    @Test func finalStatusesAndMissingDeadlinesAreNeverOverdue() throws {
        for status in Status.finalStatuses {
            #expect(!(try makeCommitment(status: status)).isOverdue(on: try day("2030-01-01")))
        }
        for status in Status.openStatuses {
            #expect(try makeCommitment(status: status).isOverdue(on: try day("2030-01-01")))
        }
        #expect(!(try makeCommitment(due: nil)).isOverdue(on: try day("2030-01-01")))
    }

    @Test func scheduleSeparatesOnTimeFromLate() throws {
        var onTime = try makeCommitment(due: "2024-01")
        _ = try onTime.record(status: .fulfilled, note: "Reopened", on: try day("2024-01-31"), source: nil,
                              reopen: false, today: try day("2024-06-01"))
        #expect(onTime.schedule(on: try day("2024-06-01")) == .onTime)
        var late = try makeCommitment(due: "2024-01")
        _ = try late.record(status: .fulfilled, note: "Reopened", on: try day("2024-02-01"), source: nil,
                            reopen: false, today: try day("2024-06-01"))
        #expect(late.schedule(on: try day("2024-06-01")) == .late)
        let open = try makeCommitment(due: "2024-01")
        #expect(open.schedule(on: try day("2024-01-01")) == .dueSoon)
        #expect(open.schedule(on: try day("2023-12-28")) == .upcoming)
        #expect(open.schedule(on: try day("2024-02-01")) == .overdue)
        #expect(try makeCommitment(due: nil).schedule(on: try day("2024-02-01")) == .noDeadline)
        #expect(try makeCommitment(status: .broken).schedule(on: try day("2024-02-01")) == .closed)
    }
}

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
        let update = try commitment.record(status: .inProgress, note: nil, on: try day("2024-03-01"), source: "url", reopen: true, today: today)
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

@Suite struct EditAndFieldTests {
    @Test func editsKeepTheOldValuesInTheHistory() throws {
        var commitment = try makeCommitment(due: "2024-01")
        var edit = CommitmentEdit()
        edit.due = .some("2024-02")
        edit.title = "Reopen all crossings"
        edit.note = "Visit postponed"
        let update = try commitment.edit(edit, on: try day("2024-01-20"))
        #expect(commitment.due?.dueBy.description == "2024-02-29")
        #expect(update.note.contains("'2024-01' → '2024-02'"))
        #expect(update.note.contains("'Reopen the crossings' → 'Reopen all crossings'"))
        #expect(update.note.hasSuffix("Visit postponed"))
        #expect(commitment.history.count == 2)
    }

    @Test func anEditThatChangesNothingIsRefused() throws {
        var commitment = try makeCommitment(due: "2024-01")
        var edit = CommitmentEdit()
        edit.due = .some("2024-01")
        edit.parties = ["US", "MX"]
        #expect(throws: AccordError.noChanges) { try commitment.edit(edit, on: try day("2024-01-20")) }
    }

    @Test func removingTheDeadlineIsAnEdit() throws {
        var commitment = try makeCommitment(due: "2024-01")
        var edit = CommitmentEdit()
        edit.due = .some(nil)
        let update = try commitment.edit(edit, on: try day("2024-01-20"))
        #expect(commitment.due == nil)
        #expect(update.note == "edited due: '2024-01' → (none)")
    }

    @Test func titlesMustBeOneShortNonEmptyLine() throws {
        #expect(throws: AccordError.emptyField("title")) { try Field.checkedTitle("   ") }
        let huge = String(repeating: "x", count: 1 << 20)
        #expect(throws: AccordError.fieldTooLong("title", 1 << 20, 500)) { try Field.checkedTitle(huge) }
        #expect(throws: AccordError.invalidCharacters("title", "a\u{0}b")) { try Field.checkedTitle("a\u{0}b") }
        #expect(throws: AccordError.invalidCharacters("title", "a\nb")) { try Field.checkedTitle("a\nb") }
        #expect(try Field.checkedTitle("  Reopen  ") == "Reopen")
    }

    @Test func lineAndParagraphSeparatorsAreRefusedButLettersThatShareTheirBytesAreNot() throws {
        // U+2028/2029 are E2 80 A8/A9; è, é and 訳 end in the same A8/A9 byte.
        #expect(throws: AccordError.invalidCharacters("title", "a\u{2028}b")) { try Field.checkedTitle("a\u{2028}b") }
        #expect(throws: AccordError.invalidCharacters("title", "a\u{2029}b")) { try Field.checkedTitle("a\u{2029}b") }
        #expect(throws: AccordError.invalidCharacters("title", "a\u{85}b")) { try Field.checkedTitle("a\u{85}b") }
        for title in ["Très bien", "Réunion", "訳", "\u{2027}\u{202A}"] {
            #expect(try Field.checkedTitle(title) == title)
        }
    }

    @Test func listsRejectSeparatorsDuplicatesAndBlanks() {
        #expect(throws: AccordError.invalidCharacters("party", "US;MX")) { try Field.checkedList(["US;MX"], field: "party") }
        #expect(throws: AccordError.duplicateValue("party", "US")) { try Field.checkedList(["US", " US"], field: "party") }
        #expect(throws: AccordError.emptyField("tag")) { try Field.checkedList([""], field: "tag") }
        #expect(Field.splitList("US; MX;;") == ["US", "MX"])
    }

    @Test func aCommitmentNeedsAPartyAndAPastMadeOnDate() throws {
        var draft = NewCommitment(title: "t", madeOn: try day("2024-01-01"))
        #expect(throws: AccordError.missingParty) { try Commitment.make(draft, today: try day("2024-01-01")) }
        draft.parties = ["US"]
        let expected = AccordError.dateInFuture("made-on date", try day("2024-01-01"), try day("2023-12-31"))
        #expect(throws: expected) {
            try Commitment.make(draft, today: try day("2023-12-31"))
        }
        draft.uid = "has space"
        #expect(throws: AccordError.invalidUID("has space")) { try Commitment.make(draft, today: try day("2024-01-01")) }
    }

    @Test func messagesQuoteTheValueAndListWhatIsValid() {
        let message = AccordError.unknownStatus("done").description
        #expect(message.hasPrefix("unknown status 'done'; expected one of: unassessed, not-started"))
        #expect(!AccordError.invalidCharacters("title", "a\nb\u{0}").description.contains("\n"))
    }
}

import Testing
@testable import AccordCore

@Suite struct EditAndFieldTests {
    @Test func editsKeepTheOldValuesInTheHistory() throws {
        var commitment = try makeCommitment(due: "2024-01")
        var edit = CommitmentEdit()
        edit.due = .some("2024-02")
        edit.title = "Reopen all crossings"
        edit.note = "Visit postponed"
        let update = try commitment.edit(edit, on: try day("2024-01-20"), evidence: "https://example.org/moved", today: try day("2025-01-01"))
        #expect(commitment.due?.dueBy.description == "2024-02-29")
        #expect(update.changes == [
            FieldChange(field: .title, before: .text("Reopen the crossings"), after: .text("Reopen all crossings")),
            FieldChange(field: .due, before: .due(try Due(parsing: "2024-01", madeOn: commitment.madeOn)),
                        after: .due(try Due(parsing: "2024-02", madeOn: commitment.madeOn))),
        ])
        #expect(update.note == "Visit postponed")
        #expect(update.source == "https://example.org/moved")
        #expect(commitment.source == "", "the commitment's own source is not the edit's evidence")
        #expect(commitment.history.count == 2)
    }

    @Test func anEditThatChangesNothingIsRefused() throws {
        var commitment = try makeCommitment(due: "2024-01")
        var edit = CommitmentEdit()
        edit.due = .some("2024-01")
        edit.parties = ["US", "MX"]
        #expect(throws: AccordError.noChanges(["parties", "due"])) {
            try commitment.edit(edit, on: try day("2024-01-20"), today: try day("2025-01-01"))
        }
    }

    @Test func removingTheDeadlineIsAnEdit() throws {
        var commitment = try makeCommitment(due: "2024-01")
        var edit = CommitmentEdit()
        edit.due = .some(nil)
        let update = try commitment.edit(edit, on: try day("2024-01-20"), today: try day("2025-01-01"))
        #expect(commitment.due == nil)
        #expect(update.changes.map(\.field) == [.due])
        #expect(commitment.originalDue?.text == "2024-01")
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

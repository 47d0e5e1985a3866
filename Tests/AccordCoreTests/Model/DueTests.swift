import Testing
@testable import AccordCore

@Suite struct DueTests {
    let madeOn = CalendarDate(year: 2023, month: 12, day: 27)!

    @Test(arguments: [
        ("2024-01-15", "2024-01-15", Due.Precision.day),
        ("2024-01", "2024-01-31", .month),
        ("2024-02", "2024-02-29", .month),
        ("2023-02", "2023-02-28", .month),
        ("2024-Q1", "2024-03-31", .quarter),
        ("2024-Q2", "2024-06-30", .quarter),
        ("2024-Q4", "2024-12-31", .quarter),
        ("2024", "2024-12-31", .year),
        ("+90d", "2024-03-26", .relative),
        ("+1d", "2023-12-28", .relative),
        ("+2w", "2024-01-10", .relative),
        ("+2m", "2024-02-27", .relative),
    ])
    func resolvesToTheLastDayOfThePeriod(_ text: String, _ dueBy: String, _ precision: Due.Precision) throws {
        let due = try Due(parsing: text, madeOn: madeOn)
        #expect(due.dueBy.description == dueBy)
        #expect(due.precision == precision)
        #expect(due.text == text)
    }

    @Test(arguments: [
        "2024-02-30", "2024-13", "2024-00", "2024-Q5", "2024-Q0", "+0d", "+-5d", "+5", "+5y", "+d",
        "+05d", "+999999d", "24", "2024-1", "2024-q1", "Q1-2024", "January 2024", "", "+ 5d",
    ])
    func rejectsMalformedDeadlines(_ text: String) {
        #expect(throws: AccordError.invalidDue(text)) { try Due(parsing: text, madeOn: madeOn) }
    }

    @Test func aDeadlineBeforeTheCommitmentIsRefused() {
        #expect(throws: AccordError.dueBeforeMadeOn("2023-11", madeOn)) {
            try Field.checkedDue("2023-11", madeOn: madeOn)
        }
    }
}

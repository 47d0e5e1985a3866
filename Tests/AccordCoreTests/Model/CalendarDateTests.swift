import Testing
@testable import AccordCore

@Suite struct CalendarDateTests {
    @Test(arguments: ["2024-02-29", "2023-12-27", "0001-01-01", "9999-12-31", "2000-02-29"])
    func parsesRealDays(_ text: String) throws {
        #expect(try CalendarDate(parsing: text).description == text)
    }

    @Test(arguments: [
        "2023-02-29", "2024-02-30", "2024-00-10", "2024-13-01", "2024-04-31", "1900-02-29",
        "99999-01-01", "0000-01-01", "2023-2-3", " 2023-02-03", "2023-02-03 ", "2023/02/03",
        "+023-02-03", "2023-02-3x", "", "20230203",
    ])
    func rejectsImpossibleOrLooseDates(_ text: String) {
        #expect(throws: AccordError.invalidDate(text)) { try CalendarDate(parsing: text) }
    }

    @Test func dayNumbersRoundTripAcrossCenturies() throws {
        #expect(CalendarDate.epoch.dayNumber == 0)
        for number in stride(from: -700_000, through: 2_900_000, by: 997) {
            let date = try #require(CalendarDate(dayNumber: number))
            #expect(date.dayNumber == number)
        }
    }

    @Test func addingMonthsClampsToTheEndOfShorterMonths() throws {
        let date = try CalendarDate(parsing: "2024-01-31")
        #expect(date.adding(months: 1)?.description == "2024-02-29")
        #expect(date.adding(months: 13)?.description == "2025-02-28")
        #expect(date.adding(months: 3)?.description == "2024-04-30")
    }

    @Test func daysBetweenCountsCalendarDays() throws {
        let a = try CalendarDate(parsing: "2024-01-31")
        let b = try CalendarDate(parsing: "2024-03-01")
        #expect(a.days(to: b) == 30)
        #expect(b.days(to: a) == -30)
    }
}

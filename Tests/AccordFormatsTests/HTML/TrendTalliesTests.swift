import AccordCore
@testable import AccordFormats
import AccordTestSupport
import Testing

/// The report's trend, counted by runs of month ends, against the domain's ``TrendReport``,
/// which counts every commitment on every month end.
@Suite struct TrendTalliesTests {
    @Test func theTrendByRunsEqualsTheDomainsMonthByMonth() throws {
        // Given random timelines: status changes and deadline edits on random days (a few out of
        // date order), deadlines before, inside and after the counted months, or none
        var random = SeededGenerator(state: 41)
        let first = try day("2023-11-15"), asOf = try day("2025-03-10")
        var tallies = TrendTallies(from: first, through: asOf)
        var report = TrendReport(period: .month, from: first, through: asOf, grouping: .status)
        func someDay() -> CalendarDate { first.adding(days: Int.random(in: -40...560, using: &random)) ?? first }
        for index in 0..<400 {
            let madeOn = someDay()
            var changeDays = (0..<Int.random(in: 0...5, using: &random)).map { _ in someDay() }
            var editDays = (0..<Int.random(in: 0...2, using: &random)).map { _ in someDay() }
            if index % 17 != 0 {
                changeDays = [madeOn] + changeDays.filter { $0 >= madeOn }.sorted()
                editDays.sort()
            }
            let timeline = Timeline(
                madeOn: madeOn,
                statusChanges: changeDays.map { .init(on: $0, status: Status.allCases.randomElement(using: &random) ?? .unassessed) },
                deadlineChanges: editDays.map { .init(on: $0, before: Bool.random(using: &random) ? someDay() : nil) },
                dueBy: Int.random(in: 0..<4, using: &random) == 0 ? nil : someDay())

            // When both count it
            tallies.add(timeline)
            report.add(timeline, groups: [])
        }

        // Then every month end's meter is the same
        #expect(tallies.days == report.days)
        #expect(tallies.tallies == report.reports.map(\.overall))
        #expect(tallies.tallies.contains { $0.overdue > 0 && $0.onTime > 0 && $0.late > 0 })
    }
}


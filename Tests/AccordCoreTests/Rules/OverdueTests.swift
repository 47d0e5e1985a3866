import Testing
@testable import AccordCore

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

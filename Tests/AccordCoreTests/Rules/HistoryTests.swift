import AccordTestSupport
import Testing
@testable import AccordCore


@Suite struct HistoryTests {
    let today = try! CalendarDate(parsing: "2025-01-01")

    @Test func theStateOnADayReplaysTheHistory() throws {
        // Given a commitment made on 2023-12-27, moved on 2024-01-20, fulfilled on 2024-02-10
        var commitment = try makeCommitment(due: "2024-01")
        _ = try commitment.record(status: .inProgress, note: "begun", on: try day("2024-01-05"), source: nil, reopen: false, today: today)
        var edit = CommitmentEdit()
        edit.due = .some("2024-02")
        edit.title = "Meet in February"
        _ = try commitment.edit(edit, on: try day("2024-01-20"), today: today)
        _ = try commitment.record(status: .fulfilled, note: "met", on: try day("2024-02-10"), source: nil, reopen: false, today: today)
        // Then before it was made it did not exist
        #expect(commitment.state(on: try day("2023-12-26")) == nil)
        // On 2024-01-10 it was in progress, with its first title and deadline, and overdue from February
        let early = try #require(commitment.state(on: try day("2024-01-10")))
        #expect(early.status == .inProgress)
        #expect(early.statusChangedOn == (try day("2024-01-05")))
        #expect(early.title == "Reopen the crossings")
        #expect(early.due?.text == "2024-01")
        #expect(early.history.count == 2)
        #expect(early.lastUpdateOn == (try day("2024-01-05")))
        #expect(early.daysOverdue(on: try day("2024-01-10")) == nil)
        // On 2024-02-05 the moved deadline was in force
        let moved = try #require(commitment.state(on: try day("2024-02-05")))
        #expect(moved.due?.text == "2024-02")
        #expect(moved.title == "Meet in February")
        #expect(moved.status == .inProgress)
        // Today it is fulfilled on time against the moved deadline, late against the original
        #expect(commitment.state(on: today) == commitment)
        #expect(commitment.schedule(on: today) == .onTime)
        #expect(commitment.isLateAgainstOriginal == true)
        #expect(commitment.originalDue?.text == "2024-01")
    }

    @Test func theTimelineAndTheReplayAgreeOnEveryDay() throws {
        var generator = SeededGenerator(state: 7)
        for _ in 0..<200 {
            let commitment = try randomCommitment(&generator)
            let timeline = commitment.timeline
            for offset in stride(from: -3, through: 400, by: 7) {
                guard let day = commitment.madeOn.adding(days: offset) else { continue }
                let state = commitment.state(on: day)
                let light = timeline.state(on: day)
                #expect(state?.dayState == light, "\(commitment.history) on \(day)")
            }
        }
    }

    @Test func randomOperationsAlwaysLeaveACoherentTimeline() throws {
        var generator = SeededGenerator(state: 42)
        var refused = 0
        for _ in 0..<300 {
            let commitment = try randomCommitment(&generator, refused: &refused)
            // Then, read in date order, every change starts where the one before it ended,
            // and the current status is the last one
            #expect(commitment.history.map(\.on) == commitment.history.map(\.on).sorted())
            var current: Status?
            for update in commitment.history {
                guard let to = update.toStatus else { continue }
                if current != nil { #expect(update.fromStatus == current, "\(commitment.history)") }
                current = to
            }
            #expect(commitment.status == current)
            #expect(commitment.lastUpdateOn == commitment.history.last?.on)
            #expect(commitment.statusChangedOn == commitment.history.last { $0.toStatus != nil }?.on)
        }
        // The sequences did try to break the rules.
        #expect(refused > 50)
    }

    @Test func trendPeriodsEndOnTheirLastDays() throws {
        let start = try day("2024-01-10"), end = try day("2024-03-15")
        #expect(TrendPeriod.month.ends(from: start, through: end).map(\.description) == ["2024-01-31", "2024-02-29", "2024-03-15"])
        #expect(TrendPeriod.quarter.ends(from: start, through: try day("2024-06-30")).map(\.description) == ["2024-03-31", "2024-06-30"])
        #expect(TrendPeriod.year.ends(from: start, through: try day("2025-12-31")).map(\.description) == ["2024-12-31", "2025-12-31"])
        // 2024-01-14 was a Sunday.
        #expect(TrendPeriod.week.ends(from: start, through: try day("2024-01-22")).map(\.description) == ["2024-01-14", "2024-01-21", "2024-01-22"])
    }

    /// A commitment after a random sequence of status changes, notes and deadline edits on
    /// random days, each applied only when the rules accept it.
    func randomCommitment(_ generator: inout SeededGenerator) throws -> Commitment {
        var refused = 0
        return try randomCommitment(&generator, refused: &refused)
    }

    func randomCommitment(_ generator: inout SeededGenerator, refused: inout Int) throws -> Commitment {
        var commitment = try makeCommitment(due: ["2024-01", "2024-03-15", nil].randomElement(using: &generator) ?? nil)
        for _ in 0..<Int.random(in: 1...8, using: &generator) {
            let day = commitment.madeOn.adding(days: Int.random(in: 0...300, using: &generator)) ?? commitment.madeOn
            do {
                switch Int.random(in: 0..<4, using: &generator) {
                case 0, 1:
                    let status = Status.allCases.randomElement(using: &generator) ?? .stalled
                    _ = try commitment.record(status: status, note: "why", on: day, source: nil,
                                              reopen: commitment.status.isFinal, today: today)
                case 2:
                    _ = try commitment.record(status: nil, note: "a note", on: day, source: nil, reopen: false, today: today)
                default:
                    var edit = CommitmentEdit()
                    edit.due = .some(["2024-02", "2024-06", "2024-Q4", nil].randomElement(using: &generator) ?? nil)
                    _ = try commitment.edit(edit, on: day, today: today)
                }
            } catch {
                refused += 1
            }
        }
        return commitment
    }
}

@testable import AccordCore
import Testing

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

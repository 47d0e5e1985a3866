import AccordCore

/// Random trackers for the tests that compare a store's answers with the domain's: commitments
/// each changed by a random sequence of operations (status changes, notes, moved deadlines),
/// the refused ones skipped, all through the store under test.
public enum RandomHistories {
    /// Adds `count` commitments made on 2023-12-27 through `add`, then changes each through
    /// `change` (a store's `change(id:_:)`), drawing every choice from a generator seeded by `seed`.
    public static func fill(
        seed: UInt64, count: Int, today: CalendarDate,
        add: (Commitment) throws -> Commitment,
        change: (Int64, (inout Commitment) throws -> Update) throws -> Void
    ) throws {
        var generator = SeededGenerator(state: seed)
        for index in 0..<count {
            let due = ["2024-01", "2024-03-15", "2024-Q2", nil].randomElement(using: &generator) ?? nil
            var draft = NewCommitment(title: "Commitment \(index)", madeOn: try CalendarDate(parsing: "2023-12-27"))
            draft.parties = [index % 2 == 0 ? "US" : "MX"]
            draft.owners = ["Antony Blinken"]
            draft.due = due
            let added = try add(try Commitment.make(draft, today: today))
            for _ in 0..<Int.random(in: 0...6, using: &generator) {
                let day = added.madeOn.adding(days: Int.random(in: 0...330, using: &generator)) ?? added.madeOn
                let kind = Int.random(in: 0..<4, using: &generator)
                let status = Status.allCases.randomElement(using: &generator) ?? .stalled
                let newDue = ["2024-02", "2024-06", "2024-Q4", nil].randomElement(using: &generator) ?? nil
                try? change(added.id ?? 0) { commitment in
                    switch kind {
                    case 0, 1:
                        return try commitment.record(status: status, note: "why", on: day, source: nil,
                                                     reopen: commitment.status.isFinal, today: today)
                    case 2:
                        return try commitment.record(status: nil, note: "a note", on: day, source: nil, reopen: false, today: today)
                    default:
                        var edit = CommitmentEdit()
                        edit.due = .some(newDue)
                        return try commitment.edit(edit, on: day, today: today)
                    }
                }
            }
        }
    }
}

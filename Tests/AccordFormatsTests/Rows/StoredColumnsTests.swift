import AccordCore
@testable import AccordFormats
import AccordRows
import Testing

/// A report asks the store only for the stored columns its columns are formatted from
/// (`ReportColumn.storedColumns`), and a backend may leave the others NULL: every column must
/// then format exactly as from the whole row, in every format.
@Suite struct StoredColumnsTests {
    let asOf = try! CalendarDate(parsing: "2025-01-01")

    /// Commitments that give every column something to show: every field set, a deadline
    /// moved by an edit, then delivered late against the first one; an open one past its
    /// deadline; one with neither deadline nor owner.
    func commitments() throws -> [Commitment] {
        var draft = NewCommitment(title: "Reopen the crossings", madeOn: try day("2023-12-27"))
        draft.uid = "border-1"
        draft.quote = "We agreed to reopen\nthe crossings."
        draft.parties = ["US", "MX"]
        draft.owners = ["Antony Blinken", "Alicia Bárcena"]
        draft.tags = ["border", "trade"]
        draft.occasion = "Meeting in Mexico City"
        draft.source = "https://example.org/a"
        draft.due = "2024-01"
        var late = try Commitment.make(draft, today: asOf)
        late.id = 1
        var edit = CommitmentEdit()
        edit.due = .some("2024-03")
        _ = try late.edit(edit, on: try day("2024-01-15"), evidence: "https://example.org/b", today: asOf)
        _ = try late.record(status: .fulfilled, note: "Reopened", on: try day("2024-02-10"), source: nil, reopen: false,
                            today: asOf)
        var open = try makeCommitment(due: "2024-06", status: .inProgress)
        open.id = 2
        var bare = try makeCommitment(due: nil)
        bare.id = 3
        bare.owners = []
        return [late, open, bare]
    }

    /// `commitment` laid out as a store hands it over with only the columns in `reading` read.
    func withRow<T>(_ commitment: Commitment, reading: Set<CommitmentColumn>, _ body: (CommitmentRow) throws -> T) rethrows -> T {
        var batch = RowBatch()
        batch.beginRow(id: commitment.id ?? 0)
        for column in CommitmentColumn.allCases { batch.add(reading.contains(column) ? commitment.storedText(column) : nil) }
        for update in commitment.history {
            batch.beginHistoryEntry()
            for column in UpdateColumn.allCases { batch.add(update.storedText(column)) }
        }
        return try batch.withFirstRow(body)
    }

    /// The column formatted from `row` in every format, one text per format.
    func formatted(_ column: ReportColumn, _ row: CommitmentRow) throws -> [String] {
        let formatter = RowFormatter(columns: [column], asOf: asOf)
        var texts: [String] = []
        for format in 0..<4 {
            let out = ByteBuffer()
            switch format {
            case 0: try formatter.appendCSV(row, guardsFormulas: true, into: out)
            case 1: try formatter.appendTSV(row, into: out)
            case 2: try formatter.appendJSON(row, into: out)
            default: try formatter.appendCell(0, row, into: out)
            }
            texts.append(out.string)
        }
        return texts
    }

    @Test(arguments: ReportColumn.allCases)
    func aColumnFormatsFromItsStoredColumnsAloneAsFromTheWholeRow(column: ReportColumn) throws {
        var dependsOnItsColumns = false
        for commitment in try commitments() {
            // Given the commitment as a whole row, and as a row holding only the column's
            // stored columns (the others NULL)
            // When the column is formatted from each, in every format
            let whole = try commitment.withRow { try formatted(column, $0) }
            let projected = try withRow(commitment, reading: Set(column.storedColumns)) { try formatted(column, $0) }
            // Then both read the same
            #expect(projected == whole, "\(column.rawValue) of commitment \(commitment.id ?? 0)")
            let bare = try? withRow(commitment, reading: []) { try formatted(column, $0) }
            if bare != whole { dependsOnItsColumns = true }
        }
        // And a column that reads stored columns reads otherwise, for some commitment, from a
        // row without them
        #expect(dependsOnItsColumns == !column.storedColumns.isEmpty, "\(column.rawValue)")
    }

    @Test func aColumnMissingOneOfItsStoredColumnsWouldShowIt() throws {
        // Given an open commitment past its deadline
        let open = try commitments()[1]
        for column in [ReportColumn.schedule, .daysOverdue, .lead, .title] {
            // When a column is formatted without the deadline, the owners or the title
            let whole = try open.withRow { try formatted(column, $0) }
            let reading = Set(column.storedColumns).subtracting([.dueBy, .owners, .title])
            let lacking = try? withRow(open, reading: reading) { try formatted(column, $0) }
            // Then it reads otherwise: the comparison above can fail
            #expect(lacking != whole, "\(column.rawValue)")
        }
    }
}

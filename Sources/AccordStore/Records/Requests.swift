import AccordCore
import AccordRows
import Foundation
import GRDB

extension DerivableRequest<CommitmentRecord> {
    /// The commitments that `filter` lets through, in report order. Every value is a bound
    /// parameter; LIKE patterns escape `%`, `_` and `\`.
    func matching(_ filter: CommitmentFilter) -> Self {
        var request = self
        if !filter.statuses.isEmpty {
            request = request.filter(filter.statuses.map(\.rawValue).contains(CommitmentRecord.Columns.status))
        }
        for (column, value) in [("parties", filter.party), ("owners", filter.owner), ("tags", filter.tag)] {
            guard let value else { continue }
            request = request.filter(
                sql: "EXISTS (SELECT 1 FROM json_each(commitment.\(column)) WHERE value = ? COLLATE NOCASE)",
                arguments: [value])
        }
        if let search = filter.search {
            let pattern = "%" + likeEscaped(search) + "%"
            request = request.filter(
                sql: "(title LIKE ? ESCAPE '\\' OR quote LIKE ? ESCAPE '\\' OR occasion LIKE ? ESCAPE '\\')",
                arguments: [pattern, pattern, pattern])
        }
        // Both deadline reports take the shape of the partial index commitment_open_due, so
        // that they read only the rows they show, already in order.
        let openDue = "due_by IS NOT NULL AND status IN ("
            + Status.openStatuses.map { "'\($0.rawValue)'" }.joined(separator: ", ") + ")"
        if let day = filter.overdueOn {
            // The same rule as Commitment.daysOverdue.
            request = request.filter(sql: openDue + " AND due_by < ?", arguments: [day.description])
        }
        if let range = filter.dueBetween {
            request = request.filter(
                sql: openDue + " AND due_by BETWEEN ? AND ?",
                arguments: [range.lowerBound.description, range.upperBound.description])
        }
        if filter.overdueOn != nil || filter.dueBetween != nil {
            return request.order(CommitmentRecord.Columns.dueBy, CommitmentRecord.Columns.id)
        }
        return request.order(CommitmentRecord.Columns.id)
    }
}

/// Escapes LIKE's wildcards so that user text matches literally.
func likeEscaped(_ text: String) -> String {
    var result = ""
    for character in text {
        if character == "%" || character == "_" || character == "\\" { result.append("\\") }
        result.append(character)
    }
    return result
}

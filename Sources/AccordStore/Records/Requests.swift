import AccordCore
import AccordRows
import Foundation
import GRDB

extension QueryInterfaceRequest<CommitmentRecord> {
    /// The commitments that `filter` lets through, in report order, judged by their state on
    /// `day` (nil: their current state). Every value is a bound parameter; LIKE patterns
    /// escape `%`, `_` and `\`.
    ///
    /// Today's reports read the current-state columns, through the partial index
    /// commitment_open_due for the deadline reports. On a past day, a commitment made later is
    /// left out, and one whose history goes on after that day takes its status and deadline
    /// from the history (``PastState``); the others still read their columns.
    func matching(_ filter: CommitmentFilter, asOf day: CalendarDate? = nil) -> Self {
        var request = self
        let state = day.map(PastState.init) ?? PastState.current
        if let day {
            request = request.filter(sql: "commitment.made_on <= ?", arguments: [day.description])
        }
        if !filter.statuses.isEmpty {
            request = request.filter(
                sql: state.status.sql + " IN (" + filter.statuses.map { _ in "?" }.joined(separator: ", ") + ")",
                arguments: state.status.arguments + StatementArguments(filter.statuses.map(\.rawValue)))
        }
        for (column, values) in [("parties", filter.parties), ("owners", filter.owners), ("tags", filter.tags)] {
            guard !values.isEmpty else { continue }
            // Any of the values: repeating a filter widens it.
            request = request.filter(
                sql: "EXISTS (SELECT 1 FROM json_each(commitment.\(column)) WHERE value COLLATE NOCASE IN ("
                    + values.map { _ in "?" }.joined(separator: ", ") + "))",
                arguments: StatementArguments(values))
        }
        if let search = filter.search {
            // The full-text indexes of migration 0004: the commitment's own fields, then the
            // notes and sources of its history.
            if let query = Self.fullTextQuery(search) {
                request = request.filter(
                    sql: "(commitment.id IN (SELECT rowid FROM commitment_search WHERE commitment_search MATCH ?) "
                        + "OR commitment.id IN (SELECT u.commitment_id FROM progress_update u WHERE u.id IN "
                        + "(SELECT rowid FROM progress_update_search WHERE progress_update_search MATCH ?)))",
                    arguments: [query, query])
            } else {
                request = request.filter(sql: "0")
            }
        }
        // Both deadline reports take the shape of the partial index commitment_open_due, so
        // that today's read only the rows they show, already in order.
        let openDue = "\(state.dueBy.sql) IS NOT NULL AND \(state.status.sql) IN ("
            + Status.openStatuses.map { "'\($0.rawValue)'" }.joined(separator: ", ") + ")"
        let openDueArguments = state.dueBy.arguments + state.status.arguments
        if let overdueDay = filter.overdueOn {
            // The same rule as Commitment.daysOverdue.
            request = request.filter(
                sql: openDue + " AND \(state.dueBy.sql) < ?",
                arguments: openDueArguments + state.dueBy.arguments + [overdueDay.description])
        }
        if let range = filter.dueBetween {
            request = request.filter(
                sql: openDue + " AND \(state.dueBy.sql) BETWEEN ? AND ?",
                arguments: openDueArguments + state.dueBy.arguments
                    + [range.lowerBound.description, range.upperBound.description])
        }
        if let limit = filter.limit { request = request.limit(limit) }
        if !filter.sort.isEmpty {
            var sql: [String] = []
            var arguments = StatementArguments()
            for key in filter.sort {
                let expression: PastState.Expression
                switch key.field {
                case .status: expression = state.status
                case .dueBy: expression = state.dueBy
                default: expression = PastState.Expression(sql: "commitment." + key.field.rawValue, arguments: [])
                }
                // Commitments without a deadline come last either way.
                if key.field == .dueBy { sql.append("(\(expression.sql) IS NULL)"); arguments += expression.arguments }
                sql.append(expression.sql + (key.isDescending ? " DESC" : ""))
                arguments += expression.arguments
            }
            return request.order(sql: (sql + ["commitment.id"]).joined(separator: ", "), arguments: arguments)
        }
        if filter.overdueOn != nil || filter.dueBetween != nil {
            return request.order(sql: state.dueBy.sql + ", commitment.id", arguments: state.dueBy.arguments)
        }
        return request.order(CommitmentRecord.Columns.id)
    }
}

/// SQL for a commitment's status and deadline on a past day, from its history: the store's
/// computation of the domain's rule (``Commitment/state(on:)``), which a test compares with it
/// on random histories.
///
/// A commitment whose last update is on or before the day stood then as it stands now; for
/// the others, the status is the last change dated on or before the day, and the deadline the
/// one in force before the first edit of it dated after the day. Each subquery is one search
/// of the index progress_update_timeline.
struct PastState {
    /// An SQL expression and its arguments, in order.
    struct Expression {
        let sql: String
        let arguments: StatementArguments
    }

    /// The status.
    let status: Expression
    /// The deadline's last day.
    let dueBy: Expression

    /// The current state: the columns themselves.
    static let current = PastState(
        status: Expression(sql: "commitment.status", arguments: []),
        dueBy: Expression(sql: "commitment.due_by", arguments: []))

    private init(status: Expression, dueBy: Expression) {
        self.status = status
        self.dueBy = dueBy
    }

    /// The state on `day`.
    init(day: CalendarDate) {
        let laterThanDay = "commitment.last_update_on > ?"
        let statusSQL = """
            (CASE WHEN \(laterThanDay) THEN (SELECT u.to_status FROM progress_update u \
            WHERE u.commitment_id = commitment.id AND u.on_date <= ? AND u.to_status IS NOT NULL \
            ORDER BY u.on_date DESC, u.id DESC LIMIT 1) ELSE commitment.status END)
            """
        let firstLaterEdit = """
            (SELECT u.changes -> '$.due_by' FROM progress_update u \
            WHERE u.commitment_id = commitment.id AND u.on_date > ? AND u.changes -> '$.due_by' IS NOT NULL \
            ORDER BY u.on_date, u.id LIMIT 1)
            """
        let dueBySQL = """
            (CASE WHEN \(laterThanDay) AND \(firstLaterEdit) IS NOT NULL THEN \(firstLaterEdit) ->> '$[0]' \
            ELSE commitment.due_by END)
            """
        // Every parameter of both expressions is the day.
        func expression(_ sql: String) -> Expression {
            Expression(sql: sql, arguments: StatementArguments(Array(repeating: day.description, count: sql.count { $0 == "?" })))
        }
        status = expression(statusSQL)
        dueBy = expression(dueBySQL)
    }
}

extension QueryInterfaceRequest<CommitmentRecord> {
    /// The FTS5 query for what a user typed: one phrase (its words in order, quotes and FTS
    /// operators plain text), the last word a prefix so that a word being typed matches; nil
    /// when it holds no word at all.
    static func fullTextQuery(_ text: String) -> String? {
        guard text.unicodeScalars.contains(where: { $0.properties.isAlphabetic || $0.properties.numericType != nil }) else {
            return nil
        }
        let phrase = "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        // A word still being typed (the text ends inside it) matches as a prefix.
        let endsInWord = text.unicodeScalars.last.map { $0.properties.isAlphabetic || $0.properties.numericType != nil } ?? false
        return endsInWord ? phrase + " *" : phrase
    }
}

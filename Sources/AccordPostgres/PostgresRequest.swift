import AccordCore
import AccordRows
import PostgresNIO

/// SQL text with its bound parameters, numbered as they are added: every value a user gives
/// reaches the server as a parameter, never as SQL.
struct SQLText {
    var sql = ""
    var binds = PostgresBindings()

    /// Binds a text and returns its placeholder (`$n`).
    mutating func bind(_ value: String) -> String {
        binds.append(value)
        return "$\(binds.count)"
    }

    /// Binds an integer and returns its placeholder.
    mutating func bind(_ value: Int64) -> String {
        binds.append(value)
        return "$\(binds.count)"
    }

    /// The query to run.
    var query: PostgresQuery { PostgresQuery(unsafeSQL: sql, binds: binds) }
}

/// The columns of a commitment as the row readers want them: the id, then every
/// ``CommitmentColumn`` as text (dates through `::text`, in ISO style for this session).
enum PostgresColumns {
    /// The cast that turns a column's text into its stored type.
    static func cast(_ column: CommitmentColumn) -> String {
        switch column {
        case .parties, .owners, .tags: "::json"
        case .madeOn, .dueBy, .statusChangedOn, .lastUpdateOn: "::date"
        default: ""
        }
    }

    /// The cast for a history column.
    static func cast(_ column: UpdateColumn) -> String {
        switch column {
        case .on: "::date"
        case .changes: "::json"
        default: ""
        }
    }

    /// The select list of a commitment: `c.id`, then each column as text.
    static let commitment = "c.id, " + CommitmentColumn.allCases.map { column in
        cast(column) == "::date" ? "c.\(column.name)::text" : "c.\(column.name)"
    }.joined(separator: ", ")

    /// The select list of a history entry: its commitment's id, then each column as text.
    static let update = "u.commitment_id, " + UpdateColumn.allCases.map { column in
        column == .on ? "u.on_date::text" : "u.\(column.name)"
    }.joined(separator: ", ")
}

/// The report query for a filter on a day: PostgreSQL's twin of the SQLite store's
/// `matching(_:asOf:)` and `PastState`, rule for rule.
///
/// Today's reports read the current-state columns (the deadline reports through the partial
/// index commitment_open_due). On a past day, a commitment made later is left out, and one
/// whose history goes on after that day takes its status and deadline from its history: the
/// status of the last change dated on or before the day, the deadline in force before the
/// first edit of it dated after the day. Each subquery is one search of the index
/// progress_update_timeline.
enum PostgresRequest {
    /// The query: `PostgresColumns.commitment`, then whether the history must be read (wanted,
    /// or needed to replay the commitment on `day`).
    static func commitments(matching filter: CommitmentFilter, asOf day: CalendarDate?, includeHistory: Bool) -> SQLText {
        var text = SQLText()
        var conditions: [String] = []
        var status = "c.status", dueBy = "c.due_by", needsHistory = includeHistory ? "true" : "false"
        if let day {
            let d = text.bind(day.description) + "::date"
            conditions.append("c.made_on <= \(d)")
            let later = "c.last_update_on > \(d)"
            status = """
                (CASE WHEN \(later) THEN (SELECT u.to_status FROM progress_update u \
                WHERE u.commitment_id = c.id AND u.on_date <= \(d) AND u.to_status IS NOT NULL \
                ORDER BY u.on_date DESC, u.id DESC LIMIT 1) ELSE c.status END)
                """
            let firstLaterEdit = """
                (SELECT u.changes -> 'due_by' FROM progress_update u \
                WHERE u.commitment_id = c.id AND u.on_date > \(d) AND u.changes -> 'due_by' IS NOT NULL \
                ORDER BY u.on_date, u.id LIMIT 1)
                """
            dueBy = "(CASE WHEN \(later) AND \(firstLaterEdit) IS NOT NULL THEN (\(firstLaterEdit) ->> 0)::date ELSE c.due_by END)"
            if !includeHistory { needsHistory = later }
        }
        if !filter.statuses.isEmpty {
            conditions.append(status + " IN (" + filter.statuses.map { text.bind($0.rawValue) }.joined(separator: ", ") + ")")
        }
        for (column, value) in [("parties", filter.party), ("owners", filter.owner), ("tags", filter.tag)] {
            guard let value else { continue }
            // SQLite's NOCASE: ASCII letters only, which lower() does in the "C" collation.
            conditions.append("EXISTS (SELECT 1 FROM json_array_elements_text(c.\(column)) v "
                + "WHERE lower(v COLLATE \"C\") = lower(\(text.bind(value)) COLLATE \"C\"))")
        }
        if let search = filter.search {
            // SQLite's LIKE: ASCII case folding only, which ILIKE does in the "C" collation.
            let pattern = text.bind("%" + likeEscaped(search) + "%")
            conditions.append("(c.title ILIKE \(pattern) ESCAPE '\\' OR c.quote ILIKE \(pattern) ESCAPE '\\' "
                + "OR c.occasion ILIKE \(pattern) ESCAPE '\\')")
        }
        let openDue = "\(dueBy) IS NOT NULL AND \(status) IN ("
            + Status.openStatuses.map { "'\($0.rawValue)'" }.joined(separator: ", ") + ")"
        if let overdueDay = filter.overdueOn {
            // The same rule as Commitment.daysOverdue.
            conditions.append(openDue + " AND \(dueBy) < \(text.bind(overdueDay.description))::date")
        }
        if let range = filter.dueBetween {
            conditions.append(openDue + " AND \(dueBy) BETWEEN \(text.bind(range.lowerBound.description))::date"
                + " AND \(text.bind(range.upperBound.description))::date")
        }
        let order = filter.overdueOn != nil || filter.dueBetween != nil ? "\(dueBy), c.id" : "c.id"
        text.sql = "SELECT \(PostgresColumns.commitment), \(needsHistory) FROM commitment c"
            + (conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND "))
            + " ORDER BY " + order
        return text
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

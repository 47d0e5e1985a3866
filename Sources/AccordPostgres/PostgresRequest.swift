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

/// The columns of a commitment and of its history as the row readers want them: every
/// ``CommitmentColumn`` and ``UpdateColumn`` as text (dates through `::text`, in ISO style for
/// this session).
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

    /// The select list of a history entry: its commitment's id, then each column as text.
    static let update = "u.commitment_id, " + UpdateColumn.allCases.map(updateText).joined(separator: ", ")

    private static func updateText(_ column: UpdateColumn) -> String {
        column == .on ? "u.on_date::text" : "u.\(column.name)"
    }

    /// Every column of a commitment.
    static let all = Set(CommitmentColumn.allCases)

    /// A commitment's columns as one record, each as text: one cell for the client to read
    /// (``BinaryRecords``), not one per column. Those outside `columns` are NULL: the server
    /// builds and sends, and the client reads, only what a report shows (`overdue` reads 7 of
    /// 14 columns, 8 in JSON; on 100,000 commitments the server's part of its cursor fell by a
    /// third).
    static func record(_ columns: Set<CommitmentColumn> = all) -> String {
        "ROW(" + CommitmentColumn.allCases.map { column in
            guard columns.contains(column) else { return "NULL::text" }
            return cast(column) == "::date" ? "c.\(column.name)::text" : "c.\(column.name)"
        }.joined(separator: ", ") + ")"
    }

    /// A commitment's history in date order (ties in the order recorded), as an array of
    /// records of its columns as text: one search of the index progress_update_timeline.
    static let history = "ARRAY(SELECT ROW(" + UpdateColumn.allCases.map(updateText).joined(separator: ", ")
        + ") FROM progress_update u WHERE u.commitment_id = c.id ORDER BY u.on_date, u.id)"

    /// The select list the row readers take (``FetchedBatch``): the id, the columns as one
    /// record (those outside `columns` NULL), the history when `needsHistory` holds (else
    /// NULL), then `isLater`.
    static func rows(needsHistory: String, isLater: String, reading columns: Set<CommitmentColumn> = all) -> String {
        let history = switch needsHistory {
        case "true": history
        case "false": "NULL::record[]"
        default: "(CASE WHEN \(needsHistory) THEN \(history) END)"
        }
        return "c.id, \(record(columns)), \(history), \(isLater)"
    }
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
    /// The query: ``PostgresColumns/rows(needsHistory:isLater:reading:)``, with the history
    /// where it is wanted or needed to replay the commitment on `day`, and whether it must be
    /// replayed (its history goes on after `day`). Only `columns` are read, except on a past
    /// day, whose replay reads them all.
    static func commitments(matching filter: CommitmentFilter, asOf day: CalendarDate?, includeHistory: Bool,
                            reading columns: Set<CommitmentColumn> = PostgresColumns.all) -> SQLText {
        var text = SQLText()
        var conditions: [String] = []
        var status = "c.status", dueBy = "c.due_by", needsHistory = includeHistory ? "true" : "false"
        var isLater = "false"
        if let day {
            let state = PastState(day: day, &text)
            conditions.append("c.made_on <= \(state.day)")
            status = state.status
            dueBy = state.dueBy
            isLater = state.isLater
            if !includeHistory { needsHistory = state.isLater }
        }
        if !filter.statuses.isEmpty {
            conditions.append(status + " IN (" + filter.statuses.map { text.bind($0.rawValue) }.joined(separator: ", ") + ")")
        }
        for (column, values) in [("parties", filter.parties), ("owners", filter.owners), ("tags", filter.tags)] {
            guard !values.isEmpty else { continue }
            // Any of the values (repeating a filter widens it), with SQLite's NOCASE: ASCII
            // letters only, which lower() does in the "C" collation.
            conditions.append("EXISTS (SELECT 1 FROM json_array_elements_text(c.\(column)) v "
                + "WHERE lower(v COLLATE \"C\") IN (" + values.map { "lower(\(text.bind($0)) COLLATE \"C\")" }
                    .joined(separator: ", ") + "))")
        }
        if let search = filter.search {
            conditions.append(PostgresSearch.condition(search, &text))
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
        var order = filter.overdueOn != nil || filter.dueBetween != nil ? "\(dueBy), c.id" : "c.id"
        if !filter.sort.isEmpty {
            var keys: [String] = []
            for key in filter.sort {
                let expression = switch key.field {
                case .status: status
                case .dueBy: dueBy
                default: "c." + key.field.rawValue
                }
                // Commitments without a deadline come last either way, as on SQLite.
                if key.field == .dueBy { keys.append("(\(expression) IS NULL)") }
                keys.append(expression + (key.isDescending ? " DESC" : ""))
            }
            order = (keys + ["c.id"]).joined(separator: ", ")
        }
        let read = PostgresColumns.rows(needsHistory: needsHistory, isLater: isLater,
                                        reading: day == nil ? columns : PostgresColumns.all)
        text.sql = "SELECT \(read) FROM commitment c"
            + (conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND "))
            + " ORDER BY " + order
            + (filter.limit.map { " LIMIT \(max(0, $0))" } ?? "")
        return text
    }
}

/// SQL for a commitment's status, deadline and day of its last status change on a past day,
/// from its history (the SQLite store's `PastState`, rule for rule): a commitment whose last
/// update is on or before the day stood then as it stands now; for the others, the status is
/// the last change dated on or before the day, and the deadline the one in force before the
/// first edit of it dated after the day.
struct PastState {
    /// The day, as a bound `date`.
    let day: String
    /// Whether the commitment's history goes on after the day.
    let isLater: String
    /// The status on the day.
    let status: String
    /// The deadline's last day on the day.
    let dueBy: String
    /// The day of the status change in force on the day.
    let statusChangedOn: String

    /// The expressions for `day`, bound in `text`.
    init(day: CalendarDate, _ text: inout SQLText) {
        let d = text.bind(day.description) + "::date"
        self.day = d
        let later = "c.last_update_on > \(d)"
        isLater = later
        func lastChange(_ column: String) -> String {
            """
            (CASE WHEN \(later) THEN (SELECT u.\(column) FROM progress_update u \
            WHERE u.commitment_id = c.id AND u.on_date <= \(d) AND u.to_status IS NOT NULL \
            ORDER BY u.on_date DESC, u.id DESC LIMIT 1) ELSE c.\(column == "to_status" ? "status" : "status_changed_on") END)
            """
        }
        status = lastChange("to_status")
        statusChangedOn = lastChange("on_date")
        let firstLaterEdit = """
            (SELECT u.changes -> 'due_by' FROM progress_update u \
            WHERE u.commitment_id = c.id AND u.on_date > \(d) AND u.changes -> 'due_by' IS NOT NULL \
            ORDER BY u.on_date, u.id LIMIT 1)
            """
        dueBy = "(CASE WHEN \(later) AND \(firstLaterEdit) IS NOT NULL THEN (\(firstLaterEdit) ->> 0)::date ELSE c.due_by END)"
    }
}

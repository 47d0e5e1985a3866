import AccordCore
import AccordRows
import GRDB

// MARK: - Tallies

extension AppDatabase {
    /// The `summary` report counted by SQL: one scan of the commitments (their current columns,
    /// or on a past day the state the history gives them, ``PastState``), grouped by status and,
    /// for a breakdown, by each party, owner or tag. Nothing is read into Swift but the counts.
    public func tally(asOf day: CalendarDate, pastDay: CalendarDate?, grouping: SummaryReport.Grouping) throws -> SummaryReport {
        let query = TallyQuery(day: day, pastDay: pastDay, grouping: grouping)
        return try read { db in
            var overall = Counts()
            var groups: [String: Counts] = [:]
            let rows = try Row.fetchCursor(db, sql: query.sql, arguments: query.arguments)
            while let row = try rows.next() {
                let statusText: String = row[1]
                guard let status = Status(rawValue: statusText) else {
                    throw RowError.unreadableValue(column: CommitmentColumn.status.name, text: statusText)
                }
                // Each commitment counts once overall: on its list's first value (or its only row).
                let isFirst: Bool = row[6]
                if isFirst { overall.add(status, row[2], row[3], row[4], row[5]) }
                guard grouping != .status else { continue }
                let name: String? = row[0]
                guard let key = name ?? (grouping == .party ? nil : "(none)") else { continue }
                groups[key, default: Counts()].add(status, row[2], row[3], row[4], row[5])
            }
            return SummaryReport(grouping: grouping, asOf: day, overall: overall.tally, groups: groups.mapValues(\.tally))
        }
    }
}

/// Counts read from the tally query, before they become a ``StatusTally``.
private struct Counts {
    var byStatus: [Status: Int] = [:]
    var overdue = 0, onTime = 0, late = 0

    mutating func add(_ status: Status, _ count: Int, _ overdue: Int, _ onTime: Int, _ late: Int) {
        byStatus[status, default: 0] += count
        self.overdue += overdue
        self.onTime += onTime
        self.late += late
    }

    var tally: StatusTally { StatusTally(counts: byStatus, overdue: overdue, onTime: onTime, late: late) }
}

/// The SQL of a tally. Columns: the group (null without one, or for an empty list), the status,
/// then count, overdue, fulfilled on time and fulfilled late, and whether the row is its list's
/// first value (always, without a group): the first rows add up to the overall tally.
///
/// With a group, the commitments are counted by their whole list (the JSON text) and status
/// first, and only those few hundred counts are spread over each value of the list: SQLite
/// sorts a million short rows instead of one row per value with every column the sums read,
/// which made `--by party` 1.6× the shell's plain `GROUP BY` over `json_each`.
///
/// The rules are those of ``StatusTally/add(_:asOf:)``: overdue is an open status with a
/// deadline before the day; on time and late are fulfilled on or before, or after, the deadline.
struct TallyQuery {
    let sql: String
    let arguments: StatementArguments

    init(day: CalendarDate, pastDay: CalendarDate?, grouping: SummaryReport.Grouping) {
        let state = pastDay.map(PastState.init) ?? PastState.current
        var changedOn = "commitment.status_changed_on"
        var changedOnArguments: StatementArguments = []
        if let pastDay {
            changedOn = """
                (CASE WHEN commitment.last_update_on > ? THEN (SELECT u.on_date FROM progress_update u \
                WHERE u.commitment_id = commitment.id AND u.on_date <= ? AND u.to_status IS NOT NULL \
                ORDER BY u.on_date DESC, u.id DESC LIMIT 1) ELSE commitment.status_changed_on END)
                """
            changedOnArguments = [pastDay.description, pastDay.description]
        }
        let list = grouping.listColumn
        let open = Status.openStatuses.map { "'\($0.rawValue)'" }.joined(separator: ",")
        let states = """
            SELECT \(state.status.sql) AS s, \(changedOn) AS c, \(state.dueBy.sql) AS d\
            \(list.map { ", commitment.\($0) AS l" } ?? "") FROM commitment\
            \(pastDay == nil ? "" : " WHERE commitment.made_on <= ?")
            """
        // The counts are sums of conditions over the scan, without a second level of
        // subquery (which made SQLite twice as slow as a plain GROUP BY).
        let overdue = "(t.d IS NOT NULL AND t.d < ? AND t.s IN (\(open)))"
        let onTime = "(t.s = 'fulfilled' AND t.d IS NOT NULL AND t.c <= t.d)"
        let late = "(t.s = 'fulfilled' AND t.d IS NOT NULL AND t.c > t.d)"
        let counts = "count(*) AS n, sum(\(overdue)) AS o, sum(\(onTime)) AS ot, sum(\(late)) AS lt"
        arguments = Self.arguments(day: day, pastDay: pastDay, state: state, changedOn: changedOnArguments)
        guard list != nil else {
            sql = "SELECT NULL, t.s, \(counts), 1 FROM (\(states)) AS t GROUP BY t.s"
            return
        }
        sql = """
            SELECT j.value, g.s, g.n, g.o, g.ot, g.lt, (j.key IS NULL OR j.key = 0) \
            FROM (SELECT t.l AS l, t.s AS s, \(counts) FROM (\(states)) AS t GROUP BY t.l, t.s) AS g \
            LEFT JOIN json_each(g.l) AS j ON 1
            """
    }

    /// The arguments in the order of their `?`: the day of the overdue condition, then those of
    /// the state subquery.
    private static func arguments(
        day: CalendarDate, pastDay: CalendarDate?, state: PastState, changedOn: StatementArguments
    ) -> StatementArguments {
        var arguments: StatementArguments = [day.description]
        arguments += state.status.arguments
        arguments += changedOn
        arguments += state.dueBy.arguments
        if let pastDay { arguments += [pastDay.description] }
        return arguments
    }
}

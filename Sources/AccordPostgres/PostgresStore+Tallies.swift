import AccordCore
import AccordRows
import AccordStore
import PostgresNIO

// MARK: - Tallies

extension PostgresStore {
    /// The `summary` report counted by the server: one scan of the commitments (their current
    /// columns, or on a past day the state their history gives them, ``PastState``), grouped
    /// by status and, for a breakdown, by each party, owner or tag. Only the counts travel.
    ///
    /// The rules are those of ``StatusTally/add(_:asOf:)``: overdue is an open status with a
    /// deadline before the day; on time and late are fulfilled on or before, or after, the
    /// deadline. Each commitment counts once overall, on its first group's row.
    public func tally(asOf day: CalendarDate, pastDay: CalendarDate?, grouping: SummaryReport.Grouping) throws -> SummaryReport {
        let query = Self.tallyQuery(day: day, pastDay: pastDay, grouping: grouping)
        return try readTransaction {
            var overall = TallyCounts()
            var groups: [String: TallyCounts] = [:]
            for row in try rows(query.query) {
                let (name, statusText, count, overdue, onTime, late, first, firstOverdue, firstOnTime, firstLate) =
                    try mapErrors {
                        try row.decode((String?, String, Int64, Int64, Int64, Int64, Int64, Int64, Int64, Int64).self)
                    }
                guard let status = Status(rawValue: statusText) else {
                    throw RowError.unreadableValue(column: CommitmentColumn.status.name, text: statusText)
                }
                overall.add(status, first, firstOverdue, firstOnTime, firstLate)
                guard grouping != .status else { continue }
                guard let key = name ?? (grouping == .party ? nil : "(none)") else { continue }
                groups[key, default: TallyCounts()].add(status, count, overdue, onTime, late)
            }
            return SummaryReport(grouping: grouping, asOf: day, overall: overall.tally, groups: groups.mapValues(\.tally))
        }
    }

    /// The SQL of a tally. Columns: the group (null without one, or for an empty list), the
    /// status, then count, overdue, fulfilled on time and late over the group's rows, then the
    /// same over each commitment's first row only.
    static func tallyQuery(day: CalendarDate, pastDay: CalendarDate?, grouping: SummaryReport.Grouping) -> SQLText {
        var text = SQLText()
        let today = text.bind(day.description) + "::date"
        var status = "c.status", dueBy = "c.due_by", changedOn = "c.status_changed_on", madeBy = ""
        if let pastDay {
            let state = PastState(day: pastDay, &text)
            (status, dueBy, changedOn) = (state.status, state.dueBy, state.statusChangedOn)
            madeBy = " WHERE c.made_on <= \(state.day)"
        }
        let list = grouping.listColumn
        let open = Status.openStatuses.map { "'\($0.rawValue)'" }.joined(separator: ",")
        let states = "SELECT \(status) AS s, \(changedOn) AS c, \(dueBy) AS d"
            + (list.map { ", c.\($0) AS l" } ?? "") + " FROM commitment c" + madeBy
        let join = list == nil ? "" : " LEFT JOIN LATERAL json_array_elements_text(t.l) WITH ORDINALITY AS j(value, n) ON true"
        let group = list == nil ? "NULL::text" : "j.value"
        let first = list == nil ? "1" : "(j.n IS NULL OR j.n = 1)::int"
        text.sql = """
            SELECT g, s, count(*), sum(o), sum(ot), sum(lt), sum(f), sum(o * f), sum(ot * f), sum(lt * f) FROM (
            SELECT \(group) AS g, \(first) AS f, t.s AS s,
            (t.d IS NOT NULL AND t.d < \(today) AND t.s IN (\(open)))::int AS o,
            (t.s = 'fulfilled' AND t.d IS NOT NULL AND t.c <= t.d)::int AS ot,
            (t.s = 'fulfilled' AND t.d IS NOT NULL AND t.c > t.d)::int AS lt
            FROM (\(states)) AS t\(join)) AS rows
            GROUP BY g, s
            """
        return text
    }
}

/// Counts read from the tally query, before they become a ``StatusTally``.
private struct TallyCounts {
    var byStatus: [Status: Int] = [:]
    var overdue = 0, onTime = 0, late = 0

    mutating func add(_ status: Status, _ count: Int64, _ overdue: Int64, _ onTime: Int64, _ late: Int64) {
        byStatus[status, default: 0] += Int(count)
        self.overdue += Int(overdue)
        self.onTime += Int(onTime)
        self.late += Int(late)
    }

    var tally: StatusTally { StatusTally(counts: byStatus, overdue: overdue, onTime: onTime, late: late) }
}

import AccordCore
import Foundation

/// The `summary` report as rows and JSON.
extension SummaryReport {
    /// The meter: one row per status, open and final grouped, then the deadline counts.
    public var meterRows: [[String]] {
        var rows: [[String]] = [["open", String(overall.open), overall.share(overall.open)]]
        rows += Status.openStatuses.map { ["  " + $0.rawValue, String(overall.count($0)), overall.share(overall.count($0))] }
        rows.append(["final", String(overall.final), overall.share(overall.final)])
        rows += Status.finalStatuses.map { ["  " + $0.rawValue, String(overall.count($0)), overall.share(overall.count($0))] }
        rows.append(["total", String(overall.total), overall.share(overall.total)])
        rows.append(["overdue", String(overall.overdue), overall.share(overall.overdue)])
        rows.append(["fulfilled on time", String(overall.onTime), overall.share(overall.onTime)])
        rows.append(["fulfilled late", String(overall.late), overall.share(overall.late)])
        return rows
    }

    /// The breakdown's columns.
    public var breakdownHeader: [String] {
        [grouping.rawValue, "total", "open", "final", "overdue", "fulfilled_on_time", "fulfilled_late"]
            + Status.allCases.map(\.rawValue)
    }

    /// One breakdown row per group (by name), after the overall row "(all)".
    public var breakdownRows: [[String]] {
        let named = groups.keys.sorted { $0.localizedStandardCompare($1) == .orderedAscending }
        return [("(all)", overall)] .map(Self.row) + named.map { Self.row(($0, groups[$0] ?? StatusTally())) }
    }

    private static func row(_ entry: (String, StatusTally)) -> [String] {
        let (name, tally) = entry
        return [name, String(tally.total), String(tally.open), String(tally.final), String(tally.overdue),
                String(tally.onTime), String(tally.late)] + Status.allCases.map { String(tally.count($0)) }
    }

    /// The whole report as one compact JSON object (and a line feed): the overall tally and,
    /// with a breakdown, each group's name and tally.
    public var json: String {
        var object = JSONObjectWriter()
        object.add("as_of", asOf.description)
        object.add("by", grouping.rawValue)
        object.addRaw("overall", overall.json)
        if grouping != .status {
            let named = groups.keys.sorted { $0.localizedStandardCompare($1) == .orderedAscending }
            let entries = named.map { name -> String in
                var entry = JSONObjectWriter()
                entry.add("name", name)
                entry.addRaw("tally", (groups[name] ?? StatusTally()).json)
                return entry.json
            }
            object.addRaw("groups", "[" + entries.joined(separator: ",") + "]")
        }
        return object.json + "\n"
    }
}

extension StatusTally {
    /// The tally as a compact JSON object.
    public var json: String {
        var object = JSONObjectWriter()
        object.add("total", total)
        object.add("open", open)
        object.add("final", final)
        object.add("overdue", overdue)
        object.add("fulfilled_on_time", onTime)
        object.add("fulfilled_late", late)
        var statuses = JSONObjectWriter()
        for status in Status.allCases { statuses.add(status.rawValue, count(status)) }
        object.addRaw("statuses", statuses.json)
        return object.json
    }
}

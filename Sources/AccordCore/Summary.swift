import Foundation

/// Counts by status, as promise meters show them: open and final grouped, with the overdue
/// count and fulfilled-on-time against late.
public struct StatusTally: Equatable, Sendable {
    public private(set) var counts: [Status: Int] = [:]
    public private(set) var total = 0
    public private(set) var overdue = 0
    public private(set) var onTime = 0
    public private(set) var late = 0

    public init() {}

    /// Counts a commitment as of `day`.
    public mutating func add(_ commitment: Commitment, asOf day: CalendarDate) {
        counts[commitment.status, default: 0] += 1
        total += 1
        switch commitment.schedule(on: day) {
        case .overdue: overdue += 1
        case .onTime where commitment.status == .fulfilled: onTime += 1
        case .late where commitment.status == .fulfilled: late += 1
        default: break
        }
    }

    /// Commitments with an open status.
    public var open: Int { Status.openStatuses.reduce(0) { $0 + count($1) } }
    /// Commitments with a final status.
    public var final: Int { Status.finalStatuses.reduce(0) { $0 + count($1) } }

    /// How many have `status`.
    public func count(_ status: Status) -> Int { counts[status] ?? 0 }

    /// `part` as a percentage of the total, one decimal: `37.5%`.
    public func share(_ part: Int) -> String {
        guard total > 0 else { return "0.0%" }
        let tenths = (part * 1000 + total / 2) / total
        return "\(tenths / 10).\(tenths % 10)%"
    }

    /// The tally as a JSON object.
    public func json(level: Int) -> String {
        var object = JSONObjectWriter(level: level)
        object.add("total", total)
        object.add("open", open)
        object.add("final", final)
        object.add("overdue", overdue)
        object.add("fulfilled_on_time", onTime)
        object.add("fulfilled_late", late)
        var statuses = JSONObjectWriter(level: level + 1)
        for status in Status.allCases { statuses.add(status.rawValue, count(status)) }
        object.addRaw("statuses", statuses.json)
        return object.json
    }
}

/// The `summary` report: an overall tally and, optionally, one per party, owner or tag.
public struct SummaryReport: Sendable {
    /// What the breakdown groups by.
    public enum Grouping: String, CaseIterable, Sendable {
        case status, party, owner, tag
    }

    public let grouping: Grouping
    public let asOf: CalendarDate
    public private(set) var overall = StatusTally()
    public private(set) var groups: [String: StatusTally] = [:]

    public init(grouping: Grouping, asOf: CalendarDate) {
        self.grouping = grouping
        self.asOf = asOf
    }

    /// Counts a commitment, in every group it belongs to (a commitment of two parties counts
    /// for each; one with no owner counts under "(none)").
    public mutating func add(_ commitment: Commitment) {
        overall.add(commitment, asOf: asOf)
        let keys: [String]
        switch grouping {
        case .status: keys = []
        case .party: keys = commitment.parties
        case .owner: keys = commitment.owners.isEmpty ? ["(none)"] : commitment.owners
        case .tag: keys = commitment.tags.isEmpty ? ["(none)"] : commitment.tags
        }
        for key in keys { groups[key, default: StatusTally()].add(commitment, asOf: asOf) }
    }

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

    /// The whole report as JSON.
    public var json: String {
        var object = JSONObjectWriter()
        object.add("as_of", asOf.description)
        object.add("by", grouping.rawValue)
        object.addRaw("overall", overall.json(level: 1))
        if grouping != .status {
            let named = groups.keys.sorted { $0.localizedStandardCompare($1) == .orderedAscending }
            let entries = named.map { name -> String in
                var entry = JSONObjectWriter(level: 2)
                entry.add("name", name)
                entry.addRaw("tally", (groups[name] ?? StatusTally()).json(level: 2))
                return "    " + entry.json
            }
            object.addRaw("groups", entries.isEmpty ? "[]" : "[\n" + entries.joined(separator: ",\n") + "\n  ]")
        }
        return object.json + "\n"
    }
}

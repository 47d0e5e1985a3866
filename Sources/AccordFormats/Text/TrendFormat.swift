import AccordCore

/// The `trend` report as rows and JSON: the `summary` of each period end, side by side.
extension TrendReport {
    /// The columns: the period end, the group when grouped, then the counts of a summary row.
    public var header: [String] {
        guard let first = reports.first else { return ["period_end"] }
        let counts = Array(first.breakdownHeader.dropFirst())
        return first.grouping == .status ? ["period_end"] + counts : ["period_end", first.grouping.rawValue] + counts
    }

    /// One row per period end (and group), oldest first.
    public var rows: [[String]] {
        reports.flatMap { report -> [[String]] in
            let day = report.asOf.description
            guard report.grouping != .status else {
                return report.breakdownRows.prefix(1).map { [day] + $0.dropFirst() }
            }
            return report.breakdownRows.map { [day] + $0 }
        }
    }

    /// The report as a JSON array of the summaries, as `summary --as-of` writes each.
    public var json: String {
        guard !reports.isEmpty else { return "[]\n" }
        return "[\n" + reports.map { $0.json.dropLast() }.joined(separator: ",\n") + "\n]\n"
    }
}

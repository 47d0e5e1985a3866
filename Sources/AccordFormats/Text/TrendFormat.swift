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

    /// The columns and rows for a terminal: the counts, then only the statuses that some row
    /// holds (the CSV and JSON keep them all).
    public var tableColumns: (header: [String], rows: [[String]]) {
        let header = self.header, rows = self.rows
        let statuses = Set(Status.allCases.map(\.rawValue))
        let kept = header.indices.filter { index in
            !statuses.contains(header[index]) || rows.contains { index < $0.count && $0[index] != "0" }
        }
        return (kept.map { header[$0] }, rows.map { row in kept.map { $0 < row.count ? row[$0] : "" } })
    }

    /// The report as a JSON array of the summaries, as `summary --as-of` writes each.
    public var json: String {
        guard !reports.isEmpty else { return "[]\n" }
        return "[\n" + reports.map { $0.json.dropLast() }.joined(separator: ",\n") + "\n]\n"
    }
}

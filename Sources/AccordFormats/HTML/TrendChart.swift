import AccordCore

/// The trend of the meter as an inline SVG: one column per month end, stacked by status, with
/// the numbers in a table beside it (readable without the picture, and by screen readers).
enum TrendChart {
    /// The chart of `commitments` (as they stood on `day`, with their histories) by month, from
    /// the month the first was made through `day`; empty when there is nothing to chart.
    static func render(_ commitments: [Commitment], asOf day: CalendarDate) -> String {
        guard let first = commitments.map(\.madeOn).min(), first <= day else { return "" }
        var trend = TrendReport(period: .month, from: first, through: day, grouping: .status)
        for commitment in commitments { trend.add(commitment.timeline, groups: []) }
        let tallies = trend.reports.map(\.overall)
        let most = max(1, tallies.map(\.total).max() ?? 1)
        let left = 34.0, top = 10.0, chartHeight = 160.0, width = 600.0
        let step = (width - left - 4) / Double(max(1, tallies.count))
        let barWidth = max(2, step * 0.7)
        var svg = "<line class=\"axis\" x1=\"\(left)\" y1=\"\(top + chartHeight)\" x2=\"\(width - 4)\" y2=\"\(top + chartHeight)\"/>"
        svg += "<text x=\"\(left - 6)\" y=\"\(top + 10)\" text-anchor=\"end\" class=\"tick\">\(most)</text>"
        svg += "<text x=\"\(left - 6)\" y=\"\(top + chartHeight)\" text-anchor=\"end\" class=\"tick\">0</text>"
        // A label every few columns, so that labels never overlap.
        let labelEvery = max(1, Int((64 / step).rounded(.up)))
        for (index, tally) in tallies.enumerated() {
            let x = left + Double(index) * step + (step - barWidth) / 2
            var y = top + chartHeight
            for status in Status.allCases {
                let count = tally.count(status)
                guard count > 0 else { continue }
                let height = chartHeight * Double(count) / Double(most)
                y -= height
                svg += "<rect class=\"s-\(status.rawValue)\" x=\"\(number(x))\" y=\"\(number(y))\" width=\"\(number(barWidth))\" "
                    + "height=\"\(number(height))\"><title>\(trend.days[index]): \(status.rawValue) \(count)</title></rect>"
            }
            if index % labelEvery == 0 || index == tallies.count - 1 {
                svg += "<text x=\"\(number(x + barWidth / 2))\" y=\"\(number(top + chartHeight + 16))\" text-anchor=\"middle\" "
                    + "class=\"tick\">\(String(trend.days[index].description.prefix(7)))</text>"
            }
        }
        var rows = ""
        for (index, tally) in tallies.enumerated() {
            rows += "<tr><td>\(trend.days[index])</td><td>\(tally.total)</td><td>\(tally.open)</td><td>\(tally.final)</td>"
                + "<td>\(tally.overdue)</td><td>\(tally.count(.fulfilled))</td><td>\(tally.count(.broken))</td></tr>\n"
        }
        return """
            <figure class="trend">
            <svg viewBox="0 0 \(Int(width)) \(Int(top + chartHeight + 24))" role="img" \
            aria-label="Commitments by status at the end of each month">\(svg)</svg>
            <figcaption>How the record changed: the status of every commitment at the end of each month \
            (the last column is as of \(day)), from the dated history.</figcaption>
            <details><summary>The numbers</summary><div class="scroll"><table>
            <thead><tr><th scope="col">Month end</th><th scope="col">Total</th><th scope="col">Open</th>\
            <th scope="col">Final</th><th scope="col">Overdue</th><th scope="col">Fulfilled</th><th scope="col">Broken</th></tr></thead>
            <tbody>
            \(rows)</tbody></table></div></details>
            </figure>
            """
    }

    private static func number(_ value: Double) -> String {
        String(Int((value * 10).rounded()) / 10) + "." + String(abs(Int((value * 10).rounded()) % 10))
    }
}

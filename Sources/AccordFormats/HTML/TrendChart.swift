import AccordCore

/// The trend of the meter as an inline SVG: one column per month end, stacked by status, with
/// the numbers in a table beside it (readable without the picture, and by screen readers). It
/// is drawn on a 360-unit canvas, a phone's width, so that its text stays legible there.
enum TrendChart {
    /// The chart of a monthly trend, from the first month with a commitment; empty when there
    /// is nothing to chart.
    static func render(_ trend: TrendTallies?, asOf day: CalendarDate) -> String {
        guard let trend else { return "" }
        let all = trend.tallies
        let start = all.firstIndex { $0.total > 0 } ?? all.count
        let days = Array(trend.days[start...])
        let tallies = Array(all[start...])
        guard !tallies.isEmpty else { return "" }
        let most = max(1, tallies.map(\.total).max() ?? 1)
        let left = 44.0, top = 8.0, chartHeight = 130.0, width = 360.0
        let step = (width - left - 4) / Double(tallies.count)
        let barWidth = max(1.5, step * 0.72)
        var svg = "<line class=\"axis\" x1=\"\(left)\" y1=\"\(top + chartHeight)\" x2=\"\(width - 4)\" y2=\"\(top + chartHeight)\"/>"
        svg += "<text x=\"\(left - 5)\" y=\"\(top + 9)\" text-anchor=\"end\" class=\"tick\">\(HTMLParts.count(most))</text>"
        svg += "<text x=\"\(left - 5)\" y=\"\(top + chartHeight)\" text-anchor=\"end\" class=\"tick\">0</text>"
        // A label every few columns, wide enough apart (52 units) never to overlap.
        let labelEvery = max(1, Int((52 / step).rounded(.up)))
        let lastLabelled = (tallies.count - 1) / labelEvery * labelEvery
        for (index, tally) in tallies.enumerated() {
            let x = left + Double(index) * step + (step - barWidth) / 2
            var y = top + chartHeight
            for status in Status.allCases where tally.count(status) > 0 {
                let height = chartHeight * Double(tally.count(status)) / Double(most)
                y -= height
                svg += "<rect class=\"s-\(status.rawValue)\" x=\"\(number(x))\" y=\"\(number(y))\" width=\"\(number(barWidth))\" "
                    + "height=\"\(number(height))\"><title>\(days[index]): \(status.rawValue) \(tally.count(status))</title></rect>"
            }
            if index % labelEvery == 0 {
                let anchor = index == lastLabelled && index == tallies.count - 1 ? "end" : index == 0 ? "start" : "middle"
                let labelX = anchor == "end" ? width - 4 : anchor == "start" ? x : x + barWidth / 2
                svg += "<text x=\"\(number(labelX))\" y=\"\(number(top + chartHeight + 15))\" text-anchor=\"\(anchor)\" "
                    + "class=\"tick\">\(String(days[index].description.prefix(7)))</text>"
            }
        }
        var rows = ""
        for (index, tally) in tallies.enumerated() {
            rows += "<tr><td>\(days[index])</td><td>\(tally.total)</td><td>\(tally.open)</td><td>\(tally.final)</td>"
                + "<td>\(tally.overdue)</td><td>\(tally.count(.fulfilled))</td><td>\(tally.count(.broken))</td></tr>\n"
        }
        return """
            <figure class="trend">
            <svg viewBox="0 0 \(Int(width)) \(Int(top + chartHeight + 22))" role="img" \
            aria-label="Commitments by status at the end of each month">\(svg)</svg>
            <figcaption>The status of every commitment at the end of each month (the last column is as of \
            \(DeadlineWords.day(day))), from the dated history; colours as in the meter.</figcaption>
            <details><summary>The numbers</summary><div class="scroll"><table>
            <thead><tr><th scope="col">Month end</th><th scope="col">Total</th><th scope="col">Open</th>\
            <th scope="col">Final</th><th scope="col">Overdue</th><th scope="col">Fulfilled</th><th scope="col">Broken</th></tr></thead>
            <tbody>
            \(rows)</tbody></table></div></details>
            </figure>
            """
    }

    private static func number(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(abs(tenths % 10))"
    }
}

import AccordCore
import AccordRows
/// A self-contained HTML report: no network, no external script, font or stylesheet. Charts
/// are inline SVG; every status is written out in words (and a symbol), never shown by colour
/// alone; it prints well and reads on a phone.
public enum HTMLReport {
    /// The report for `commitments` (with their histories) as of `day`.
    public static func render(_ commitments: [Commitment], asOf day: CalendarDate, title: String = "Accord report") -> String {
        var summary = SummaryReport(grouping: .status, asOf: day)
        commitments.forEach { summary.add($0) }
        let tally = summary.overall
        var html = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escaped(title)) — as of \(day)</title>
            <style>\(style)</style>
            </head>
            <body>
            <header>
            <h1>\(escaped(title))</h1>
            <p class="lede">\(tally.total) commitment\(tally.total == 1 ? "" : "s") as of <time datetime="\(day)">\(day)</time>: \
            <strong>\(tally.overdue) overdue</strong>, \(tally.final) settled (\(tally.onTime) fulfilled on time, \
            \(tally.late) late), \(tally.open) open.</p>
            </header>
            <main>
            <section aria-labelledby="meter-title">
            <h2 id="meter-title">Status meter</h2>
            \(meter(tally))
            </section>
            <section aria-labelledby="trend-title">
            <h2 id="trend-title">Trend</h2>
            \(TrendChart.render(commitments, asOf: day))
            </section>
            <section aria-labelledby="timeline-title">
            <h2 id="timeline-title">Deadlines</h2>
            \(timeline(commitments, asOf: day))
            </section>
            <section aria-labelledby="table-title">
            <h2 id="table-title">Commitments</h2>
            \(table(commitments, asOf: day))
            </section>
            <section aria-labelledby="details-title">
            <h2 id="details-title">Wording, sources and history</h2>

            """
        for commitment in commitments { html += details(commitment, asOf: day) }
        html += """
            </section>
            </main>
            <footer><p>Made by Accord from its database as of \(day). Overdue means: the last day of the \
            deadline has passed and the status is still open.</p></footer>
            </body>
            </html>

            """
        return html
    }

    // MARK: - Parts

    /// A symbol that goes with each status's name, so badges differ in shape as well as colour.
    static func symbol(_ status: Status) -> String {
        switch status {
        case .unassessed: return "?"
        case .notStarted: return "○"
        case .inProgress: return "◐"
        case .stalled: return "‖"
        case .fulfilled: return "✓"
        case .partial: return "◑"
        case .broken: return "✗"
        case .withdrawn: return "⤺"
        case .unverifiable: return "∅"
        }
    }

    private static func badge(_ status: Status) -> String {
        "<span class=\"badge s-\(status.rawValue)\">\(symbol(status)) \(status.rawValue)</span>"
    }

    /// A stacked bar of statuses, each segment labelled in a legend with its count and share.
    private static func meter(_ tally: StatusTally) -> String {
        let width = 600.0
        var x = 0.0
        var bars = ""
        var legend = ""
        for status in Status.allCases {
            let count = tally.count(status)
            guard count > 0, tally.total > 0 else { continue }
            let w = width * Double(count) / Double(tally.total)
            let pattern = status.isFinal ? "" : " fill-opacity=\"0.85\""
            bars += "<rect class=\"s-\(status.rawValue)\" x=\"\(format(x))\" y=\"0\" width=\"\(format(w))\" height=\"36\"\(pattern)>"
                + "<title>\(status.rawValue): \(count)</title></rect>"
            if w > 28 {
                bars += "<text x=\"\(format(x + w / 2))\" y=\"23\" text-anchor=\"middle\" class=\"bar-label\">\(symbol(status)) \(count)</text>"
            }
            x += w
            legend += "<li>\(badge(status)) <span class=\"count\">\(count)</span> (\(tally.share(count)))</li>"
        }
        if tally.total == 0 { return "<p>No commitments yet.</p>" }
        return """
            <figure class="meter">
            <svg viewBox="0 0 \(Int(width)) 36" role="img" aria-label="Commitments by status" preserveAspectRatio="none">\(bars)</svg>
            <figcaption><p>Open: \(tally.open) (\(tally.share(tally.open))) · Final: \(tally.final) (\(tally.share(tally.final)))</p>
            <ul class="legend">\(legend)</ul></figcaption>
            </figure>
            """
    }

    /// Each deadline on a time axis, with a line at the as-of day; overdue ones are marked with
    /// a cross and the word.
    private static func timeline(_ commitments: [Commitment], asOf day: CalendarDate) -> String {
        let dated = commitments.filter { $0.due != nil }.sorted { ($0.due?.dueBy ?? day, $0.id ?? 0) < ($1.due?.dueBy ?? day, $1.id ?? 0) }
        guard !dated.isEmpty else { return "<p>No commitment has a deadline.</p>" }
        let first = min(dated.map(\.madeOn).min() ?? day, day)
        let last = max(dated.compactMap { $0.due?.dueBy }.max() ?? day, day)
        let span = Double(max(1, first.days(to: last)))
        let left = 60.0, right = 560.0, rowHeight = 26.0
        let height = 40.0 + Double(dated.count) * rowHeight
        func xPosition(_ date: CalendarDate) -> Double { left + (right - left) * Double(first.days(to: date)) / span }
        var svg = "<line class=\"axis\" x1=\"\(format(left))\" y1=\"20\" x2=\"\(format(right))\" y2=\"20\"/>"
        svg += "<text x=\"\(format(left))\" y=\"14\" class=\"tick\">\(first)</text>"
        svg += "<text x=\"\(format(right))\" y=\"14\" text-anchor=\"end\" class=\"tick\">\(last)</text>"
        let asOfX = xPosition(day)
        svg += "<line class=\"asof\" x1=\"\(format(asOfX))\" y1=\"20\" x2=\"\(format(asOfX))\" y2=\"\(format(height))\"/>"
        svg += "<text x=\"\(format(asOfX + 4))\" y=\"\(format(height - 4))\" class=\"tick\">as of \(day)</text>"
        for (index, commitment) in dated.enumerated() {
            guard let due = commitment.due else { continue }
            let y = 40.0 + Double(index) * rowHeight
            let x = xPosition(due.dueBy)
            let id = commitment.id.map { "#\($0)" } ?? ""
            let label = "\(id) \(Table.truncated(commitment.title, to: 48))"
            svg += "<g class=\"item\"><title>\(escaped(commitment.title)) — due \(due.text) (by \(due.dueBy)), \(commitment.status.rawValue)</title>"
            svg += "<line class=\"span\" x1=\"\(format(xPosition(commitment.madeOn)))\" y1=\"\(format(y))\" x2=\"\(format(x))\" y2=\"\(format(y))\"/>"
            if let days = commitment.daysOverdue(on: day) {
                svg += "<path class=\"overdue\" d=\"M\(format(x - 6)) \(format(y - 6)) l12 12 m0 -12 l-12 12\"/>"
                svg += "<text x=\"\(format(x + 9))\" y=\"\(format(y + 4))\" class=\"label overdue-label\">\(escaped(label)) — OVERDUE \(days) d</text>"
            } else if commitment.status.isFinal {
                svg += "<rect class=\"settled\" x=\"\(format(x - 5))\" y=\"\(format(y - 5))\" width=\"10\" height=\"10\"/>"
                svg += "<text x=\"\(format(x + 9))\" y=\"\(format(y + 4))\" class=\"label\">\(escaped(label)) — \(commitment.status.rawValue)</text>"
            } else {
                svg += "<circle class=\"pending\" cx=\"\(format(x))\" cy=\"\(format(y))\" r=\"5\"/>"
                svg += "<text x=\"\(format(x + 9))\" y=\"\(format(y + 4))\" class=\"label\">\(escaped(label)) — due \(due.dueBy)</text>"
            }
            svg += "</g>"
        }
        return """
            <figure class="timeline">
            <svg viewBox="0 0 900 \(format(height))" role="img" aria-label="Deadlines against \(day)">\(svg)</svg>
            <figcaption>Each line runs from the day a commitment was made to the last day of its deadline. \
            ✕ and “OVERDUE”: past its deadline and still open; ■ settled; ● open and not yet due.</figcaption>
            </figure>
            """
    }

    private static func table(_ commitments: [Commitment], asOf day: CalendarDate) -> String {
        var rows = ""
        for commitment in commitments {
            let id = commitment.id.map(String.init) ?? ""
            let schedule = commitment.schedule(on: day)
            var scheduleText = schedule.rawValue
            if let days = commitment.daysOverdue(on: day) { scheduleText += " (\(days) d)" }
            rows += "<tr class=\"\(schedule == .overdue ? "is-overdue" : "")\"><td>\(id)</td>"
                + "<td><a href=\"#c-\(id)\">\(escaped(commitment.title))</a></td>"
                + "<td>\(badge(commitment.status))</td><td>\(escaped(scheduleText))</td>"
                + "<td>\(escaped(commitment.due.map { "\($0.text) (by \($0.dueBy))" } ?? "—"))</td>"
                + "<td>\(escaped(Reports.list(commitment.parties)))</td><td>\(escaped(commitment.lead ?? "—"))</td></tr>\n"
        }
        return """
            <div class="scroll"><table>
            <thead><tr><th scope="col">#</th><th scope="col">Commitment</th><th scope="col">Status</th>\
            <th scope="col">Schedule</th><th scope="col">Due</th><th scope="col">Parties</th><th scope="col">Lead</th></tr></thead>
            <tbody>
            \(rows)</tbody>
            </table></div>
            """
    }

    private static func details(_ commitment: Commitment, asOf day: CalendarDate) -> String {
        let id = commitment.id.map(String.init) ?? ""
        var html = "<article id=\"c-\(id)\">\n<h3>#\(id) \(escaped(commitment.title))</h3>\n"
        html += "<p class=\"meta\">\(badge(commitment.status)) · \(escaped(commitment.schedule(on: day).rawValue))"
        html += " · made \(commitment.madeOn)"
        if let due = commitment.due { html += " · due \(escaped(due.text)) (by \(due.dueBy))" }
        html += "</p>\n<p class=\"meta\">Parties: \(escaped(Reports.list(commitment.parties)))"
        if !commitment.owners.isEmpty { html += " · Owners: \(escaped(Reports.list(commitment.owners)))" }
        if !commitment.tags.isEmpty { html += " · Tags: \(escaped(Reports.list(commitment.tags)))" }
        html += "</p>\n"
        if !commitment.occasion.isEmpty { html += "<p class=\"meta\">Occasion: \(escaped(commitment.occasion))</p>\n" }
        if !commitment.quote.isEmpty {
            html += "<blockquote>\(escaped(commitment.quote).replacingAll("\n", with: "<br>"))</blockquote>\n"
        }
        if !commitment.source.isEmpty { html += "<p class=\"source\">Source: \(link(commitment.source))</p>\n" }
        if !commitment.history.isEmpty {
            html += "<ol class=\"history\">\n"
            for update in commitment.history {
                html += "<li><time datetime=\"\(update.on)\">\(update.on)</time> "
                if let to = update.toStatus {
                    html += update.fromStatus.map { badge($0) + " → " } ?? ""
                    html += badge(to) + " "
                }
                html += escaped(update.note)
                if !update.source.isEmpty { html += " <span class=\"source\">(source: \(link(update.source)))</span>" }
                html += "</li>\n"
            }
            html += "</ol>\n"
        }
        return html + "</article>\n"
    }

    /// A source as a link when it is an http(s) URL, else as text: never a `javascript:` link.
    private static func link(_ source: String) -> String {
        let lower = source.lowercased()
        guard (lower.hasPrefix("https://") || lower.hasPrefix("http://")), !source.contains(where: { $0 == " " || $0 == "\"" }) else {
            return escaped(source)
        }
        return "<a href=\"\(escaped(source))\" rel=\"noopener noreferrer\">\(escaped(source))</a>"
    }

    /// Escapes text for HTML content and attribute values.
    public static func escaped(_ text: String) -> String {
        guard text.contains(where: { entities[$0] != nil }) else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count + 16)
        for character in text {
            if let entity = entities[character] { result += entity } else { result.append(character) }
        }
        return result
    }

    /// The characters HTML content and attribute values must not hold as they are.
    private static let entities: [Character: String] = [
        "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;",
    ]

    private static func format(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return tenths % 10 == 0 ? String(tenths / 10) : "\(tenths / 10).\(abs(tenths % 10))"
    }

    private static let style = """
        :root{--ink:#1d2330;--muted:#5b6475;--line:#d8dde6;--bg:#fff;--open:#3d6fb6;--final:#2f7d4f;--bad:#b3261e;--warn:#9a6700}
        *{box-sizing:border-box}body{margin:0 auto;max-width:60rem;padding:1rem;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:var(--bg)}
        h1{font-size:1.6rem;margin:.2rem 0}h2{font-size:1.25rem;border-bottom:1px solid var(--line);padding-bottom:.2rem;margin-top:2rem}h3{font-size:1.05rem;margin:.2rem 0}
        .lede{font-size:1.05rem}figure{margin:0}svg{width:100%;height:auto;display:block}
        .meter svg{height:2.4rem;border:1px solid var(--line)}.bar-label{font-size:13px;fill:#fff;font-weight:600}
        .legend{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.3rem 1rem}
        .badge{display:inline-block;border:1px solid currentColor;border-radius:.8rem;padding:0 .5rem;font-size:.85rem;white-space:nowrap}
        .s-unassessed{color:#555;fill:#8a8f98}.s-not-started{color:#6b4fa0;fill:#6b4fa0}.s-in-progress{color:var(--open);fill:var(--open)}
        .s-stalled{color:var(--warn);fill:var(--warn)}.s-fulfilled{color:var(--final);fill:var(--final)}.s-partial{color:#4f7d2f;fill:#6f9d4f}
        .s-broken{color:var(--bad);fill:var(--bad)}.s-withdrawn{color:#7a4a2a;fill:#7a4a2a}.s-unverifiable{color:#444;fill:#444}
        .axis,.span{stroke:var(--line);stroke-width:2}.asof{stroke:var(--ink);stroke-dasharray:4 3}.tick{font-size:11px;fill:var(--muted)}
        .label{font-size:12px;fill:var(--ink)}.overdue{stroke:var(--bad);stroke-width:3}.overdue-label{fill:var(--bad);font-weight:700}
        .pending{fill:var(--open)}.settled{fill:var(--final)}
        .scroll{overflow-x:auto}table{border-collapse:collapse;width:100%;font-size:.92rem}th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid var(--line);vertical-align:top}
        tr.is-overdue td:nth-child(4){color:var(--bad);font-weight:700}
        article{border-top:1px solid var(--line);padding:.6rem 0}.meta{color:var(--muted);margin:.2rem 0;font-size:.92rem}
        blockquote{margin:.5rem 0;padding:.3rem .8rem;border-left:4px solid var(--line);font-style:italic}
        .history{padding-left:1.2rem;font-size:.92rem}.source{color:var(--muted);overflow-wrap:anywhere}
        footer{color:var(--muted);font-size:.85rem;margin-top:2rem}
        @media (max-width:40rem){body{padding:.6rem;font-size:15px}th:nth-child(6),td:nth-child(6){display:none}}
        @media print{body{max-width:none;font-size:11pt}a{color:inherit;text-decoration:none}.scroll{overflow:visible}article{break-inside:avoid}h2{break-after:avoid}}
        """
}

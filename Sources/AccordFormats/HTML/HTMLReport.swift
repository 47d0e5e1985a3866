import AccordCore
import AccordRows

/// A self-contained HTML report: no network, no external script, font or stylesheet. It is
/// written in pieces so that it streams at any size: the top (title, meter, scorecard, trend,
/// deadlines, legend) from an ``HTMLOverview`` counted first, then one table row and one article
/// per commitment. Over ``detailThreshold`` commitments there is no table, and the articles sit
/// in one collapsed section, which the report says. Every status is written out in words (and a
/// symbol), never shown by colour alone; on a phone the table becomes cards; it prints cleanly.
public enum HTMLReport {
    /// Above this many commitments, the per-commitment part is one collapsed section.
    public static let detailThreshold = 5000

    /// The whole report of `commitments` (with their histories, as of `day`), for a caller that
    /// holds them all.
    public static func render(_ commitments: [Commitment], asOf day: CalendarDate, title: String? = nil) -> String {
        var overview = HTMLOverview(asOf: day, firstMadeOn: commitments.map(\.madeOn).min())
        commitments.forEach { overview.add($0) }
        let isLarge = commitments.count > detailThreshold
        var html = head(overview, title: title)
        if !isLarge {
            html += tableStart
            for commitment in commitments { html += tableRow(commitment, asOf: day) }
            html += tableEnd
        }
        html += detailsStart(count: commitments.count)
        for commitment in commitments { html += (try? article(commitment, asOf: day)) ?? "" }
        return html + detailsEnd(count: commitments.count) + foot(asOf: day)
    }

    /// Everything before the commitments: title, summary sentence, meter, scorecard, trend,
    /// deadlines and the legend. The title defaults to one that names the data.
    public static func head(_ overview: HTMLOverview, title: String?) -> String {
        let day = overview.asOf
        let tally = overview.summary.overall
        let title = title ?? overview.defaultTitle
        let deadlines = overview.chosenDeadlines
        let scorecard = OverviewCharts.scorecard(overview.summary)
        let trend = TrendChart.render(overview.trend, asOf: day)
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(HTMLParts.escaped(title)) — as of \(DeadlineWords.day(day))</title>
            <style>\(HTMLStyle.css)</style>
            </head>
            <body>
            <header>
            <p class="kicker">Commitment tracker · as of <time datetime="\(day)">\(DeadlineWords.day(day))</time></p>
            <h1>\(HTMLParts.escaped(title))</h1>
            <p class="lede">\(HTMLParts.count(tally.total)) commitment\(tally.total == 1 ? "" : "s"): \
            <strong>\(HTMLParts.count(tally.overdue)) overdue</strong>, \(HTMLParts.count(tally.open)) open, \
            \(HTMLParts.count(tally.final)) settled (\(HTMLParts.count(tally.count(.fulfilled))) fulfilled, of which \
            \(HTMLParts.count(tally.onTime)) on time and \(HTMLParts.count(tally.late)) late; \
            \(HTMLParts.count(tally.count(.broken))) broken).</p>
            </header>
            <main>
            <section aria-labelledby="meter-title">
            <h2 id="meter-title">Status meter</h2>
            \(OverviewCharts.meter(tally))
            </section>
            \(scorecard.isEmpty ? "" : "<section aria-labelledby=\"parties-title\">\n<h2 id=\"parties-title\">By party</h2>\n\(scorecard)\n</section>")
            \(trend.isEmpty ? "" : "<section aria-labelledby=\"trend-title\">\n<h2 id=\"trend-title\">Trend</h2>\n\(trend)\n</section>")
            <section aria-labelledby="timeline-title">
            <h2 id="timeline-title">Deadlines</h2>
            \(OverviewCharts.deadlines(deadlines.items, total: deadlines.total, asOf: day))
            </section>
            <section aria-labelledby="legend-title">
            <h2 id="legend-title">What the statuses mean</h2>
            \(OverviewCharts.legend)
            </section>

            """
    }

    /// Opens the table of commitments (cards on a phone).
    public static let tableStart = """
        <section aria-labelledby="table-title">
        <h2 id="table-title">Commitments</h2>
        <table class="commitments">
        <thead><tr><th scope="col">#</th><th scope="col">Commitment</th><th scope="col">Status</th>\
        <th scope="col">Deadline</th><th scope="col">Parties</th><th scope="col">Lead</th></tr></thead>
        <tbody>

        """

    /// One commitment's row: its words, never the deadline's code (`+90d`).
    public static func tableRow(_ commitment: Commitment, asOf day: CalendarDate) -> String {
        let id = commitment.id.map(String.init) ?? ""
        return "<tr class=\"\(commitment.isOverdue(on: day) ? "is-overdue" : "")\"><td data-label=\"#\">\(id)</td>"
            + "<td data-label=\"Commitment\"><a href=\"#c-\(id)\">\(HTMLParts.escaped(commitment.title))</a></td>"
            + "<td data-label=\"Status\">\(HTMLParts.badge(commitment.status))</td>"
            + "<td data-label=\"Deadline\">\(deadlineCell(commitment, asOf: day))</td>"
            + "<td data-label=\"Parties\">\(HTMLParts.escaped(Reports.list(commitment.parties)))</td>"
            + "<td data-label=\"Lead\">\(HTMLParts.escaped(commitment.lead ?? "—"))</td></tr>\n"
    }

    /// Closes the table.
    public static let tableEnd = "</tbody>\n</table>\n</section>\n"

    /// Opens the wording, sources and history; collapsed above ``detailThreshold``.
    public static func detailsStart(count: Int) -> String {
        var html = "<section aria-labelledby=\"details-title\">\n<h2 id=\"details-title\">Wording, sources and history</h2>\n"
        if count > detailThreshold {
            html += "<p class=\"note\">With \(HTMLParts.count(count)) commitments, the table is left out and each one's "
                + "wording, sources and history are in the collapsed section below (open it to read or search them).</p>\n"
                + "<details class=\"all\"><summary>All \(HTMLParts.count(count)) commitments</summary>\n"
        }
        return html
    }

    /// Closes the wording, sources and history.
    public static func detailsEnd(count: Int) -> String {
        (count > detailThreshold ? "</details>\n" : "") + "</section>\n"
    }

    /// Ends the page.
    public static func foot(asOf day: CalendarDate) -> String {
        """
        </main>
        <footer><p>Made by Accord from its database, as the record stood on \(DeadlineWords.day(day)): later \
        updates are left out. Overdue means the last day of the deadline has passed and the status is still open.</p></footer>
        </body>
        </html>

        """
    }

    /// The deadline in words with where it stands: "due January 2024 ✕ overdue 30 days".
    static func deadlineCell(_ commitment: Commitment, asOf day: CalendarDate) -> String {
        guard let due = commitment.due else { return "no deadline" }
        return deadlineCell(due: due, daysOverdue: commitment.daysOverdue(on: day), schedule: commitment.schedule(on: day))
    }

    /// The same from its parts.
    static func deadlineCell(due: Due, daysOverdue: Int?, schedule: Schedule) -> String {
        let out = ByteBuffer(capacity: 256)
        out.append(dueSpan(due))
        appendStanding(daysOverdue: daysOverdue, schedule: schedule, into: out)
        return out.string
    }

    /// Where a deadline stands, after its words: " ✕ overdue 30 days" or the schedule.
    static func appendStanding(daysOverdue: Int?, schedule: Schedule, into out: ByteBuffer) {
        if let days = daysOverdue {
            out.append(" <strong class=\"overdue-label\">✕ overdue ")
            HTMLParts.appendCount(days, into: out)
            out.append(days == 1 ? " day</strong>" : " days</strong>")
        } else {
            out.append(" <span class=\"schedule\">")
            out.append(schedule.rawValue)
            out.append("</span>")
        }
    }

    /// The deadline in words, with its last day as the machine-readable date.
    static func dueSpan(_ due: Due) -> String {
        "<span class=\"due\">due <time datetime=\"\(due.dueBy)\">\(HTMLParts.escaped(DeadlineWords.deadline(due)))</time></span>"
    }

    /// Escapes text for HTML content and attribute values.
    public static func escaped(_ text: String) -> String {
        HTMLParts.escaped(text)
    }
}

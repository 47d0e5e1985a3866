import AccordCore

/// The charts at the top of the HTML report, in HTML and CSS rather than pictures of text, so
/// that their words wrap, never collide and stay legible on a phone: the meter, the per-party
/// scorecard and the deadlines against the as-of day.
enum OverviewCharts {
    /// A bar of statuses with a legend of counts and shares.
    static func meter(_ tally: StatusTally) -> String {
        guard tally.total > 0 else { return "<p>No commitments.</p>" }
        var bar = "", legend = ""
        for status in Status.allCases where tally.count(status) > 0 {
            let count = tally.count(status)
            bar += "<span class=\"s-\(status.rawValue)\" style=\"width:\(HTMLParts.percent(count, of: tally.total))\" "
                + "title=\"\(status.rawValue): \(count)\"></span>"
            legend += "<li>\(HTMLParts.badge(status)) <span class=\"count\">\(HTMLParts.count(count))</span> "
                + "(\(tally.share(count)))</li>"
        }
        return """
            <figure class="meter">
            <div class="bar" role="img" aria-label="Commitments by status">\(bar)</div>
            <figcaption><p>Open: \(HTMLParts.count(tally.open)) (\(tally.share(tally.open))) · \
            Final: \(HTMLParts.count(tally.final)) (\(tally.share(tally.final))) · \
            Overdue: \(HTMLParts.count(tally.overdue)) · Fulfilled on time: \(HTMLParts.count(tally.onTime)), \
            late: \(HTMLParts.count(tally.late))</p>
            <ul class="legend">\(legend)</ul></figcaption>
            </figure>
            """
    }

    /// Per party: kept, partly kept, broken, open and overdue, as a small table with a bar.
    static func scorecard(_ summary: SummaryReport) -> String {
        let parties = summary.groups.sorted { ($1.value.total, $0.key) < ($0.value.total, $1.key) }
        guard !parties.isEmpty else { return "" }
        let shown = parties.prefix(12)
        var rows = ""
        for (party, tally) in shown {
            let other = tally.final - tally.count(.fulfilled) - tally.count(.partial) - tally.count(.broken)
            let parts: [(String, Int)] = [
                ("s-fulfilled", tally.count(.fulfilled)), ("s-partial", tally.count(.partial)), ("s-broken", tally.count(.broken)),
                ("s-withdrawn", other), ("s-in-progress", tally.open - tally.overdue), ("is-overdue", tally.overdue),
            ]
            let bar = parts.filter { $0.1 > 0 }
                .map { "<span class=\"\($0.0)\" style=\"width:\(HTMLParts.percent($0.1, of: tally.total))\"></span>" }.joined()
            rows += "<tr><th scope=\"row\">\(HTMLParts.escaped(party))</th><td>\(HTMLParts.count(tally.count(.fulfilled)))</td>"
                + "<td>\(HTMLParts.count(tally.count(.partial)))</td><td>\(HTMLParts.count(tally.count(.broken)))</td>"
                + "<td>\(HTMLParts.count(tally.open))</td><td>\(HTMLParts.count(tally.overdue))</td>"
                + "<td class=\"bar-cell\"><div class=\"bar small\" aria-hidden=\"true\">\(bar)</div></td></tr>\n"
        }
        let more = parties.count > shown.count ? "<p class=\"note\">The \(shown.count) parties with most commitments; \(parties.count - shown.count) more in <code>accord summary --by party</code>.</p>" : ""
        return """
            <table class="scorecard">
            <thead><tr><th scope="col">Party</th><th scope="col">Kept</th><th scope="col">Partly</th><th scope="col">Broken</th>\
            <th scope="col">Open</th><th scope="col">Overdue</th><th scope="col" class="bar-cell"><span class="visually-hidden">Share</span></th></tr></thead>
            <tbody>
            \(rows)</tbody></table>
            <p class="note">Kept: fulfilled; partly: partial; the bar adds withdrawn and unverifiable (brown), open (blue) and overdue (red, hatched). A commitment of two parties counts for each.</p>
            \(more)
            """
    }

    /// Each chosen deadline as a line from the day it was made to its last day, against the
    /// as-of day, with its words beside it.
    static func deadlines(_ items: [HTMLOverview.Deadline], total: Int, asOf day: CalendarDate) -> String {
        guard !items.isEmpty else { return "<p>No commitment has a deadline.</p>" }
        let first = min(items.map(\.madeOn).min() ?? day, day)
        let last = max(items.map(\.due.dueBy).max() ?? day, day)
        let span = Double(max(1, first.days(to: last)))
        func position(_ date: CalendarDate) -> String {
            let tenths = Int((1000 * Double(first.days(to: date)) / span).rounded())
            return "\(tenths / 10).\(tenths % 10)%"
        }
        var rows = ""
        for item in items {
            let overdue = Commitment.daysOverdue(dueBy: item.due.dueBy, status: item.status, on: day)
            var state: String
            var mark: String
            if let overdue {
                state = "<strong class=\"overdue-label\">✕ overdue \(HTMLParts.count(overdue)) day\(overdue == 1 ? "" : "s")</strong>"
                mark = "✕"
            } else if item.status.isFinal {
                state = HTMLParts.badge(item.status)
                mark = "■"
            } else {
                let left = day.days(to: item.due.dueBy)
                state = "● \(left) day\(left == 1 ? "" : "s") left"
                mark = "●"
            }
            rows += """
                <li class="\(overdue != nil ? "is-overdue" : item.status.isFinal ? "is-settled" : "is-open")">\
                <p><a href="#c-\(item.id)">#\(item.id) \(HTMLParts.escaped(item.title))</a> \
                <span class="when">due \(HTMLParts.escaped(DeadlineWords.deadline(item.due))) · \(state)</span></p>\
                <div class="track" aria-hidden="true"><span class="span" style="left:\(position(item.madeOn));\
                width:calc(\(position(item.due.dueBy)) - \(position(item.madeOn)))"></span>\
                <span class="mark" style="left:\(position(item.due.dueBy))">\(mark)</span>\
                <span class="today" style="left:\(position(day))"></span></div></li>\n
                """
        }
        let chosen = items.count < total
            ? "\(items.count) of \(HTMLParts.count(total)) deadlines: the most overdue, the next due and the latest settled. " : ""
        return """
            <figure class="deadlines">
            <p class="axis"><span>\(DeadlineWords.day(first))</span><span>\(DeadlineWords.day(last))</span></p>
            <ol>
            \(rows)</ol>
            <figcaption>\(chosen)Each line runs from the day a commitment was made to the last day of its deadline; \
            the dashed line is \(DeadlineWords.day(day)). ✕ overdue: past its deadline and still open; ■ settled; \
            ● open and not yet due.</figcaption>
            </figure>
            """
    }

    /// The status vocabulary, each with its symbol and meaning.
    static var legend: String {
        let items = Status.allCases.map { status in
            "<div><dt>\(HTMLParts.badge(status))</dt><dd>\(status.isFinal ? "final" : "open"): \(HTMLParts.definition(status))</dd></div>"
        }
        return "<dl class=\"statuses\">\(items.joined())</dl>\n<p class=\"note\">Overdue: the last day of the deadline "
            + "has passed and the status is still open. On time or late: fulfilled by or after that day.</p>"
    }
}

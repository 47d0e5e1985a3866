/// The columns of each report, as pure functions over commitments, shared by every output
/// format.
public enum Reports {
    /// The columns of `list`.
    public static let listHeader = ["id", "status", "schedule", "due", "due_by", "parties", "lead", "title"]

    /// One `list` row.
    public static func listRow(_ commitment: Commitment, asOf day: CalendarDate) -> [String] {
        [
            commitment.id.map(String.init) ?? "", commitment.status.rawValue,
            commitment.schedule(on: day).rawValue, commitment.due?.text ?? "",
            commitment.due?.dueBy.description ?? "", list(commitment.parties),
            commitment.lead ?? "", commitment.title,
        ]
    }

    /// One `list` entry as JSON: every field but the history, and its schedule.
    public static func listJSON(_ commitment: Commitment, asOf day: CalendarDate) -> String {
        commitment.json(includeHistory: false, extra: [
            ("schedule", JSONText.string(commitment.schedule(on: day).rawValue)),
            ("days_overdue", commitment.daysOverdue(on: day).map { String($0) } ?? "null"),
        ])
    }

    /// The columns of `overdue`.
    public static let overdueHeader = [
        "id", "title", "parties", "lead", "due", "due_by", "days_overdue", "status", "last_update_on",
    ]

    /// One `overdue` row.
    public static func overdueRow(_ commitment: Commitment, asOf day: CalendarDate) -> [String] {
        [
            commitment.id.map(String.init) ?? "", commitment.title, list(commitment.parties),
            commitment.lead ?? "", commitment.due?.text ?? "", commitment.due?.dueBy.description ?? "",
            commitment.daysOverdue(on: day).map(String.init) ?? "0", commitment.status.rawValue,
            commitment.lastUpdateOn.description,
        ]
    }

    /// One `overdue` entry as JSON.
    public static func overdueJSON(_ commitment: Commitment, asOf day: CalendarDate) -> String {
        var object = JSONObjectWriter(level: 1)
        object.add("id", commitment.id.map { Int($0) })
        object.add("uid", commitment.uid)
        object.add("title", commitment.title)
        object.add("parties", commitment.parties)
        object.add("lead", commitment.lead)
        object.add("due", commitment.due?.text)
        object.add("due_by", commitment.due?.dueBy.description)
        object.add("days_overdue", commitment.daysOverdue(on: day) ?? 0)
        object.add("status", commitment.status.rawValue)
        object.add("last_update_on", commitment.lastUpdateOn.description)
        return object.json
    }

    /// The columns of a CSV export, which `import` reads back.
    public static let exportHeader = ImportRecord.csvColumns

    /// One CSV export row; `neutralise` guards cells against spreadsheet formulas.
    public static func exportRow(_ commitment: Commitment, neutralise: Bool) -> [String] {
        let row = [
            commitment.id.map(String.init) ?? "", commitment.uid, commitment.title,
            commitment.status.rawValue, list(commitment.parties), list(commitment.owners),
            list(commitment.tags), commitment.madeOn.description, commitment.occasion,
            commitment.due?.text ?? "", commitment.due?.dueBy.description ?? "", commitment.source,
            commitment.quote, commitment.lastUpdateOn.description,
        ]
        return neutralise ? row.map(CSV.neutralised) : row
    }

    /// `show` as text: every field, then the history.
    public static func detail(_ commitment: Commitment, asOf day: CalendarDate) -> String {
        var lines: [(String, String)] = [
            ("id", commitment.id.map(String.init) ?? ""),
            ("uid", commitment.uid),
            ("title", commitment.title),
            ("status", commitment.status.rawValue),
            ("schedule", scheduleText(commitment, asOf: day)),
            ("parties", list(commitment.parties)),
            ("owners", list(commitment.owners)),
            ("tags", list(commitment.tags)),
            ("made on", commitment.madeOn.description),
            ("occasion", commitment.occasion),
            ("due", commitment.due.map { "\($0.text) (by \($0.dueBy))" } ?? "none"),
            ("source", commitment.source),
        ]
        lines = lines.filter { !$0.1.isEmpty }
        var text = lines.map { name, value in
            name + ":" + String(repeating: " ", count: 10 - name.count) + value
        }.joined(separator: "\n") + "\n"
        if !commitment.quote.isEmpty {
            text += "quote:\n" + commitment.quote.split(separator: "\n", omittingEmptySubsequences: false)
                .map { "  " + $0 }.joined(separator: "\n") + "\n"
        }
        text += "history:\n"
        for update in commitment.history {
            var line = "  \(update.on)  "
            if let to = update.toStatus {
                line += update.fromStatus.map { "\($0) → \(to)" } ?? "→ \(to)"
                if !update.note.isEmpty { line += ": " }
            }
            line += update.note
            if !update.source.isEmpty { line += " [source: \(update.source)]" }
            text += line + "\n"
        }
        return text
    }

    private static func scheduleText(_ commitment: Commitment, asOf day: CalendarDate) -> String {
        let schedule = commitment.schedule(on: day)
        if let days = commitment.daysOverdue(on: day) {
            return "\(schedule) (\(days) day\(days == 1 ? "" : "s") as of \(day))"
        }
        if schedule == .dueSoon || schedule == .upcoming, let left = commitment.daysLeft(on: day) {
            return "\(schedule) (\(left) day\(left == 1 ? "" : "s") left as of \(day))"
        }
        return schedule.rawValue
    }

    /// A list joined for a cell: `US; MX`.
    public static func list(_ values: [String]) -> String {
        values.joined(separator: "; ")
    }
}

import AccordCore

/// The wording of history entries, shared by `show`, `log` and every format.
public enum HistoryText {
    /// What an update changed: `in-progress → fulfilled`, `→ unassessed` for creation,
    /// `edited due: '2024-01' → '2024-02'` for an edit, empty for a note.
    public static func change(_ update: Update) -> String {
        if let to = update.toStatus {
            return update.fromStatus.map { "\($0) → \(to)" } ?? "→ \(to)"
        }
        guard !update.changes.isEmpty else { return "" }
        return "edited " + update.changes.map { change in
            "\(change.field.rawValue): \(value(change.before)) → \(value(change.after))"
        }.joined(separator: "; ")
    }

    /// One history line: `2024-01-04  unassessed → fulfilled: note [source: …]`.
    public static func line(_ update: Update) -> String {
        let change = change(update)
        var line = "\(update.on)  " + change
        if !change.isEmpty && !update.note.isEmpty { line += ": " }
        line += update.note
        if !update.source.isEmpty { line += " [source: \(update.source)]" }
        return line
    }

    /// A field's value in a change: quoted text, a list joined with `; `, `(none)`.
    public static func value(_ value: FieldValue) -> String {
        switch value {
        case .text(let text): return quoted(text)
        case .list(let values): return values.isEmpty ? "(none)" : Reports.list(values)
        case .due(let due): return due.map { quoted($0.text) + ($0.precision == .relative ? " (by \($0.dueBy))" : "") } ?? "(none)"
        case .day(let day): return day.description
        }
    }
}

/// The rows of `log`.
extension LogEntry {
    /// The columns of `log`.
    public static let header = ["on", "id", "title", "change", "note", "source"]

    /// One row of the log.
    public var row: [String] {
        [update.on.description, String(commitmentId), title, HistoryText.change(update), update.note, update.source]
    }

    /// The entry as JSON.
    public var json: String {
        var object = JSONObjectWriter()
        object.add("on", update.on.description)
        object.add("id", Int(commitmentId))
        object.add("uid", uid)
        object.add("title", title)
        object.add("from_status", update.fromStatus?.rawValue)
        object.add("to_status", update.toStatus?.rawValue)
        object.add("note", update.note)
        object.add("source", update.source)
        return object.json
    }
}

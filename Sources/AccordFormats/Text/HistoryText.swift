import AccordCore

/// The wording of history entries, shared by `show`, `log` and every format.
public enum HistoryText {
    /// What a status change did: `in-progress → fulfilled`, `→ unassessed` for creation, empty
    /// for a note.
    public static func change(_ update: Update) -> String {
        guard let to = update.toStatus else { return "" }
        return update.fromStatus.map { "\($0) → \(to)" } ?? "→ \(to)"
    }

    /// One history line: `2024-01-04  unassessed → fulfilled: note [source: …]`.
    public static func line(_ update: Update) -> String {
        var line = "\(update.on)  " + change(update)
        if update.toStatus != nil && !update.note.isEmpty { line += ": " }
        line += update.note
        if !update.source.isEmpty { line += " [source: \(update.source)]" }
        return line
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
        var object = JSONObjectWriter(level: 1)
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

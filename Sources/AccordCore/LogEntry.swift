/// One line of the change log: an update with the commitment it belongs to.
public struct LogEntry: Sendable, Equatable {
    public var commitmentId: Int64
    public var uid: String
    public var title: String
    public var update: Update

    public init(commitmentId: Int64, uid: String, title: String, update: Update) {
        self.commitmentId = commitmentId
        self.uid = uid
        self.title = title
        self.update = update
    }

    /// The columns of `log`.
    public static let header = ["on", "id", "title", "change", "note", "source"]

    /// What changed: `in-progress → fulfilled`, `→ unassessed` for creation, empty for notes.
    public var change: String {
        guard let to = update.toStatus else { return "" }
        return update.fromStatus.map { "\($0) → \(to)" } ?? "→ \(to)"
    }

    /// One row of the log.
    public var row: [String] {
        [update.on.description, String(commitmentId), title, change, update.note, update.source]
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

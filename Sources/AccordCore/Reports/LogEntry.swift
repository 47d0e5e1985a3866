/// One line of the change log: an update with the commitment it belongs to.
public struct LogEntry: Sendable, Equatable {
    /// The commitment's id.
    public var commitmentId: Int64
    /// The commitment's uid.
    public var uid: String
    /// The commitment's title.
    public var title: String
    /// The history entry.
    public var update: Update

    /// Creates a log entry.
    public init(commitmentId: Int64, uid: String, title: String, update: Update) {
        self.commitmentId = commitmentId
        self.uid = uid
        self.title = title
        self.update = update
    }
}

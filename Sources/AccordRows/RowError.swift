import AccordCore

/// A stored value that Accord cannot read: the database was changed behind its back or is
/// damaged. Never turned into a default.
public enum RowError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The column, and (the start of) the text it holds.
    case unreadableValue(column: String, text: String)

    /// The one-line message shown to the user.
    public var description: String {
        switch self {
        case .unreadableValue(let column, let text):
            "the database holds a value Accord cannot read (column \(column): '\(text.prefix(40))'); "
                + "it may be damaged or changed by another program"
        }
    }
}

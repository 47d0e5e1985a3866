/// Where a commitment stands: a closed vocabulary, open or final.
public enum Status: String, CaseIterable, Codable, Sendable, CustomStringConvertible {
    /// Nobody has checked yet: the default.
    case unassessed
    /// Checked: no work has begun.
    case notStarted = "not-started"
    /// Work is under way.
    case inProgress = "in-progress"
    /// Work began and stopped.
    case stalled
    /// Done as promised.
    case fulfilled
    /// Done in part; final.
    case partial
    /// Not done, and no longer going to be.
    case broken
    /// Taken back by those who made it.
    case withdrawn
    /// The evidence cannot settle it.
    case unverifiable

    /// Whether the status is a verdict: changing to one needs a reason, leaving one `--reopen`.
    public var isFinal: Bool {
        switch self {
        case .unassessed, .notStarted, .inProgress, .stalled: return false
        case .fulfilled, .partial, .broken, .withdrawn, .unverifiable: return true
        }
    }

    /// The status's position in `allCases`.
    public var ordinal: Int {
        switch self {
        case .unassessed: 0
        case .notStarted: 1
        case .inProgress: 2
        case .stalled: 3
        case .fulfilled: 4
        case .partial: 5
        case .broken: 6
        case .withdrawn: 7
        case .unverifiable: 8
        }
    }

    /// The statuses that can still become overdue.
    public static let openStatuses = allCases.filter { !$0.isFinal }
    /// The verdicts.
    public static let finalStatuses = allCases.filter(\.isFinal)

    /// Parses a status name, in any case (`Fulfilled`, `IN-PROGRESS`), naming the valid ones
    /// in the error (and the likely one, for a typo).
    public init(parsing text: String) throws(AccordError) {
        guard let status = Status(rawValue: text) ?? Status(rawValue: text.lowercased()) else { throw .unknownStatus(text) }
        self = status
    }

    /// The statuses a filter name stands for: one status, or `open` / `final` for the group.
    public static func group(parsing text: String) throws(AccordError) -> [Status] {
        switch text.lowercased() {
        case "open": return openStatuses
        case "final": return finalStatuses
        default: return [try Status(parsing: text)]
        }
    }

    /// The status's name, as written on the command line and in files.
    public var description: String { rawValue }
}

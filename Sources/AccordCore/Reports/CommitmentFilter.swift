/// Which commitments a report or export covers; every condition given must hold.
public struct CommitmentFilter: Sendable, Equatable {
    /// Any of these statuses; empty means all.
    public var statuses: [Status] = []
    /// Has any of these parties (case-insensitive); empty means all.
    public var parties: [String] = []
    /// Has any of these tags (case-insensitive); empty means all.
    public var tags: [String] = []
    /// Has any of these owners, lead or not (case-insensitive); empty means all.
    public var owners: [String] = []
    /// These words, in order (case- and accent-insensitive), in the title, quote, occasion, owners,
    /// parties, tags or source, or in a note or source of the history; the last may be the
    /// start of a word.
    public var search: String?
    /// Only those overdue on this day, most overdue first.
    public var overdueOn: CalendarDate?
    /// Only open ones whose last day falls in this range, soonest first.
    public var dueBetween: ClosedRange<CalendarDate>?

    /// The order, by these keys in turn (nil: the report's own order).
    public var sort: [SortKey] = []
    /// At most this many commitments.
    public var limit: Int?

    /// A filter that lets everything through.
    public init() {}
}

/// One key of a report's order: a field, ascending or descending.
public struct SortKey: Sendable, Equatable {
    /// The fields a report can be sorted by.
    public enum Field: String, CaseIterable, Sendable {
        /// The fields of the same names.
        case id, uid, title, status
        /// The day it was made.
        case madeOn = "made_on"
        /// The deadline's last day (`due`, `days_left` and, reversed, `days_overdue` sort the same).
        case dueBy = "due_by"
        /// The day of the latest update.
        case lastUpdateOn = "last_update_on"
    }

    /// The field.
    public var field: Field
    /// Whether the order is descending.
    public var isDescending: Bool

    /// Creates a key.
    public init(field: Field, isDescending: Bool = false) {
        self.field = field
        self.isDescending = isDescending
    }

    /// Parses `--sort a,-b,c:desc`: a field name, `-` before it or `:desc` after it for a
    /// descending order; `due`, `days_left` and `days_overdue` sort by the deadline.
    public static func parse(_ text: String) throws(AccordError) -> [SortKey] {
        var keys: [SortKey] = []
        for part in text.split(separator: ",").map({ String($0).trimmingWhiteSpace }) {
            var name = part.lowercased()
            var isDescending = false
            if name.hasPrefix("-") { name.removeFirst(); isDescending = true }
            if name.hasSuffix(":desc") { name.removeLast(5); isDescending = true }
            if name.hasSuffix(":asc") { name.removeLast(4) }
            let aliases: [String: (Field, Bool)] = ["due": (.dueBy, false), "days_left": (.dueBy, false), "days_overdue": (.dueBy, true)]
            if let (field, flips) = aliases[name] {
                keys.append(SortKey(field: field, isDescending: isDescending != flips))
            } else if let field = Field(rawValue: name) {
                keys.append(SortKey(field: field, isDescending: isDescending))
            } else {
                throw .unknownField(name, Field.allCases.map(\.rawValue) + aliases.keys.sorted())
            }
        }
        return keys
    }
}

extension String {
    /// Without the spaces and tabs around it.
    var trimmingWhiteSpace: String {
        var text = Substring(self)
        while text.first == " " || text.first == "\t" { text.removeFirst() }
        while text.last == " " || text.last == "\t" { text.removeLast() }
        return String(text)
    }
}

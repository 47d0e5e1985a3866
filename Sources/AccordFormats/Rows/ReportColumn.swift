import AccordCore
import AccordRows
import Foundation

/// A column that `list`, `overdue`, `due` and `export` can show, chosen with `--fields`.
public enum ReportColumn: String, CaseIterable, Sendable {
    /// The stored fields of the same names, the schedule on the as-of day, and the lead owner.
    case id, uid, title, quote, status, schedule, parties, owners, lead, tags
    /// The day it was made.
    case madeOn = "made_on"
    /// Where it was made, its source, its deadline as written.
    case occasion, source, due
    /// The last day of the deadline.
    case dueBy = "due_by"
    /// Days past the deadline on the as-of day, for overdue commitments.
    case daysOverdue = "days_overdue"
    /// Days until the deadline from the as-of day.
    case daysLeft = "days_left"
    /// The day of the latest history entry.
    case lastUpdateOn = "last_update_on"
    /// The last day of the deadline given when it was made, before any edit moved it.
    case originalDueBy = "original_due_by"
    /// Whether it was fulfilled (or partly) after that original deadline.
    case lateAgainstOriginal = "late_against_original"
    /// The note of the latest status change: the reason for the current status.
    case note
    /// The whole history: JSON only.
    case history

    /// Whether the column is computed from the history, which the store must then read.
    public var needsHistory: Bool {
        self == .history || self == .originalDueBy || self == .lateAgainstOriginal || self == .note
    }

    /// The stored columns the column is formatted from, besides the id and the history: what
    /// a report asks the store for (``storedColumns(of:)``). A test formats every column from
    /// a row holding only these and from a whole row, and compares.
    public var storedColumns: [CommitmentColumn] {
        if let shown = shownColumn { return [shown] }
        switch self {
        case .parties: return [.parties]
        case .owners, .lead: return [.owners]
        case .tags: return [.tags]
        case .daysLeft, .originalDueBy: return [.dueBy]
        case .daysOverdue: return [.dueBy, .status]
        case .schedule, .lateAgainstOriginal: return [.dueBy, .status, .statusChangedOn]
        // The id comes with every row, the note and the history from the history; the rest
        // are shown as stored (above).
        default: return []
        }
    }

    /// The stored column the column shows as it is, or nil for one that each format renders
    /// in its own way.
    var shownColumn: CommitmentColumn? {
        switch self {
        case .uid: .uid
        case .title: .title
        case .quote: .quote
        case .status: .status
        case .madeOn: .madeOn
        case .occasion: .occasion
        case .source: .source
        case .due: .due
        case .dueBy: .dueBy
        case .lastUpdateOn: .lastUpdateOn
        case .id, .schedule, .parties, .owners, .lead, .tags, .daysOverdue, .daysLeft, .history, .originalDueBy,
             .lateAgainstOriginal, .note: nil
        }
    }

    /// The stored columns `columns` are formatted from.
    public static func storedColumns(of columns: [ReportColumn]) -> Set<CommitmentColumn> {
        Set(columns.flatMap(\.storedColumns))
    }

    /// Parses `--fields a,b,c`, naming the valid fields when one is unknown.
    public static func parse(_ text: String, allowHistory: Bool) throws(AccordError) -> [ReportColumn] {
        let names = text.split(separator: ",", omittingEmptySubsequences: false).map(trimmed)
        var columns: [ReportColumn] = []
        for name in names {
            guard let column = ReportColumn(rawValue: name), allowHistory || column != .history else {
                let valid = allCases.filter { allowHistory || $0 != .history }.map(\.rawValue)
                throw .unknownField(name, valid)
            }
            guard !columns.contains(column) else { throw .duplicateValue("field", name) }
            columns.append(column)
        }
        return columns
    }

    /// A field name without the spaces and tabs around it (`id, title`), as
    /// `trimmingCharacters(in: .whitespaces)` gives it without Foundation's character sets,
    /// whose first use costs a million instructions: a tenth of a small report's run.
    private static func trimmed(_ name: Substring) -> String {
        let isSpace = { (scalar: Unicode.Scalar) in
            scalar == " " || scalar == "\t" || scalar.properties.generalCategory == .spaceSeparator
        }
        let scalars = name.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isSpace($0) }), let last = scalars.lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(scalars[first...last])
    }
}

extension ReportColumn {
    /// The columns of `list`.
    public static let listDefault: [ReportColumn] = [.id, .status, .schedule, .due, .dueBy, .parties, .lead, .title]
    /// The members of a `list` JSON entry.
    public static let listJSONDefault: [ReportColumn] = [
        .id, .uid, .title, .quote, .parties, .owners, .tags, .madeOn, .occasion, .source, .due, .dueBy,
        .status, .lastUpdateOn, .schedule, .daysOverdue,
    ]
    /// The columns of `overdue`, in every format.
    public static let overdueDefault: [ReportColumn] = [
        .id, .title, .parties, .lead, .due, .dueBy, .daysOverdue, .status, .lastUpdateOn,
    ]
    /// The members of an `overdue` JSON entry.
    public static let overdueJSONDefault: [ReportColumn] = [
        .id, .uid, .title, .parties, .lead, .due, .dueBy, .daysOverdue, .status, .lastUpdateOn,
    ]
    /// The columns of `due`.
    public static let dueDefault: [ReportColumn] = [.id, .title, .parties, .lead, .due, .dueBy, .daysLeft, .status]
    /// The columns of a CSV export, which `import` reads back.
    public static let exportDefault: [ReportColumn] = CSVImport.knownColumns.compactMap(ReportColumn.init(rawValue:))
    /// The members of a JSON export, which `import` reads back losslessly.
    public static let exportJSONDefault: [ReportColumn] = [
        .id, .uid, .title, .quote, .parties, .owners, .tags, .madeOn, .occasion, .source, .due, .dueBy,
        .originalDueBy, .status, .lastUpdateOn, .history,
    ]

    /// One JSON object of the given columns, for a commitment that is not streamed.
    public static func object(_ columns: [ReportColumn], _ commitment: Commitment, asOf day: CalendarDate) throws -> String {
        let formatter = RowFormatter(columns: columns, asOf: day)
        let out = ByteBuffer()
        try commitment.withRow { try formatter.appendJSON($0, into: out) }
        return out.string
    }
}

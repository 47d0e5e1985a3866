import Foundation

/// A column that `list`, `overdue`, `due` and `export` can show, chosen with `--fields`.
public enum ReportColumn: String, CaseIterable, Sendable {
    case id, uid, title, quote, status, schedule, parties, owners, lead, tags
    case madeOn = "made_on"
    case occasion, source, due
    case dueBy = "due_by"
    case daysOverdue = "days_overdue"
    case daysLeft = "days_left"
    case lastUpdateOn = "last_update_on"
    /// The whole history: JSON only.
    case history

    /// The value of one cell, typed so that JSON gets numbers, arrays and null.
    public enum Cell: Equatable, Sendable {
        case text(String)
        case number(Int)
        case list([String])
        case null
        /// Already JSON (the history).
        case json(String)

        /// The cell in CSV, TSV and tables: lists joined with `; `, null empty.
        public var text: String {
            switch self {
            case .text(let value): return value
            case .number(let value): return String(value)
            case .list(let values): return Reports.list(values)
            case .null: return ""
            case .json(let value): return value
            }
        }

        /// The cell as JSON text.
        public var json: String {
            switch self {
            case .text(let value): return JSONText.string(value)
            case .number(let value): return String(value)
            case .list(let values): return "[" + values.map(JSONText.string).joined(separator: ", ") + "]"
            case .null: return "null"
            case .json(let value): return value
            }
        }
    }

    /// The cell of this column for a commitment on `day`.
    public func cell(_ commitment: Commitment, asOf day: CalendarDate) -> Cell {
        switch self {
        case .id: return commitment.id.map { .number(Int($0)) } ?? .null
        case .uid: return .text(commitment.uid)
        case .title: return .text(commitment.title)
        case .quote: return .text(commitment.quote)
        case .status: return .text(commitment.status.rawValue)
        case .schedule: return .text(commitment.schedule(on: day).rawValue)
        case .parties: return .list(commitment.parties)
        case .owners: return .list(commitment.owners)
        case .lead: return commitment.lead.map(Cell.text) ?? .null
        case .tags: return .list(commitment.tags)
        case .madeOn: return .text(commitment.madeOn.description)
        case .occasion: return .text(commitment.occasion)
        case .source: return .text(commitment.source)
        case .due: return commitment.due.map { .text($0.text) } ?? .null
        case .dueBy: return commitment.due.map { .text($0.dueBy.description) } ?? .null
        case .daysOverdue: return commitment.daysOverdue(on: day).map(Cell.number) ?? .null
        case .daysLeft: return commitment.daysLeft(on: day).map(Cell.number) ?? .null
        case .lastUpdateOn: return .text(commitment.lastUpdateOn.description)
        case .history: return .json(Reports.historyJSON(commitment.history, level: 2))
        }
    }

    /// Parses `--fields a,b,c`, naming the valid fields when one is unknown.
    public static func parse(_ text: String, allowHistory: Bool) throws(AccordError) -> [ReportColumn] {
        let names = text.split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
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
    public static let exportDefault: [ReportColumn] = ImportRecord.csvColumns.compactMap(ReportColumn.init(rawValue:))
    /// The members of a JSON export, which `import` reads back losslessly.
    public static let exportJSONDefault: [ReportColumn] = [
        .id, .uid, .title, .quote, .parties, .owners, .tags, .madeOn, .occasion, .source, .due, .dueBy,
        .status, .lastUpdateOn, .history,
    ]

    /// One row of cells as text.
    public static func row(_ columns: [ReportColumn], _ commitment: Commitment, asOf day: CalendarDate) -> [String] {
        columns.map { $0.cell(commitment, asOf: day).text }
    }

    /// One JSON object of the given columns.
    public static func object(_ columns: [ReportColumn], _ commitment: Commitment, asOf day: CalendarDate,
                              level: Int = 1) -> String {
        var object = JSONObjectWriter(level: level)
        for column in columns {
            var json = column.cell(commitment, asOf: day).json
            if column == .history { json = Reports.historyJSON(commitment.history, level: level + 1) }
            object.addRaw(column.rawValue, json)
        }
        return object.json
    }
}

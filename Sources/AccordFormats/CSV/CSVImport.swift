import AccordCore
import AccordRows
import Foundation

/// Turns CSV records (as ``CSVParser`` emits them) into ``ImportRecord``s, checking the header
/// and every row's shape.
public struct CSVImport: Sendable {
    /// The columns a CSV import understands, in export order.
    public static let knownColumns = [
        "id", "uid", "title", "status", "parties", "owners", "tags", "made_on", "occasion", "due",
        "due_by", "source", "quote", "last_update_on", "note",
    ]
    /// The columns every CSV import must have.
    public static let requiredColumns = ["title", "parties", "made_on"]

    private let columns: [String]
    private let index: [String: Int]
    /// Whether cells carry the formula guard of Accord's default CSV export, to remove.
    private let isGuarded: Bool

    /// Checks the header: known columns only, each once, and the required ones present.
    /// `isGuarded`: the file is a guarded export (the default); false for `--raw` files.
    ///
    /// Header names are matched as spreadsheets write them: in any case, with spaces or
    /// dashes for underscores (`Made On` is `made_on`). A column Accord does not know is
    /// refused, naming the known ones, unless `ignoresUnknownColumns`.
    public init(header: [String], isGuarded: Bool = true, ignoresUnknownColumns: Bool = false) throws(AccordError) {
        self.isGuarded = isGuarded
        let names = header.map(Self.columnName)
        guard names.contains(where: CSVImport.knownColumns.contains) else {
            throw .malformedFile(
                place: "line 1",
                reason: "missing header line: the first line must name the columns, at least "
                    + CSVImport.requiredColumns.joined(separator: ", "))
        }
        var index: [String: Int] = [:]
        for (position, name) in names.enumerated() {
            guard CSVImport.knownColumns.contains(name) else {
                if ignoresUnknownColumns { continue }
                throw .malformedFile(
                    place: "line 1, column \(position + 1)",
                    reason: Suggestion.refusal("unknown column \(quoted(header[position]))", name,
                                               among: CSVImport.knownColumns, expected: "expected columns from")
                        + " (or import with --ignore-unknown-columns)")
            }
            guard index[name] == nil else {
                throw .malformedFile(place: "line 1", reason: "column \(quoted(name)) appears twice")
            }
            index[name] = position
        }
        let missing = CSVImport.requiredColumns.filter { index[$0] == nil }
        guard missing.isEmpty else {
            throw .malformedFile(
                place: "line 1",
                reason: "missing header column(s): " + missing.joined(separator: ", ")
                    + " (the first line must name the columns)")
        }
        columns = names
        self.index = index
    }

    /// A header cell as a column name: trimmed, lower-case, spaces and dashes as underscores.
    static func columnName(_ header: String) -> String {
        String(header.trimmingCharacters(in: .whitespaces).lowercased().map { $0 == " " || $0 == "-" ? "_" : $0 })
    }

    /// Whether a record is a blank line, which is skipped.
    public static func isBlank(_ fields: [String]) -> Bool {
        fields.count == 1 && fields[0].isEmpty
    }

    /// Reads one data row.
    public func record(_ fields: [String], line: Int) throws(AccordError) -> ImportRecord {
        guard fields.count == columns.count else {
            throw .malformedFile(
                place: "line \(line)",
                reason: "\(fields.count) fields where the header has \(columns.count)")
        }
        func value(_ name: String) -> String? {
            index[name].map { isGuarded ? CSV.unguarded(fields[$0]) : fields[$0] }
        }
        func optional(_ name: String) -> String? {
            guard let text = value(name), !text.isEmpty else { return nil }
            return text
        }
        var record = ImportRecord(title: value("title") ?? "", madeOn: value("made_on") ?? "")
        if let id = optional("id") {
            guard let number = Commitment.id(parsing: id) else {
                throw .malformedFile(
                    place: "line \(line), column 'id'", reason: "id \(quoted(id)) is not \(Commitment.validIDsDescription)")
            }
            record.id = number
        }
        record.uid = optional("uid")
        record.quote = value("quote") ?? ""
        record.parties = Field.splitList(value("parties") ?? "")
        record.owners = Field.splitList(value("owners") ?? "")
        record.tags = Field.splitList(value("tags") ?? "")
        record.occasion = value("occasion") ?? ""
        record.source = value("source") ?? ""
        record.due = optional("due")
        record.dueBy = optional("due_by")
        record.status = optional("status")
        record.note = optional("note")
        return record
    }
}

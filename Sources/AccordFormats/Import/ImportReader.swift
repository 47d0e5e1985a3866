import AccordCore
import Foundation

/// The formats `import` reads.
public enum FileFormat: String, Sendable {
    /// RFC 4180 CSV with a header line (`,`, or `;` or TAB as a spreadsheet writes them).
    case csv
    /// The TSV Accord writes: a header line, tab-separated cells, no quoting.
    case tsv
    /// A JSON array of objects.
    case json
}

/// How a CSV or TSV file is read.
public struct TableFileOptions: Sendable {
    /// The field separator, or nil to take the header line's.
    public var separator: UInt8?
    /// Whether cells carry the formula guard of Accord's CSV export (not for `--raw` files).
    public var isGuarded = true
    /// Whether columns Accord does not know are skipped instead of refused.
    public var ignoresUnknownColumns = false
    /// Whether parties that are no ISO 3166-1 country are kept as given (`--new-party`).
    public var allowsNewParties = false

    /// The defaults: separator from the header, guarded, unknown columns refused.
    public init() {}
}

/// Reads an import file into checked commitments, streaming: the file arrives in chunks and
/// each commitment is handed over as soon as it is checked.
public enum ImportReader {
    /// Reads a whole import file, handing each checked commitment to `emit` with the place
    /// it came from ("line 4", "record 2"). A CSV file is read as `table` says.
    public static func readCommitments(
        format: FileFormat, chunks next: () throws -> [UInt8]?, today: CalendarDate,
        table options: TableFileOptions = TableFileOptions(),
        _ emit: (_ commitment: Commitment, _ place: String, _ partyChanges: [(String, String)]) throws -> Void
    ) throws {
        // Parties become ISO codes; what changed goes with the commitment, for the summary.
        func checked(_ record: ImportRecord, _ place: String) throws {
            var record = record
            record.allowsNewParties = options.allowsNewParties
            let changes: [(String, String)]
            do throws(AccordError) {
                (record.parties, changes) = try Party.normalized(record.parties, allowsNew: options.allowsNewParties)
            } catch {
                throw AccordError.malformedFile(place: "\(place), column 'parties'", reason: error.description)
            }
            try emit(try record.makeCommitment(today: today, place: place), place, changes)
        }
        switch format {
        case .json:
            let decoder = JSONDecoder()
            var splitter = JSONArraySplitter()
            while let chunk = try next() {
                try splitter.parse(chunk) { bytes, index in
                    let place = "record \(index)"
                    try checked(try JSONImport.decodeJSON(bytes, place: place, decoder: decoder), place)
                }
            }
            try splitter.finish()
        case .csv, .tsv:
            var first = try next()
            let separator = format == .tsv ? 9 : options.separator ?? CSVParser.separator(ofHeader: first ?? [])
            var parser = CSVParser(separator: separator, quotes: format == .csv)
            var columns: CSVImport?
            // The first record is the header; each later one a commitment.
            func take(_ fields: [String], _ line: Int) throws {
                guard let csv = columns else {
                    columns = try CSVImport(
                        header: fields, isGuarded: format == .csv && options.isGuarded,
                        ignoresUnknownColumns: options.ignoresUnknownColumns)
                    return
                }
                if CSVImport.isBlank(fields) { return }
                let place = "line \(line)"
                try checked(try csv.record(fields, line: line), place)
            }
            // The first chunk was read to find the separator.
            while let chunk = try first ?? next() {
                first = nil
                try parser.parse(chunk) { try take($0, $1) }
            }
            try parser.finish { try take($0, $1) }
            if columns == nil {
                throw AccordError.malformedFile(place: "line 1", reason: "the file is empty; expected a header line")
            }
        }
    }
}

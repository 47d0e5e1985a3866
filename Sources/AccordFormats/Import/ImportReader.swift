import AccordCore
import Foundation

/// The formats `import` reads.
public enum FileFormat: String, Sendable {
    /// RFC 4180 CSV with a header line; a JSON array of objects.
    case csv, json
}

/// Reads an import file into checked commitments, streaming: the file arrives in chunks and
/// each commitment is handed over as soon as it is checked.
public enum ImportReader {
    /// Reads a whole import file, handing each checked commitment to `emit` with the place
    /// it came from ("line 4", "record 2"). A CSV file is read as Accord's guarded export
    /// unless `isGuardedCSV` is false (a `--raw` export).
    public static func readCommitments(
        format: FileFormat, chunks next: () throws -> [UInt8]?, today: CalendarDate, isGuardedCSV: Bool = true,
        _ emit: (Commitment, String) throws -> Void
    ) throws {
        switch format {
        case .json:
            let decoder = JSONDecoder()
            var splitter = JSONArraySplitter()
            while let chunk = try next() {
                try splitter.parse(chunk) { bytes, index in
                    let place = "record \(index)"
                    let record = try JSONImport.decodeJSON(bytes, place: place, decoder: decoder)
                    try emit(try record.makeCommitment(today: today, place: place), place)
                }
            }
            try splitter.finish()
        case .csv:
            var parser = CSVParser()
            var columns: CSVImport?
            // The first record is the header; each later one a commitment.
            func take(_ fields: [String], _ line: Int) throws {
                guard let csv = columns else {
                    columns = try CSVImport(header: fields, isGuarded: isGuardedCSV)
                    return
                }
                if CSVImport.isBlank(fields) { return }
                let place = "line \(line)"
                try emit(try csv.record(fields, line: line).makeCommitment(today: today, place: place), place)
            }
            while let chunk = try next() {
                try parser.parse(chunk) { try take($0, $1) }
            }
            try parser.finish { try take($0, $1) }
            if columns == nil {
                throw AccordError.malformedFile(place: "line 1", reason: "the file is empty; expected a header line")
            }
        }
    }
}

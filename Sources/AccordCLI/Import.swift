import AccordCore
import AccordStore
import ArgumentParser
import Foundation

extension Accord {
    /// `accord import`: reads what `export` writes, all or nothing.
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            // Named here so ArgumentParser need not derive it from the type name at every run.
            commandName: "import",
            abstract: "Import commitments from CSV or JSON, all or nothing.",
            discussion: """
                One bad row rejects the whole file, naming its line and column. A uid that is \
                already stored is an error unless --skip-existing or --replace is given. \
                Without --format, the format follows the file's extension.
                Example: accord import data/2023-12-27-us-mexico-meeting.json
                """)

        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The file to import.")
        var file: String
        @Option(name: .long, help: "csv or json (default: from the file's extension).")
        var format: OutputFormat?
        @Flag(name: .customLong("skip-existing"), help: "Keep stored commitments whose uid is in the file.")
        var skipExisting = false
        @Flag(name: .long, help: "Replace stored commitments whose uid is in the file (their ids are kept).")
        var replace = false

        func validate() throws {
            if skipExisting && replace {
                throw ValidationError("--skip-existing and --replace exclude each other")
            }
        }

        func run() throws {
            let format = try (format ?? Self.format(of: file)).checked([.csv, .json])
            let today = Today.date()
            let policy: AppDatabase.ExistingPolicy = skipExisting ? .skip : (replace ? .replace : .fail)
            let progress = Progress(verb: "imported")
            defer { progress.finish() }
            let handle = try Self.openForReading(file)
            let file = file // for the reading thread, which must not capture the command itself
            // A database that does not exist yet appears only if the whole file goes in.
            let summary = try database.write { store in
                try store.importCommitments(policy: policy) { insert in
                    // The file is read, parsed and checked on a second thread while SQLite
                    // stores the commitments already checked.
                    try Prefetch<(Commitment, String)>.run(
                        produce: { emit in
                            var reader = ChunkReader(handle: handle, path: file)
                            try Self.readCommitments(format: format, from: &reader, today: today) { try emit(($0, $1)) }
                        },
                        consume: { commitment, place in
                            try insert(commitment, place)
                            progress.tick()
                        })
                }
            }
            let message = "imported \(summary.inserted) commitment\(summary.inserted == 1 ? "" : "s")"
                + (summary.skipped > 0 ? ", skipped \(summary.skipped) already stored" : "")
                + (summary.replaced > 0 ? ", replaced \(summary.replaced)" : "") + "\n"
            FileHandle.standardError.write(Data(message.utf8))
        }

        /// Reads a whole import file, handing each checked commitment to `emit` with the place
        /// it came from ("line 4", "record 2").
        static func readCommitments(
            format: OutputFormat, from reader: inout ChunkReader, today: CalendarDate,
            _ emit: (Commitment, String) throws -> Void
        ) throws {
            switch format {
            case .json:
                let decoder = JSONDecoder()
                var splitter = JSONArraySplitter()
                while let chunk = try reader.next() {
                    try splitter.parse(chunk) { bytes, index in
                        let place = "record \(index)"
                        let record = try decodeJSON(bytes, place: place, decoder: decoder)
                        try emit(try record.makeCommitment(today: today, place: place), place)
                    }
                }
                try splitter.finish()
            default:
                var parser = CSVParser()
                var columns: CSVImport?
                // The first record is the header; each later one a commitment.
                func take(_ fields: [String], _ line: Int) throws {
                    guard let csv = columns else {
                        columns = try CSVImport(header: fields)
                        return
                    }
                    if CSVImport.isBlank(fields) { return }
                    let place = "line \(line)"
                    try emit(try csv.record(fields, line: line).makeCommitment(today: today, place: place), place)
                }
                while let chunk = try reader.next() {
                    try parser.parse(chunk) { try take($0, $1) }
                }
                try parser.finish { try take($0, $1) }
                if columns == nil {
                    throw AccordError.malformedFile(place: "line 1", reason: "the file is empty; expected a header line")
                }
            }
        }

        /// The format named by a file's extension.
        static func format(of path: String) throws -> OutputFormat {
            switch URL(fileURLWithPath: path).pathExtension.lowercased() {
            case "csv": return .csv
            case "json": return .json
            default: throw CLIError.unknownFileFormat(path)
            }
        }

        static func openForReading(_ path: String) throws -> FileHandle {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw CLIError.cannotRead(path, "no such file")
            }
            guard !isDirectory.boolValue else { throw CLIError.cannotRead(path, "it is a folder") }
            guard let handle = FileHandle(forReadingAtPath: path) else {
                throw CLIError.cannotRead(path, "permission denied")
            }
            return handle
        }

        /// Decodes one commitment of a JSON import file, naming the field of the first problem.
        static func decodeJSON(_ bytes: [UInt8], place: String, decoder: JSONDecoder) throws -> ImportRecord {
            let json: CommitmentRecordJSON
            do {
                json = try decoder.decode(CommitmentRecordJSON.self, from: Data(bytes))
            } catch let error as DecodingError {
                throw AccordError.malformedFile(place: Self.place(of: error, record: place), reason: reason(of: error))
            } catch {
                throw AccordError.malformedFile(place: place, reason: "not valid JSON")
            }
            var record = ImportRecord(title: json.title, madeOn: json.madeOn)
            record.id = json.id
            record.uid = json.uid
            record.quote = json.quote ?? ""
            record.parties = json.parties
            record.owners = json.owners ?? []
            record.tags = json.tags ?? []
            record.occasion = json.occasion ?? ""
            record.source = json.source ?? ""
            record.due = json.due
            record.dueBy = json.dueBy
            record.status = json.status
            record.history = json.history
            return record
        }

        private static func place(of error: DecodingError, record: String) -> String {
            let path: [any CodingKey]
            switch error {
            case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
                path = context.codingPath
            case .keyNotFound(_, let context):
                path = context.codingPath
            @unknown default:
                path = []
            }
            var text = record
            let rest = path.map { $0.intValue.map { "[\($0 + 1)]" } ?? ".\($0.stringValue)" }.joined()
            if !rest.isEmpty { text += ", field '\(rest.dropFirst())'" }
            return text
        }

        private static func reason(of error: DecodingError) -> String {
            switch error {
            case .typeMismatch(let type, let context):
                if context.codingPath.isEmpty { return "expected an object with the commitment's fields" }
                return "expected \(typeName(type))"
            case .valueNotFound(let type, _):
                return "expected \(typeName(type)), found null"
            case .keyNotFound(let key, _):
                return "missing field '\(key.stringValue)'"
            case .dataCorrupted(let context):
                if context.codingPath.isEmpty { return "not valid JSON (or not UTF-8)" }
                return context.debugDescription
            @unknown default:
                return "not valid"
            }
        }

        private static func typeName(_ type: Any.Type) -> String {
            switch type {
            case is String.Type: return "a string"
            case is Int64.Type, is Int.Type: return "an integer"
            case is [String].Type: return "an array of strings"
            default:
                let name = "\(type)"
                return name.hasPrefix("Array") ? "an array" : (name.contains("JSON") ? "an object" : name)
            }
        }
    }
}

/// Reads a file in 64 KiB chunks.
struct ChunkReader {
    let handle: FileHandle
    let path: String

    /// The next chunk, or nil at the end of the file.
    mutating func next() throws -> [UInt8]? {
        let chunk: Data
        do {
            chunk = try handle.read(upToCount: 1 << 16) ?? Data()
        } catch {
            throw CLIError.cannotRead(path, error.localizedDescription)
        }
        return chunk.isEmpty ? nil : [UInt8](chunk)
    }
}

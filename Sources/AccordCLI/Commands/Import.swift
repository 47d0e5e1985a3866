import AccordCore
import AccordRows
import AccordFormats
import AccordStore
import ArgumentParser
import Foundation

extension Accord {
    /// `accord import`: reads what `export` writes, all or nothing.
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            // Named here so ArgumentParser need not derive it from the type name at every run.
            commandName: "import",
            _superCommandName: "accord",
            abstract: "Import commitments from CSV or JSON, all or nothing.",
            discussion: """
                One bad row rejects the whole file, naming its line and column. A uid that is \
                already stored is an error unless --skip-existing or --replace is given. \
                Without --format, the format follows the file's extension.
                Example: accord import data/2023-12-27-us-mexico-meeting.json
                """)

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var quiet: QuietOption
        @Argument(help: "The file to import.")
        var file: String
        @Option(name: .long, help: "csv, tsv or json (default: from the file's extension).", transform: Import.parseFormat)
        var format: FileFormat?
        @Flag(name: .customLong("skip-existing"), help: "Keep stored commitments whose uid is in the file.")
        var skipExisting = false
        @Flag(name: .long, help: "Update stored commitments whose uid is in the file, as a dated edit (their history is kept).")
        var replace = false
        @Flag(name: .long, help: "Read CSV cells exactly: the file was written by 'export --raw' (without the formula guard).")
        var raw = false
        @Option(name: .long, help: "The CSV field separator: ',', ';' or 'tab' (default: the header line's).",
                transform: Import.parseDelimiter)
        var delimiter: UInt8?
        @Flag(name: .customLong("ignore-unknown-columns"), help: "Skip CSV columns Accord does not know instead of refusing the file.")
        var ignoreUnknownColumns = false
        @Flag(name: .customLong("new-party"), help: "Keep parties that are no ISO 3166-1 country as given instead of refusing them.")
        var newParty = false

        func validate() throws {
            if skipExisting && replace {
                throw ValidationError("--skip-existing and --replace exclude each other")
            }
        }

        func run() throws {
            let format = try format ?? Self.format(of: file)
            let today = Today.date()
            let policy: ImportPolicy = skipExisting ? .skip : (replace ? .update(on: today) : .fail)
            let progress = Progress(verb: "imported")
            defer { progress.finish() }
            let handle = try Self.openForReading(file)
            let file = file // for the reading thread, which must not capture the command itself
            // A database that does not exist yet appears only if the whole file goes in.
            // The summary is written inside the transaction: if it cannot be, nothing is stored.
            let normalised = PartyChanges()
            _ = try database.write { store in
                try store.importCommitments(policy: policy, beforeCommit: { summary in
                    if !quiet.quiet { try Self.report(summary, parties: normalised.names) }
                }) { insert in
                    // The file is read, parsed and checked on a second thread while SQLite
                    // stores the commitments already checked.
                    try Prefetch<(Commitment, String, [(String, String)])>.run(
                        produce: { emit in
                            var reader = ChunkReader(handle: handle, path: file)
                            var table = TableFileOptions()
                            table.separator = delimiter
                            table.isGuarded = !raw
                            table.ignoresUnknownColumns = ignoreUnknownColumns
                            table.allowsNewParties = newParty
                            try ImportReader.readCommitments(
                                format: format, chunks: { try reader.next() }, today: today, table: table
                            ) {
                                try emit(($0, $1, $2))
                            }
                        },
                        consume: { commitment, place, changes in
                            try insert(commitment, place)
                            for (given, code) in changes { normalised.names[given] = code }
                            progress.tick()
                        })
                }
            }
        }

        /// Writes the summary line to standard error, failing when it cannot be written.
        static func report(_ summary: ImportSummary, parties: [String: String] = [:]) throws {
            var message = "imported \(summary.inserted) commitment\(summary.inserted == 1 ? "" : "s")"
            if summary.skipped > 0 { message += ", skipped \(summary.skipped) already stored" }
            if summary.replaced > 0 { message += ", updated \(summary.replaced) (their history kept)" }
            if summary.unchanged > 0 { message += ", \(summary.unchanged) already up to date" }
            if !parties.isEmpty {
                let shown = parties.sorted { $0.key < $1.key }.prefix(10).map { "\(quoted($0.key)) → \($0.value)" }
                message += "; parties written as ISO codes: " + shown.joined(separator: ", ") + (parties.count > 10 ? ", …" : "")
            }
            message += "\n"
            try Output.standardError.write(message)
            try Output.standardError.flush()
        }

        /// Reads `--format`.
        static func parseFormat(_ text: String) throws -> FileFormat {
            guard let format = FileFormat(rawValue: text.lowercased()) else {
                throw CLIError.unsupportedFormat(text, ["csv", "tsv", "json"])
            }
            return format
        }

        /// Reads `--delimiter`.
        static func parseDelimiter(_ text: String) throws -> UInt8 {
            switch text.lowercased() {
            case ",", "comma": return UInt8(ascii: ",")
            case ";", "semicolon": return UInt8(ascii: ";")
            case "\t", "tab": return 9
            default: throw ValidationError("--delimiter takes ',', ';' or 'tab' (not '\(text)')")
            }
        }

        /// The format named by a file's extension.
        static func format(of path: String) throws -> FileFormat {
            switch URL(fileURLWithPath: path).pathExtension.lowercased() {
            case "csv": return .csv
            case "tsv", "tab": return .tsv
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

/// The party names an import wrote as ISO codes, gathered on the storing thread.
final class PartyChanges {
    /// Each name as given, with its code.
    var names: [String: String] = [:]
}

extension Accord.Import: QuickCommand {
    static var quickArguments: [QuickArgument<Self>] {
        [
            .group(DatabaseOptions.self) { $0.database = $1 },
            .group(QuietOption.self) { $0.quiet = $1 },
            .positional(read: { $0 }) { $0.file = $1 },
            .option("--format", read: parseFormat) { $0.format = $1 },
            .flag("--skip-existing") { $0.skipExisting = $1 },
            .flag("--replace") { $0.replace = $1 },
            .flag("--raw") { $0.raw = $1 },
            .option("--delimiter", read: parseDelimiter) { $0.delimiter = $1 },
            .flag("--ignore-unknown-columns") { $0.ignoreUnknownColumns = $1 },
            .flag("--new-party") { $0.newParty = $1 },
        ]
    }
}

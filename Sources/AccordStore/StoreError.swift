import AccordCore
import AccordRows
import Foundation

/// Everything the store refuses or cannot do, with a message naming the value or the file.
public enum StoreError: Error, Equatable, Sendable {
    /// No commitment has this id.
    case unknownID(Int64)
    /// A rule refused the change of one commitment of several: its id, the message.
    case refusedFor(Int64, String)
    /// A commitment with this uid already exists.
    case duplicateUID(String, place: String?)
    /// The same uid or id twice in one import file: field, value, place.
    case duplicateInFile(String, String, place: String)
    /// A read on a path where no database exists yet.
    case noDatabase(String)
    /// The folder of the database does not exist.
    case missingFolder(String)
    /// The database file cannot be opened or created: path, reason.
    case cannotOpen(String, String)
    /// The file is not an SQLite database.
    case notADatabase(String)
    /// An SQLite file that is not Accord's: path, why (empty, another application's).
    case notAccordDatabase(String, String)
    /// The path names something other than a regular file: path, what it is.
    case notAFile(String, String)
    /// A stored value that Accord cannot read, though SQLite finds the file sound: path, detail.
    case unreadableValue(String, String)
    /// The operating system failed to read or write the file: path, SQLite's message.
    case ioFailure(String, String)
    /// The database file is damaged.
    case corrupt(String)
    /// The file or its folder is read-only, so nothing can be written.
    case readOnly(String)
    /// Other processes held the database locked for longer than the busy timeout.
    case busy(String)
    /// The database server, or a pooler before it, cannot take another client now: the
    /// database, the server's or pooler's words.
    case overloaded(String, String)
    /// Another process created the database while this one was building it anew.
    case createdMeanwhile(String)
    /// The database was written by a newer Accord: path, the migrations this build lacks.
    case newerSchema(String, [String])
    /// The disk is full.
    case diskFull(String)
    /// A database error with no better explanation: the SQLite message.
    case database(String)
    /// A database location that cannot be read (a malformed `postgres://` URL): the location
    /// without its password, the reason.
    case invalidLocation(String, String)
    /// The database server refused this role: a wrong password, or a right the role lacks
    /// (a reader writing): the database (never its password), the server's reason.
    case permissionDenied(String, String)
}

extension StoreError: CustomStringConvertible, LocalizedError {
    /// The one-line message shown to the user.
    public var description: String {
        switch self {
        case .refusedFor(let id, let message):
            return "#\(id): \(message); nothing was changed"
        case .unknownID(let id):
            return "no commitment has id \(id); 'accord list' shows the ids"
        case .duplicateUID(let uid, let place):
            let prefix = place.map { "\($0): " } ?? ""
            return prefix + "a commitment with uid \(quoted(uid)) already exists; "
                + "use --skip-existing to keep it or --replace to overwrite it"
        case .duplicateInFile(let field, let value, let place):
            return "\(place): \(field) \(quoted(value)) appears earlier in the same file"
        case .noDatabase(let path):
            return "no database at \(quoted(path)); 'accord add' or 'accord import' creates it"
        case .missingFolder(let path):
            return "the folder of \(quoted(path)) does not exist"
        case .cannotOpen(let path, let reason):
            return "cannot open the database \(quoted(path)): \(reason)"
        case .notADatabase(let path):
            return "\(quoted(path)) is not an Accord database (not an SQLite file)"
        case .notAccordDatabase(let path, let reason):
            return "\(quoted(path)) is not an Accord database (\(reason)); nothing was written to it"
        case .notAFile(let path, let kind):
            return "\(quoted(path)) cannot be a database: it is \(kind), not a regular file"
        case .unreadableValue(let path, let detail):
            return "the database \(quoted(path)) is damaged or was changed by another program (\(detail)); "
                + "restore it from a backup"
        case .ioFailure(let path, let message):
            return "cannot read or write the database \(quoted(path)): \(message)"
        case .corrupt(let path):
            return "the database \(quoted(path)) is damaged (SQLite reports corruption); restore it from a backup"
        case .readOnly(let path):
            return "the database \(quoted(path)) is read-only; reads work, writes need write permission on it and its folder"
        case .busy(let path):
            return "the database \(quoted(path)) stayed locked by other processes; try again"
        case .overloaded(let path, let reason):
            return "the database \(quoted(path)) cannot take another client now (\(reason)); try again"
        case .createdMeanwhile(let path):
            return "another process created the database \(quoted(path)) meanwhile; nothing was written, try again"
        case .newerSchema(let path, let unknown):
            return "the database \(quoted(path)) was written by a newer Accord (unknown migrations: "
                + unknown.joined(separator: ", ") + "); upgrade accord to use it"
        case .diskFull(let path):
            return "the disk holding \(quoted(path)) is full; nothing was written"
        case .database(let message):
            return "database error: \(message)"
        case .invalidLocation(let location, let reason):
            return "cannot read the database location \(quoted(location)): \(reason)"
        case .permissionDenied(let location, let reason):
            return "the database \(quoted(location)) refused: \(reason)"
        }
    }

    /// The message, for Foundation.
    public var errorDescription: String? { description }
}

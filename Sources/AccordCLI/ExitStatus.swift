import AccordCore
import AccordRows
import AccordStore
import ArgumentParser
import Foundation

/// The one place where errors become exit codes and messages (documented in `accord --help`
/// and the README).
enum ExitStatus {
    static let usage: Int32 = 64
    static let dataError: Int32 = 65
    static let noInput: Int32 = 66
    static let software: Int32 = 70
    static let cannotCreate: Int32 = 73
    static let ioError: Int32 = 74
    static let tryAgain: Int32 = 75
    static let noPermission: Int32 = 77

    /// Prints the error as one line on standard error (help and version go to standard
    /// output) and returns the exit code.
    static func report(_ error: Error, arguments: [String] = []) -> Int32 {
        let (described, code) = describe(error)
        let message = code == usage ? described.map { ArgumentHints.hinted($0, arguments: arguments) } : described
        if let message {
            let line = code == 0 ? message + "\n" : "error: " + message + "\n"
            if code == 0 {
                try? Output.standard.write(line)
                try? Output.standard.flush()
            } else {
                Output.message(line)
            }
        }
        return code
    }

    private static func describe(_ error: Error) -> (String?, Int32) {
        switch error {
        case let exit as ExitCode:
            return (nil, exit.rawValue)
        case let error as AccordError:
            if case .malformedFile = error { return (error.description, dataError) }
            return (error.description, usage)
        case let error as StoreError:
            return (error.description, code(for: error))
        case let error as CLIError:
            return (error.description, error.exitCode)
        case let error as RowError:
            return (error.description, ioError)
        default:
            let code = Accord.exitCode(for: error).rawValue
            if code == 0 {
                // --help and --version.
                return (Accord.fullMessage(for: error), 0)
            }
            // ArgumentParser's message may run over several lines (a list of valid values):
            // keep it on one line, without the usage and help hints.
            let lines = Accord.message(for: error).split(separator: "\n")
                .map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty && !$0.hasPrefix("Usage:") && !$0.hasPrefix("See '") && !$0.hasPrefix("Help:") }
            var message = lines.joined(separator: " ")
            if message.hasPrefix("Error: ") { message.removeFirst(7) }
            return (message, code == 1 ? software : code)
        }
    }

    private static func code(for error: StoreError) -> Int32 {
        switch error {
        case .unknownID, .invalidLocation, .refusedFor: return usage
        case .permissionDenied: return noPermission
        case .duplicateUID(_, let place): return place == nil ? usage : dataError
        case .duplicateInFile: return dataError
        case .noDatabase: return noInput
        case .busy, .overloaded, .createdMeanwhile: return tryAgain
        case .missingFolder, .cannotOpen, .notADatabase, .notAccordDatabase, .notAFile, .corrupt, .unreadableValue,
             .ioFailure, .readOnly, .newerSchema, .diskFull:
            return ioError
        case .database: return software
        }
    }
}

/// Errors of the command line itself: files and options.
enum CLIError: Error, CustomStringConvertible {
    /// An input file that does not exist or cannot be read: path, reason.
    case cannotRead(String, String)
    /// An output file that cannot be written: path, reason.
    case cannotWrite(String, String)
    /// A format that this command does not write: format, valid ones.
    case unsupportedFormat(String, [String])
    /// An import file whose format cannot be told from its name.
    case unknownFileFormat(String)

    var description: String {
        switch self {
        case .cannotRead(let path, let reason): return "cannot read \(quoted(path)): \(reason)"
        case .cannotWrite(let path, let reason): return "cannot write \(quoted(path)): \(reason)"
        case .unsupportedFormat(let format, let valid):
            return Suggestion.refusal("this command does not write format '\(format)'", format, among: valid)
        case .unknownFileFormat(let path):
            return "cannot tell the format of \(quoted(path)) from its extension; add --format csv, --format tsv or --format json"
        }
    }

    var exitCode: Int32 {
        switch self {
        case .cannotRead: return ExitStatus.noInput
        case .cannotWrite: return ExitStatus.cannotCreate
        case .unsupportedFormat, .unknownFileFormat: return ExitStatus.usage
        }
    }
}

import AccordCore
import ArgumentParser
import AccordRows

/// Transforms for options and arguments: domain values are read while the arguments are
/// parsed, so a bad value is refused before any command runs, with the domain's message
/// (which ArgumentParser shows after naming the option).
enum Parse {
    /// A status, or the domain's error naming the valid ones.
    static func status(_ text: String) throws -> Status {
        try Status(parsing: text)
    }

    /// A status or a group of them (`open`, `final`).
    static func statusGroup(_ text: String) throws -> [Status] {
        try Status.group(parsing: text)
    }

    /// A calendar day, or the domain's error with an example.
    static func day(_ text: String) throws -> CalendarDate {
        try CalendarDate(parsing: text)
    }

    /// The status names, for help and shell completion.
    static let statusNames = Status.allCases.map(\.rawValue)
}

extension ArgumentHelp {
    /// Help for an option that takes a calendar day.
    static func day(_ text: String) -> ArgumentHelp {
        ArgumentHelp(text, valueName: "YYYY-MM-DD")
    }
}

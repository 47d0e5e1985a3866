import Foundation

/// Everything the domain refuses, each with a message that quotes the offending value and says
/// what would be valid.
public enum AccordError: Error, Equatable, Sendable {
    /// A date that is not a real `YYYY-MM-DD` day.
    case invalidDate(String)
    /// A deadline in none of the accepted forms.
    case invalidDue(String)
    /// A status outside the vocabulary.
    case unknownStatus(String)
    /// A required text that is empty or only white space.
    case emptyField(String)
    /// A text longer than the field allows: field, length, limit.
    case fieldTooLong(String, Int, Int)
    /// A text with characters the field cannot hold (NUL, control characters, `;` in a list).
    case invalidCharacters(String, String)
    /// A uid outside `[A-Za-z0-9._:-]{1,128}`.
    case invalidUID(String)
    /// The same value twice in one list: field, value.
    case duplicateValue(String, String)
    /// More values than a list holds: field, count, limit.
    case tooManyValues(String, Int, Int)
    /// A commitment needs at least one party.
    case missingParty
    /// An update that sets the status the commitment already has.
    case sameStatus(Status)
    /// A change to a final status without a note giving the reason.
    case finalStatusNeedsNote(Status)
    /// Leaving a final status without `--reopen`: current, requested.
    case reopenRequired(Status, Status)
    /// `--reopen` on a commitment whose status is not final.
    case reopenNotFinal(Status)
    /// An update with neither a status nor a note.
    case emptyUpdate
    /// An edit whose every given value equals the current one: the fields given.
    case noChanges([String])
    /// A status change dated before a later one, which would break the timeline: its day,
    /// the later change.
    case laterStatusChange(CalendarDate, Update)
    /// A field changed on a day before a later change of it: field, day, the later change's day.
    case laterEdit(String, CalendarDate, CalendarDate)
    /// Leaving a final status without a note giving the reason.
    case reopenNeedsNote(Status)
    /// A history whose statuses do not chain in date order: the day of the change, the status
    /// it starts from, the status before it.
    case brokenTimeline(CalendarDate, String, Status)
    /// A party that is no ISO 3166-1 country: what was typed, the likely code.
    case unknownParty(String, String?)
    /// A commitment shown as of a day before it was made: id, made on, the day.
    case notMadeYet(Int64, CalendarDate, CalendarDate)
    /// A date after today: field, date, today.
    case dateInFuture(String, CalendarDate, CalendarDate)
    /// An update dated before the commitment was made: update date, made on.
    case updateBeforeMadeOn(CalendarDate, CalendarDate)
    /// A deadline that ends before the commitment was made: due, made on.
    case dueBeforeMadeOn(String, CalendarDate)
    /// A `--fields` name that is not a column: name, valid names.
    case unknownField(String, [String])
    /// A file, or one value in it, that cannot be read: where ("line 4, column 'due'"), why.
    case malformedFile(place: String, reason: String)
}

extension AccordError: CustomStringConvertible {
    /// The one-line message shown to the user.
    public var description: String {
        switch self {
        case .invalidDate(let text):
            return "invalid date \(quoted(text)); expected a real day as YYYY-MM-DD" + CalendarDate.hint(for: text)
        case .invalidDue(let text):
            return "invalid due date \(quoted(text)); expected YYYY-MM-DD, YYYY-MM, YYYY-Qn, YYYY, "
                + "or +Nd, +Nw, +Nm (N from 1) after the date it was made"
        case .unknownStatus(let text):
            return Suggestion.refusal("unknown status \(quoted(text))", text, among: Status.allCases.map(\.rawValue) + ["open", "final"])
        case .emptyField(let field):
            return "\(field) must not be empty"
        case .fieldTooLong(let field, let length, let limit):
            return "\(field) is \(length) characters long; at most \(limit) are allowed"
        case .invalidCharacters(let field, let value):
            return "\(field) \(quoted(value)) contains characters it cannot hold "
                + "(control characters, or ';' inside a list value)"
        case .invalidUID(let text):
            return "invalid uid \(quoted(text)); expected 1 to 128 letters, digits, '.', '_', ':' or '-'"
        case .duplicateValue(let field, let value):
            return "\(field) \(quoted(value)) is given twice"
        case .tooManyValues(let field, let count, let limit):
            return "\(count) values for \(field); at most \(limit) are allowed"
        case .missingParty:
            return "a commitment needs at least one party (for example --party US)"
        case .sameStatus(let status):
            return "the status is already '\(status)'"
        case .finalStatusNeedsNote(let status):
            return "'\(status)' is a final status: give the reason with --note"
        case .reopenRequired(let current, let requested):
            return "the status '\(current)' is final; add --reopen to change it to '\(requested)'"
        case .reopenNotFinal(let status):
            return "--reopen applies to a final status, and '\(status)' is open"
        case .emptyUpdate:
            return "an update needs --status, --note, or both"
        case .noChanges(let fields):
            guard !fields.isEmpty else {
                return "nothing to change: give a new value, e.g. --title, --due, --party (see 'accord edit --help')"
            }
            return "nothing to change: " + fields.map { "--\($0)" }.joined(separator: ", ")
                + (fields.count == 1 ? " equals the current value" : " equal the current values")
        case .laterStatusChange(let day, let later):
            let change = later.fromStatus.map { "\($0) → " } ?? "→ "
            return "a status change on \(day) would come before the one recorded on \(later.on) ("
                + change + (later.toStatus?.rawValue ?? "") + "), breaking the timeline; "
                + "date it on or after \(later.on), or record a note without --status"
        case .laterEdit(let field, let day, let later):
            return "\(field) was changed again on \(later); an edit of it dated \(day) would break the timeline: "
                + "date it on or after \(later)"
        case .brokenTimeline(let day, let from, let before):
            return "the status change on \(day) starts from '\(from)', but the status before it in date order "
                + "is '\(before)': the timeline would not hold"
        case .unknownParty(let text, let likely):
            return "unknown party \(quoted(text))" + (likely.map { "; did you mean '\($0)' (\(Party.name(of: $0) ?? $0))? P" } ?? "; p")
                + "arties are ISO 3166-1 codes (US, MX) or country names in English or Spanish; "
                + "--new-party keeps another name as given"
        case .notMadeYet(let id, let madeOn, let day):
            return "commitment \(id) was made on \(madeOn), after \(day); show it as of \(madeOn) or later"
        case .reopenNeedsNote(let status):
            return "leaving the final status '\(status)' needs the reason: give it with --note"
        case .dateInFuture(let field, let date, let today):
            return "\(field) \(date) is after today (\(today))"
        case .updateBeforeMadeOn(let date, let madeOn):
            return "update date \(date) is before the commitment was made (\(madeOn))"
        case .dueBeforeMadeOn(let due, let madeOn):
            return "due date \(quoted(due)) ends before the commitment was made (\(madeOn))"
        case .unknownField(let name, let valid):
            return Suggestion.refusal("unknown field \(quoted(name))", name, among: valid, expected: "expected some of")
        case .malformedFile(let place, let reason):
            return "\(place): \(reason)"
        }
    }
}

/// Quotes a user's value for a message, escaping what would break the one-line message and
/// shortening what would flood it.
public func quoted(_ value: String) -> String {
    // Each backslash and quote gets a backslash (scalar by scalar: Foundation's
    // replacingOccurrences goes through NSString, a twentieth of `accord add`'s instructions).
    var shown = String.UnicodeScalarView()
    for scalar in value.unicodeScalars.prefix(80) {
        if scalar == "\\" || scalar == "'" { shown.append("\\") }
        shown.append(scalar)
    }
    var text = TerminalText.visible(String(shown))
    if value.unicodeScalars.count > 80 { text += "…" }
    return "'" + text + "'"
}

extension AccordError: LocalizedError {
    /// The message, for Foundation.
    public var errorDescription: String? { description }
}

/// One commitment read from an import file (CSV or JSON), its values as the file gives them,
/// before any rule is checked; ``makeCommitment(today:)``
/// checks it field by field so an error names the field.
public struct ImportRecord: Sendable {
    /// The id to keep when it is free.
    public var id: Int64?
    /// The stable identity; a new UUID when nil.
    public var uid: String?
    /// A short name.
    public var title: String
    /// The verbatim wording from the source.
    public var quote: String = ""
    /// The governments that committed.
    public var parties: [String] = []
    /// Officials or agencies responsible; the first is the lead.
    public var owners: [String] = []
    /// Topics.
    public var tags: [String] = []
    /// The day it was made, as written.
    public var madeOn: String
    /// Where it was made.
    public var occasion: String = ""
    /// A URL or citation.
    public var source: String = ""
    /// The deadline as written, if any.
    public var due: String?
    /// When present, must equal what ``due`` resolves to: a check on hand-edited files.
    public var dueBy: String?
    /// The status as written; must match where the history ends.
    public var status: String?
    /// Whether a party that is no ISO 3166-1 country is kept as given (`--new-party`).
    public var allowsNewParties = false
    /// The note of the creation entry (a `note` column): the reason, when `status` is final.
    public var note: String?
    /// The full history, when the file has one (JSON); nil makes a single creation entry.
    public var history: [Entry]?

    /// One history entry as a file gives it, before any rule is checked.
    public struct Entry: Sendable {
        /// The day, as written.
        public var on: String
        /// The status before, as written.
        public var fromStatus: String?
        /// The status after, as written.
        public var toStatus: String?
        /// What happened.
        public var note: String?
        /// The evidence.
        public var source: String?
        /// What an edit changed, as the file's reader decoded it.
        public var changes: [FieldChange]

        /// Creates an entry from a file's values.
        public init(
            on: String, fromStatus: String?, toStatus: String?, note: String?, source: String?,
            changes: [FieldChange] = []
        ) {
            self.on = on
            self.fromStatus = fromStatus
            self.toStatus = toStatus
            self.note = note
            self.source = source
            self.changes = changes
        }
    }

    /// Creates a record with the required fields.
    public init(title: String, madeOn: String) {
        self.title = title
        self.madeOn = madeOn
    }

    /// Checks every field and makes the commitment, or throws an error naming the field.
    /// `place` prefixes the message ("line 4", "record 2").
    public func makeCommitment(today: CalendarDate, place: String) throws(AccordError) -> Commitment {
        func checked<T>(_ column: String, _ body: () throws(AccordError) -> T) throws(AccordError) -> T {
            do {
                return try body()
            } catch {
                throw .malformedFile(place: "\(place), column '\(column)'", reason: error.description)
            }
        }
        let madeOnDate = try checked("made_on") { () throws(AccordError) -> CalendarDate in
            try CalendarDate(parsing: self.madeOn)
        }
        var draft = NewCommitment(title: title, madeOn: madeOnDate)
        draft.uid = uid
        draft.quote = quote
        draft.parties = parties
        draft.owners = owners
        draft.tags = tags
        draft.occasion = occasion
        draft.source = source
        draft.due = due
        draft.note = note ?? "imported"
        draft.allowsNewParties = allowsNewParties
        // The same rule as `update`: a verdict needs its reason.
        if history == nil, let text = self.status, let status = try? Status(parsing: text), status.isFinal, note == nil {
            throw .malformedFile(
                place: "\(place), column 'status'",
                reason: "'\(status)' is a final status: give the reason in a 'note' column")
        }
        let status = try checked("status") { () throws(AccordError) -> Status? in
            try self.status.map(Status.init(parsing:))
        }
        draft.status = status ?? .unassessed
        var commitment: Commitment
        do throws(AccordError) {
            commitment = try Commitment.make(draft, today: today)
        } catch {
            throw .malformedFile(place: "\(place), column '\(Self.column(of: error))'", reason: error.description)
        }
        commitment.id = id
        if let dueBy {
            try checked("due_by") { () throws(AccordError) -> Void in
                guard commitment.due?.dueBy.description == dueBy else {
                    throw .malformedFile(
                        place: place,
                        reason: "due_by \(quoted(dueBy)) does not match due \(quoted(due ?? "")), which ends on "
                            + (commitment.due?.dueBy.description ?? "no day"))
                }
            }
        }
        if let history, !history.isEmpty {
            commitment = try checked("history") { () throws(AccordError) -> Commitment in
                try replaying(history, onto: commitment, today: today)
            }
            if let status, status != commitment.status {
                throw .malformedFile(
                    place: "\(place), column 'status'",
                    reason: "status '\(status)' differs from '\(commitment.status)', where the history ends")
            }
        }
        return commitment
    }

    /// Rebuilds a commitment's history from a file, checking dates and the chain of statuses.
    private func replaying(
        _ updates: [Entry], onto base: Commitment, today: CalendarDate
    ) throws(AccordError) -> Commitment {
        var commitment = base
        commitment.history = []
        commitment.lastUpdateOn = base.madeOn
        // Read in date order (ties in the file's order): the chain of statuses must hold there.
        var entries: [(label: String, update: Update)] = []
        for (index, entry) in updates.enumerated() {
            let label = "update \(index + 1)"
            let on: CalendarDate
            do throws(AccordError) { on = try CalendarDate(parsing: entry.on) } catch {
                throw .malformedFile(place: label, reason: error.description)
            }
            guard on <= today else { throw .dateInFuture("\(label) date", on, today) }
            guard on >= base.madeOn else { throw .updateBeforeMadeOn(on, base.madeOn) }
            let from = try entry.fromStatus.map(Status.init(parsing:))
            let to = try entry.toStatus.map(Status.init(parsing:))
            if from != nil && to == nil { throw .malformedFile(place: label, reason: "from_status without to_status") }
            let note = try Field.checkedText(entry.note ?? "", field: "note", limit: Commitment.Limit.longText, multiline: true)
            let source = try Field.checkedText(entry.source ?? "", field: "source", limit: Commitment.Limit.shortText)
            entries.append((label, Update(on: on, fromStatus: from, toStatus: to, note: note, source: source, changes: entry.changes)))
        }
        let ordered = entries.enumerated().sorted { ($0.element.update.on, $0.offset) < ($1.element.update.on, $1.offset) }
            .map(\.element)
        var current: Status?
        for (position, (label, update)) in ordered.enumerated() {
            if position == 0 {
                guard update.fromStatus == nil, let to = update.toStatus else {
                    throw .malformedFile(
                        place: label,
                        reason: "the earliest update must set the initial status (to_status) and have no from_status")
                }
                current = to
            } else if let to = update.toStatus {
                guard update.fromStatus == current else {
                    throw .malformedFile(
                        place: label,
                        reason: "from_status '\(update.fromStatus?.rawValue ?? "null")' does not match the status "
                            + "before it in date order, '\(current?.rawValue ?? "none")'")
                }
                current = to
            }
            if let to = update.toStatus, to.isFinal, position > 0, update.note.isEmpty {
                throw .malformedFile(place: label, reason: "'\(to)' is a final status: the entry needs a note giving the reason")
            }
            commitment.append(update)
        }
        return commitment
    }

    /// The column a domain error from ``Commitment/make(_:today:)`` is about.
    private static func column(of error: AccordError) -> String {
        switch error {
        case .emptyField(let field), .fieldTooLong(let field, _, _), .invalidCharacters(let field, _),
             .duplicateValue(let field, _), .tooManyValues(let field, _, _):
            switch field {
            case "party": return "parties"
            case "owner": return "owners"
            case "tag": return "tags"
            default: return field
            }
        case .missingParty, .unknownParty: return "parties"
        case .invalidUID: return "uid"
        case .invalidDue, .dueBeforeMadeOn: return "due"
        case .dateInFuture: return "made_on"
        default: return "title"
        }
    }
}

/// One entry in a commitment's append-only history: a status change, a note, or an edit of
/// its fields, each dated and sourced.
public struct Update: Hashable, Sendable {
    /// The day it happened (not the day it was typed in).
    public var on: CalendarDate
    /// The status before, when this update changed it; nil for creation, notes and edits.
    public var fromStatus: Status?
    /// The status after, when this update set it.
    public var toStatus: Status?
    /// What happened, or why an edit was made.
    public var note: String
    /// A URL or citation for the evidence.
    public var source: String
    /// What an edit changed, with the values before and after; empty for other updates.
    public var changes: [FieldChange]

    /// Creates an update.
    public init(
        on: CalendarDate, fromStatus: Status?, toStatus: Status?, note: String, source: String,
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

/// A field of a commitment that `edit` changes; the history keeps its earlier values.
public enum EditableField: String, CaseIterable, Sendable {
    /// The short name.
    case title
    /// The verbatim wording.
    case quote
    /// The governments that committed.
    case parties
    /// The officials or agencies responsible.
    case owners
    /// The topics.
    case tags
    /// Where it was made.
    case occasion
    /// The commitment's own source.
    case source
    /// The deadline.
    case due
    /// The day it was made (a correction of the record).
    case madeOn = "made_on"
}

/// A field's value, as the history keeps it.
public enum FieldValue: Hashable, Sendable {
    /// A text field's value.
    case text(String)
    /// A list's values, in order.
    case list([String])
    /// A deadline, or none.
    case due(Due?)
    /// A calendar day.
    case day(CalendarDate)
}

/// What an edit did to one field.
public struct FieldChange: Hashable, Sendable {
    /// The field.
    public var field: EditableField
    /// Its value before the edit.
    public var before: FieldValue
    /// Its value after the edit.
    public var after: FieldValue

    /// Creates a change.
    public init(field: EditableField, before: FieldValue, after: FieldValue) {
        self.field = field
        self.before = before
        self.after = after
    }
}

extension Commitment {
    /// The current value of `field`.
    public func value(of field: EditableField) -> FieldValue {
        switch field {
        case .title: .text(title)
        case .quote: .text(quote)
        case .parties: .list(parties)
        case .owners: .list(owners)
        case .tags: .list(tags)
        case .occasion: .text(occasion)
        case .source: .text(source)
        case .due: .due(due)
        case .madeOn: .day(madeOn)
        }
    }

    /// Sets `field` to `value`; a value of another kind than the field's is ignored.
    mutating func set(_ field: EditableField, to value: FieldValue) {
        switch (field, value) {
        case (.title, .text(let text)): title = text
        case (.quote, .text(let text)): quote = text
        case (.occasion, .text(let text)): occasion = text
        case (.source, .text(let text)): source = text
        case (.parties, .list(let values)): parties = values
        case (.owners, .list(let values)): owners = values
        case (.tags, .list(let values)): tags = values
        case (.due, .due(let deadline)): due = deadline
        case (.madeOn, .day(let day)): madeOn = day
        default: break
        }
    }
}

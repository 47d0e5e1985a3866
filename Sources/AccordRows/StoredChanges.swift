import AccordCore
import Foundation

/// The stored form of what an edit changed: a JSON object from field name to `[before, after]`,
/// texts as strings, lists as arrays of strings, a deadline as its text (or null) with its last
/// day under `due_by`, so that a query can find the deadline in force on a past day.
public enum StoredChanges {
    /// The JSON object for `changes`, or nil when there are none.
    public static func encode(_ changes: [FieldChange]) -> String? {
        guard !changes.isEmpty else { return nil }
        var members: [String] = []
        for change in changes {
            members.append(JSONString.literal(change.field.rawValue) + ":[" + json(change.before) + "," + json(change.after) + "]")
            if case .due(let before) = change.before, case .due(let after) = change.after {
                members.append("\"due_by\":[" + json(before?.dueBy.description) + "," + json(after?.dueBy.description) + "]")
            }
        }
        return "{" + members.joined(separator: ",") + "}"
    }

    /// Reads what ``encode(_:)`` wrote (or a file's `changes` member); relative deadlines count
    /// from `madeOn`. Nil when the text is not such an object.
    public static func decode(_ text: String, madeOn: CalendarDate) -> [FieldChange]? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else { return nil }
        return decode(object, madeOn: madeOn)
    }

    /// Reads a decoded JSON object of changes.
    public static func decode(_ object: [String: Any], madeOn: CalendarDate) -> [FieldChange]? {
        var changes: [FieldChange] = []
        for field in EditableField.allCases {
            guard let pair = object[field.rawValue] else { continue }
            let days = (object["due_by"] as? [Any]).map { $0.map { ($0 as? String).flatMap { try? CalendarDate(parsing: $0) } } }
            guard let values = pair as? [Any], values.count == 2,
                  let before = value(values[0], field: field, madeOn: madeOn, dueBy: days?.first ?? nil),
                  let after = value(values[1], field: field, madeOn: madeOn, dueBy: days?.last ?? nil) else { return nil }
            changes.append(FieldChange(field: field, before: before, after: after))
        }
        let known = Set(EditableField.allCases.map(\.rawValue) + ["due_by"])
        guard object.keys.allSatisfy(known.contains) else { return nil }
        return changes
    }

    /// The deadline's last days before and after, from a stored `changes` object that moved it.
    public static func dueByPair(_ text: String) -> (before: CalendarDate?, after: CalendarDate?)? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
              let pair = object["due_by"] as? [Any], pair.count == 2 else { return nil }
        func day(_ value: Any) -> CalendarDate?? {
            if value is NSNull { return .some(nil) }
            guard let text = value as? String, let day = try? CalendarDate(parsing: text) else { return nil }
            return .some(day)
        }
        guard let before = day(pair[0]), let after = day(pair[1]) else { return nil }
        return (before, after)
    }

    private static func json(_ value: FieldValue) -> String {
        switch value {
        case .text(let text): JSONString.literal(text)
        case .list(let values): StoredList.encode(values)
        case .due(let due): json(due?.text)
        case .day(let day): JSONString.literal(day.description)
        }
    }

    private static func json(_ text: String?) -> String {
        text.map(JSONString.literal) ?? "null"
    }

    /// A value of `field`; a deadline keeps the last day stored with it (`dueBy`), which a
    /// relative deadline had from the made-on day then.
    private static func value(_ json: Any, field: EditableField, madeOn: CalendarDate, dueBy: CalendarDate?) -> FieldValue? {
        switch field {
        case .title, .quote, .occasion, .source:
            return (json as? String).map(FieldValue.text)
        case .parties, .owners, .tags:
            return (json as? [String]).map(FieldValue.list)
        case .madeOn:
            guard let text = json as? String, let day = try? CalendarDate(parsing: text) else { return nil }
            return .day(day)
        case .due:
            if json is NSNull { return .due(nil) }
            guard let text = json as? String else { return nil }
            if let dueBy, let due = Due(text: text, dueBy: dueBy) { return .due(due) }
            guard let due = try? Due(parsing: text, madeOn: madeOn) else { return nil }
            return .due(due)
        }
    }
}

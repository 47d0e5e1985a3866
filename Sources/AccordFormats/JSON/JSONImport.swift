import AccordCore
import AccordRows
import Foundation

// What a JSON import file holds: an array of objects with the snake_case names of a JSON
// export. Unknown members are ignored; missing optional ones take their defaults.

extension ImportRecord: Decodable {
    private enum CodingKeys: String, CodingKey {
        case id, uid, title, quote, parties, owners, tags, occasion, source, due, status, history, note
        case madeOn = "made_on"
        case dueBy = "due_by"
    }

    /// Decodes a record; the domain checks its values later (``makeCommitment(today:place:)``).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(title: try container.decode(String.self, forKey: .title),
                  madeOn: try container.decode(String.self, forKey: .madeOn))
        id = try Self.decodeID(container)
        uid = try container.decodeIfPresent(String.self, forKey: .uid)
        quote = try container.decodeIfPresent(String.self, forKey: .quote) ?? ""
        parties = try container.decode([String].self, forKey: .parties)
        owners = try container.decodeIfPresent([String].self, forKey: .owners) ?? []
        tags = try container.decodeIfPresent([String].self, forKey: .tags) ?? []
        occasion = try container.decodeIfPresent(String.self, forKey: .occasion) ?? ""
        source = try container.decodeIfPresent(String.self, forKey: .source) ?? ""
        due = try container.decodeIfPresent(String.self, forKey: .due)
        dueBy = try container.decodeIfPresent(String.self, forKey: .dueBy)
        status = try container.decodeIfPresent(String.self, forKey: .status)
        note = try container.decodeIfPresent(String.self, forKey: .note)
        history = try container.decodeIfPresent([Entry].self, forKey: .history)
        // What edits changed is read once the day it was made is known (relative deadlines
        // count from it); an invalid made_on is reported when the record is checked.
        if let madeOn = try? CalendarDate(parsing: self.madeOn),
           let raw = try container.decodeIfPresent([RawEntry].self, forKey: .history) {
            for (index, entry) in raw.enumerated() {
                guard let changes = entry.changes else { continue }
                guard let decoded = StoredChanges.decode(changes.object, madeOn: madeOn) else {
                    throw DecodingError.dataCorrupted(.init(
                        codingPath: [CodingKeys.history, IndexKey(intValue: index), RawEntry.CodingKeys.changes],
                        debugDescription: "expected an object from field names to [before, after]"))
                }
                history?[index].changes = decoded
            }
        }
    }
}

/// A history entry's `changes`, as any JSON, before the domain reads it.
private struct RawEntry: Decodable {
    enum CodingKeys: String, CodingKey { case changes }
    var changes: AnyJSON?
}

/// An array index in a coding path.
private struct IndexKey: CodingKey {
    var stringValue: String { String(intValue ?? 0) }
    var intValue: Int?
    init(intValue: Int) { self.intValue = intValue }
    init?(stringValue: String) { nil }
}

/// Any JSON value decoded into Foundation's types (`[String: Any]`, `[Any]`, `String`,
/// `NSNull`…), as `StoredChanges` reads them.
private struct AnyJSON: Decodable {
    let value: Any

    /// The value as an object, or an empty one.
    var object: [String: Any] { value as? [String: Any] ?? ["": NSNull()] }

    init(from decoder: any Decoder) throws {
        if let container = try? decoder.container(keyedBy: AnyKey.self) {
            var object: [String: Any] = [:]
            for key in container.allKeys { object[key.stringValue] = try container.decode(AnyJSON.self, forKey: key).value }
            value = object
        } else if var container = try? decoder.unkeyedContainer() {
            var array: [Any] = []
            while !container.isAtEnd { array.append(try container.decode(AnyJSON.self).value) }
            value = array
        } else {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() {
                value = NSNull()
            } else if let text = try? container.decode(String.self) {
                value = text
            } else if let flag = try? container.decode(Bool.self) {
                value = flag
            } else {
                value = try container.decode(Double.self)
            }
        }
    }

    private struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}

extension ImportRecord {
    /// The id, when present and not null: one of ``Commitment/validIDs``, whatever else the
    /// number is (too large for 64 bits, a fraction, a string).
    private static func decodeID(_ container: KeyedDecodingContainer<CodingKeys>) throws -> Int64? {
        guard container.contains(.id), try !container.decodeNil(forKey: .id) else { return nil }
        if let number = try? container.decode(Int64.self, forKey: .id), Commitment.validIDs.contains(number) {
            return number
        }
        let written = (try? container.decode(Decimal.self, forKey: .id)).map { "\($0)" }
            ?? (try? container.decode(String.self, forKey: .id)).map { quoted($0) } ?? "value"
        throw DecodingError.dataCorruptedError(
            forKey: .id, in: container,
            debugDescription: "id \(written) is not \(Commitment.validIDsDescription)")
    }
}

extension ImportRecord.Entry: Decodable {
    private enum CodingKeys: String, CodingKey {
        case on, note, source
        case fromStatus = "from_status"
        case toStatus = "to_status"
    }

    /// Decodes a history entry of a JSON file.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            on: try container.decode(String.self, forKey: .on),
            fromStatus: try container.decodeIfPresent(String.self, forKey: .fromStatus),
            toStatus: try container.decodeIfPresent(String.self, forKey: .toStatus),
            note: try container.decodeIfPresent(String.self, forKey: .note),
            source: try container.decodeIfPresent(String.self, forKey: .source))
    }
}

/// Turns the objects of a JSON import file into ``ImportRecord``s with messages that name the
/// record and the field.
public enum JSONImport {
    /// Decodes one commitment of a JSON import file, naming the field of the first problem.
    public static func decodeJSON(_ bytes: [UInt8], place: String, decoder: JSONDecoder) throws -> ImportRecord {
        do {
            return try decoder.decode(ImportRecord.self, from: Data(bytes))
        } catch let error as DecodingError {
            throw AccordError.malformedFile(place: Self.place(of: error, record: place), reason: reason(of: error))
        } catch {
            throw AccordError.malformedFile(place: place, reason: "not valid JSON")
        }
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
            return name.hasPrefix("Array") ? "an array" : (name.contains("Record") || name.contains("Entry") ? "an object" : name)
        }
    }
}

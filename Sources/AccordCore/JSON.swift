import Foundation

/// Writes JSON text by hand, so keys keep the documented order and records stream one at
/// a time.
public struct JSONObjectWriter {
    private var text = "{"
    private var isFirst = true
    private let indent: String

    /// Starts an object nested `level` deep (for indentation).
    public init(level: Int = 0) {
        indent = String(repeating: "  ", count: level)
    }

    /// Adds a string member.
    public mutating func add(_ key: String, _ value: String) {
        addRaw(key, JSONText.string(value))
    }

    /// Adds a string member, or null.
    public mutating func add(_ key: String, _ value: String?) {
        addRaw(key, value.map(JSONText.string) ?? "null")
    }

    /// Adds an integer member, or null.
    public mutating func add(_ key: String, _ value: Int?) {
        addRaw(key, value.map { String($0) } ?? "null")
    }

    /// Adds an array of strings.
    public mutating func add(_ key: String, _ values: [String]) {
        addRaw(key, "[" + values.map(JSONText.string).joined(separator: ", ") + "]")
    }

    /// Adds a member whose value is already JSON text.
    public mutating func addRaw(_ key: String, _ json: String) {
        text += isFirst ? "\n" : ",\n"
        isFirst = false
        text += indent + "  " + JSONText.string(key) + ": " + json
    }

    /// The finished object.
    public var json: String {
        isFirst ? "{}" : text + "\n" + indent + "}"
    }
}

/// JSON string escaping.
public enum JSONText {
    /// A JSON string literal for `value`, escaping quotes, backslashes and control characters.
    public static func string(_ value: String) -> String {
        // Most values need no escaping: copy them in one go.
        if !value.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) {
            return "\"" + value + "\""
        }
        var result = "\""
        result.reserveCapacity(value.utf8.count + 2)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        result += "\""
        return result
    }
}

/// A commitment as it appears in a JSON file, before any rule is checked.
public struct CommitmentRecordJSON: Decodable, Sendable {
    public var id: Int64?
    public var uid: String?
    public var title: String
    public var quote: String?
    public var parties: [String]
    public var owners: [String]?
    public var tags: [String]?
    public var madeOn: String
    public var occasion: String?
    public var source: String?
    public var due: String?
    public var dueBy: String?
    public var status: String?
    public var history: [UpdateJSON]?

    /// An update as it appears in a JSON file.
    public struct UpdateJSON: Decodable, Sendable {
        public var on: String
        public var fromStatus: String?
        public var toStatus: String?
        public var note: String?
        public var source: String?

        enum CodingKeys: String, CodingKey {
            case on, note, source
            case fromStatus = "from_status"
            case toStatus = "to_status"
        }
    }

    enum CodingKeys: String, CodingKey {
        case id, uid, title, quote, parties, owners, tags, occasion, source, due, status, history
        case madeOn = "made_on"
        case dueBy = "due_by"
    }
}

extension JSONText {
    /// A compact JSON array of strings.
    public static func array(_ values: [String]) -> String {
        "[" + values.map(string).joined(separator: ",") + "]"
    }

    /// Parses a JSON array of strings (as the store writes lists), or returns nil.
    public static func stringArray(_ text: String) -> [String]? {
        var values: [String] = []
        var scalars = text.unicodeScalars.makeIterator()
        func next() -> Unicode.Scalar? {
            while let scalar = scalars.next() {
                if scalar != " " && scalar != "\n" && scalar != "\t" && scalar != "\r" { return scalar }
            }
            return nil
        }
        guard next() == "[" else { return nil }
        var token = next()
        if token == "]" { return next() == nil ? values : nil }
        while true {
            guard token == "\"" else { return nil }
            var value = String.UnicodeScalarView()
            var pendingHigh: UInt32?
            while true {
                guard let scalar = scalars.next() else { return nil }
                if scalar == "\"" { break }
                guard scalar == "\\" else { value.append(scalar); continue }
                guard let escape = scalars.next() else { return nil }
                switch escape {
                case "n": value.append("\n")
                case "r": value.append("\r")
                case "t": value.append("\t")
                case "b": value.append("\u{8}")
                case "f": value.append("\u{C}")
                case "u":
                    var code: UInt32 = 0
                    for _ in 0..<4 {
                        guard let digit = scalars.next(), let number = UInt32(String(digit), radix: 16) else { return nil }
                        code = code * 16 + number
                    }
                    if (0xD800...0xDBFF).contains(code) {
                        pendingHigh = code
                        continue
                    }
                    if let high = pendingHigh, (0xDC00...0xDFFF).contains(code) {
                        code = 0x10000 + ((high - 0xD800) << 10) + (code - 0xDC00)
                        pendingHigh = nil
                    }
                    guard let decoded = Unicode.Scalar(code) else { return nil }
                    value.append(decoded)
                default: value.append(escape)
                }
            }
            values.append(String(value))
            token = next()
            if token == "]" { return next() == nil ? values : nil }
            guard token == "," else { return nil }
            token = next()
        }
    }
}

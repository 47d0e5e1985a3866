import AccordCore
import AccordRows
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
        addRaw(key, JSONString.literal(value))
    }

    /// Adds a string member, or null.
    public mutating func add(_ key: String, _ value: String?) {
        addRaw(key, value.map(JSONString.literal) ?? "null")
    }

    /// Adds an integer member, or null.
    public mutating func add(_ key: String, _ value: Int?) {
        addRaw(key, value.map { String($0) } ?? "null")
    }

    /// Adds an array of strings.
    public mutating func add(_ key: String, _ values: [String]) {
        addRaw(key, "[" + values.map(JSONString.literal).joined(separator: ", ") + "]")
    }

    /// Adds a member whose value is already JSON text.
    public mutating func addRaw(_ key: String, _ json: String) {
        text += isFirst ? "\n" : ",\n"
        isFirst = false
        text += indent + "  " + JSONString.literal(key) + ": " + json
    }

    /// The finished object.
    public var json: String {
        isFirst ? "{}" : text + "\n" + indent + "}"
    }
}


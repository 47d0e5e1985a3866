import AccordCore
import AccordRows
/// Writes compact JSON text by hand, as every JSON output is (``JSONPretty`` indents it for
/// `--pretty`), so keys keep the documented order and records stream one at a time.
public struct JSONObjectWriter {
    private var text = "{"
    private var isFirst = true

    /// Starts an object.
    public init() {}

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
        addRaw(key, "[" + values.map(JSONString.literal).joined(separator: ",") + "]")
    }

    /// Adds a member whose value is already JSON text.
    public mutating func addRaw(_ key: String, _ json: String) {
        if !isFirst { text += "," }
        isFirst = false
        text += JSONString.literal(key) + ":" + json
    }

    /// The finished object.
    public var json: String { text + "}" }
}


import AccordCore

/// The stored form of a list (parties, owners, tags): a compact JSON array of strings, which
/// the schema checks with `json_valid` and reports read byte by byte.
public enum StoredList {
    /// The compact JSON array of `values`.
    public static func encode(_ values: [String]) -> String {
        "[" + values.map(JSONString.literal).joined(separator: ",") + "]"
    }

    /// Parses a JSON array of strings (as the store writes lists), or returns nil.
    public static func decode(_ text: String) -> [String]? {
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

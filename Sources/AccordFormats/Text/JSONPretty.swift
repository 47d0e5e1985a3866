/// Indents compact JSON text two spaces per level, for `--pretty`: every JSON output is compact
/// (arrays one element per line), and this is the one way any of them is made readable.
public enum JSONPretty {
    /// `json` indented, with `": "` after keys; strings are copied as they are.
    public static func format(_ json: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(json.utf8.count * 2)
        var depth = 0
        var isInString = false, isEscaped = false
        var bytes = Array(json.utf8)
        // An empty object or array stays on one line.
        bytes.removeAll { $0 == 10 }
        func newline() {
            out.append(10)
            out.append(contentsOf: repeatElement(32, count: 2 * depth))
        }
        for (index, byte) in bytes.enumerated() {
            if isInString {
                out.append(byte)
                if isEscaped { isEscaped = false } else if byte == 92 { isEscaped = true } else if byte == 34 { isInString = false }
                continue
            }
            switch byte {
            case 34:
                isInString = true
                out.append(byte)
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                out.append(byte)
                let next = index + 1 < bytes.count ? bytes[index + 1] : 0
                if next == UInt8(ascii: "}") || next == UInt8(ascii: "]") { continue }
                depth += 1
                newline()
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                let previous = index > 0 ? bytes[index - 1] : 0
                if previous != UInt8(ascii: "{") && previous != UInt8(ascii: "[") {
                    depth = max(0, depth - 1)
                    newline()
                }
                out.append(byte)
            case UInt8(ascii: ","):
                out.append(byte)
                newline()
            case UInt8(ascii: ":"):
                out.append(contentsOf: [byte, 32])
            case 32, 9, 13:
                continue
            default:
                out.append(byte)
            }
        }
        out.append(10)
        return String(decoding: out, as: UTF8.self)
    }
}

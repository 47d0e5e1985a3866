import AccordCore
import AccordRows

/// Numbers and the store's JSON lists, written byte by byte.
public enum ByteFormat {
    private static let null: [UInt8] = Array("null".utf8)
    private static let listSeparator: [UInt8] = Array("; ".utf8)

    /// Appends a decimal integer.
    public static func appendInteger(_ value: Int, into out: ByteBuffer) {
        if value < 0 { out.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[count] = UInt8(magnitude % 10) + 48
                magnitude /= 10
                count += 1
            } while magnitude > 0
            for index in stride(from: count - 1, through: 0, by: -1) { out.append(buffer[index]) }
        }
    }

    /// Appends an integer, or `null`.
    public static func appendOptionalInteger(_ value: Int?, into out: ByteBuffer) {
        if let value { appendInteger(value, into: out) } else { out.append(null) }
    }

    /// Whether a stored JSON list has at least one item.
    public static func listHasItems(_ json: UnsafeRawBufferPointer?) -> Bool {
        (json?.count ?? 0) > 2
    }

    /// Appends a stored JSON list as `a; b`. The store writes lists compactly; values with
    /// escapes take the slower, general path.
    public static func appendJoinedList(_ json: UnsafeRawBufferPointer?, into out: ByteBuffer) {
        guard let json else { return }
        guard !json.contains(92) else {
            let values = StoredList.decode(String(decoding: json, as: UTF8.self)) ?? []
            out.append(Reports.list(values))
            return
        }
        // ["US","MX"]: copy what is inside quotes, and write "; " between items.
        var isInside = false
        var isFirst = true
        for byte in json {
            if byte == 34 {
                if !isInside {
                    if !isFirst { out.append(listSeparator) }
                    isFirst = false
                }
                isInside.toggle()
            } else if isInside {
                out.append(byte)
            }
        }
    }

    /// Appends the first value of a stored JSON list (the lead owner), or nothing.
    public static func appendFirstOfList(_ json: UnsafeRawBufferPointer?, into out: ByteBuffer) {
        guard let json else { return }
        guard !json.contains(92) else {
            let values = StoredList.decode(String(decoding: json, as: UTF8.self)) ?? []
            out.append(values.first ?? "")
            return
        }
        var isInside = false
        for byte in json {
            if byte == 34 {
                if isInside { return }
                isInside = true
            } else if isInside {
                out.append(byte)
            }
        }
    }
}

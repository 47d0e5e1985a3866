import AccordCore

/// JSON string escaping, the one implementation used by every JSON Accord writes (exports,
/// reports, the stored lists).
public enum JSONString {
    private static let null: [UInt8] = Array("null".utf8)

    /// A JSON string literal for `value`, escaping quotes, backslashes and control characters.
    public static func literal(_ value: String) -> String {
        // Most values need no escaping: copy them in one go.
        if !value.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) {
            return "\"" + value + "\""
        }
        let out = ByteBuffer(capacity: value.utf8.count * 2 + 2)
        var value = value
        value.withUTF8 { append(UnsafeRawBufferPointer($0), into: out) }
        return out.string
    }

    /// Appends a JSON string literal, or `null` for nil.
    public static func append(_ text: UnsafeRawBufferPointer?, into out: ByteBuffer) {
        guard let text else {
            out.append(null)
            return
        }
        // At most six bytes (\u00XX) for each byte, and the quotes.
        out.appendUnsafe(maxCount: 6 * text.count + 2) { start in
            var end = start
            end.pointee = 34
            end += 1
            if let source = text.baseAddress?.assumingMemoryBound(to: UInt8.self) {
                var index = 0
                let count = text.count
                // Eight bytes at a time while they need no escaping, then byte by byte.
                while index < count {
                    if index + 8 <= count {
                        let word = UnsafeRawPointer(source + index).loadUnaligned(as: UInt64.self)
                        if !mayNeedEscaping(word) {
                            UnsafeMutableRawPointer(end).storeBytes(of: word, as: UInt64.self)
                            index += 8
                            end += 8
                            continue
                        }
                    } else if count >= 8 && index > 0 {
                        // The last few bytes: test the final eight, overlapping bytes already
                        // written; if none needs escaping, the overlap went out verbatim and
                        // writing the eight again over it finishes the string.
                        let word = UnsafeRawPointer(source + count - 8).loadUnaligned(as: UInt64.self)
                        if !mayNeedEscaping(word) {
                            UnsafeMutableRawPointer(end - (8 - (count - index))).storeBytes(of: word, as: UInt64.self)
                            end += count - index
                            index = count
                            continue
                        }
                    }
                    let byte = source[index]
                    index += 1
                    if byte >= 32 && byte != 34 && byte != 92 {
                        end.pointee = byte
                        end += 1
                        continue
                    }
                    end[0] = 92
                    switch byte {
                    case 34, 92: end[1] = byte
                    case 10: end[1] = UInt8(ascii: "n")
                    case 13: end[1] = UInt8(ascii: "r")
                    case 9: end[1] = UInt8(ascii: "t")
                    default:
                        end[1] = UInt8(ascii: "u")
                        end[2] = 48
                        end[3] = 48
                        end[4] = hexDigit(byte >> 4)
                        end[5] = hexDigit(byte & 15)
                        end += 4
                    }
                    end += 2
                }
            }
            end.pointee = 34
            return end + 1 - start
        }
    }

    /// Whether any of the eight bytes of `word` may be a control character, a quote or a
    /// backslash (never false when one is; the byte loop then decides).
    @inline(__always)
    static func mayNeedEscaping(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highBits: UInt64 = 0x8080_8080_8080_8080
        // A byte below 0x20, then a zero byte after XOR with a quote or a backslash (the
        // classic "has less than" and "has zero byte" tests).
        let control = (word &- ones &* 0x20) & ~word
        let quote = word ^ (ones &* 0x22)
        let backslash = word ^ (ones &* 0x5C)
        let matches = control | ((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash)
        return matches & highBits != 0
    }

    private static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? 48 + value : 87 + value
    }
}

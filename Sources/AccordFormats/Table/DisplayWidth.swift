/// Terminal columns taken by UTF-8 text, measured once per cell: ASCII costs a byte scan; other
/// scalars are looked up in sorted range tables (East Asian Wide and Fullwidth, emoji
/// presentation, zero-width marks) by binary search, never through Unicode property lookups.
public enum DisplayWidth {
    /// The columns `bytes` take, tabs and line breaks counting as one (tables make them spaces).
    public static func of(_ bytes: UnsafeRawBufferPointer) -> Int {
        prefix(bytes, fitting: Int.max).width
    }

    /// The columns a string takes.
    public static func of(_ text: String) -> Int {
        var text = text
        return text.withUTF8 { of(UnsafeRawBufferPointer($0)) }
    }

    /// The longest prefix of `bytes` that takes at most `limit` columns, never splitting a scalar
    /// nor separating a base character from the zero-width marks that follow it: its length in
    /// bytes and its width. When `bytes` fits whole, the result covers all of it.
    public static func prefix(_ bytes: UnsafeRawBufferPointer, fitting limit: Int) -> (count: Int, width: Int) {
        var index = 0, width = 0
        let count = bytes.count
        // The ASCII fast path: one column per byte.
        while index < count, bytes[index] < 0x80 {
            if width == limit { return (index, width) }
            width += 1
            index += 1
        }
        var previous: UInt32 = 0
        while index < count {
            let (scalar, length) = decode(bytes, at: index)
            var cells = columns(scalar)
            // VS16 asks for the emoji presentation of the character before it.
            if scalar == 0xFE0F, previous != 0, columns(previous) == 1 { cells = 1 }
            // What follows a zero-width joiner is drawn into the same glyph.
            if previous == 0x200D { cells = 0 }
            if cells > 0, width + cells > limit { return (index, width) }
            width += cells
            index += length
            previous = scalar
        }
        return (index, width)
    }

    /// The columns one scalar takes: 0, 1 or 2.
    @inline(__always)
    public static func columns(_ scalar: UInt32) -> Int {
        if scalar < 0x300 { return 1 }
        var low = 0, high = widths.count - 1
        while low <= high {
            let middle = (low + high) / 2
            if scalar < widths[middle].0.lowerBound {
                high = middle - 1
            } else if scalar > widths[middle].0.upperBound {
                low = middle + 1
            } else {
                return widths[middle].1
            }
        }
        return 1
    }

    /// Decodes the scalar at `index` (invalid bytes count as one replacement character each).
    @inline(__always)
    private static func decode(_ bytes: UnsafeRawBufferPointer, at index: Int) -> (UInt32, Int) {
        let lead = UInt32(bytes[index])
        func continuation(_ offset: Int) -> UInt32? {
            guard index + offset < bytes.count else { return nil }
            let byte = UInt32(bytes[index + offset])
            return byte & 0xC0 == 0x80 ? byte & 0x3F : nil
        }
        if lead < 0x80 { return (lead, 1) }
        if lead & 0xE0 == 0xC0, let b1 = continuation(1) { return ((lead & 0x1F) << 6 | b1, 2) }
        if lead & 0xF0 == 0xE0, let b1 = continuation(1), let b2 = continuation(2) {
            return ((lead & 0x0F) << 12 | b1 << 6 | b2, 3)
        }
        if lead & 0xF8 == 0xF0, let b1 = continuation(1), let b2 = continuation(2), let b3 = continuation(3) {
            return ((lead & 0x07) << 18 | b1 << 12 | b2 << 6 | b3, 4)
        }
        return (0xFFFD, 1)
    }

    /// The scalars whose width is not one column, sorted: 0 for combining marks, joiners,
    /// variation selectors and other characters drawn with no width of their own (Unicode's Mn,
    /// Me and Cf in the scripts a policy record is likely to hold); 2 for East Asian Wide and
    /// Fullwidth characters and emoji with emoji presentation.
    private static let widths: [(ClosedRange<UInt32>, Int)] = [
        (0x300...0x36F, 0), (0x483...0x489, 0), (0x591...0x5BD, 0), (0x5BF...0x5BF, 0), (0x5C1...0x5C2, 0),
        (0x5C4...0x5C5, 0), (0x5C7...0x5C7, 0), (0x610...0x61A, 0), (0x64B...0x65F, 0), (0x670...0x670, 0),
        (0x6D6...0x6DC, 0), (0x6DF...0x6E4, 0), (0x6E7...0x6E8, 0), (0x6EA...0x6ED, 0), (0x711...0x711, 0),
        (0x730...0x74A, 0), (0x900...0x902, 0), (0x93A...0x93A, 0), (0x93C...0x93C, 0), (0x941...0x948, 0),
        (0x94D...0x94D, 0), (0x951...0x957, 0), (0x962...0x963, 0), (0xE31...0xE31, 0), (0xE34...0xE3A, 0),
        (0xE47...0xE4E, 0), (0x1100...0x115F, 2), (0x1AB0...0x1AFF, 0), (0x1DC0...0x1DFF, 0), (0x200B...0x200F, 0),
        (0x202A...0x202E, 0), (0x2060...0x2064, 0), (0x20D0...0x20FF, 0), (0x231A...0x231B, 2), (0x2329...0x232A, 2),
        (0x23E9...0x23EC, 2), (0x23F0...0x23F0, 2), (0x23F3...0x23F3, 2), (0x25FD...0x25FE, 2), (0x2614...0x2615, 2),
        (0x2648...0x2653, 2), (0x267F...0x267F, 2), (0x2693...0x2693, 2), (0x26A1...0x26A1, 2), (0x26AA...0x26AB, 2),
        (0x26BD...0x26BE, 2), (0x26C4...0x26C5, 2), (0x26CE...0x26CE, 2), (0x26D4...0x26D4, 2), (0x26EA...0x26EA, 2),
        (0x26F2...0x26F3, 2), (0x26F5...0x26F5, 2), (0x26FA...0x26FA, 2), (0x26FD...0x26FD, 2), (0x2705...0x2705, 2),
        (0x270A...0x270B, 2), (0x2728...0x2728, 2), (0x274C...0x274C, 2), (0x274E...0x274E, 2), (0x2753...0x2755, 2),
        (0x2757...0x2757, 2), (0x2795...0x2797, 2), (0x27B0...0x27B0, 2), (0x27BF...0x27BF, 2), (0x2B1B...0x2B1C, 2),
        (0x2B50...0x2B50, 2), (0x2B55...0x2B55, 2), (0x2E80...0x3029, 2), (0x302A...0x302D, 0), (0x302E...0x303E, 2),
        (0x3041...0x3096, 2), (0x3099...0x309A, 0), (0x309B...0x33FF, 2), (0x3400...0x4DBF, 2), (0x4E00...0x9FFF, 2),
        (0xA000...0xA4CF, 2), (0xA960...0xA97F, 2), (0xAC00...0xD7A3, 2), (0xF900...0xFAFF, 2), (0xFE00...0xFE0F, 0),
        (0xFE10...0xFE19, 2), (0xFE20...0xFE2F, 0), (0xFE30...0xFE6F, 2), (0xFEFF...0xFEFF, 0), (0xFF00...0xFF60, 2),
        (0xFFE0...0xFFE6, 2), (0x16FE0...0x16FE4, 2), (0x17000...0x18CFF, 2), (0x1B000...0x1B2FF, 2),
        (0x1F004...0x1F004, 2), (0x1F0CF...0x1F0CF, 2), (0x1F18E...0x1F18E, 2), (0x1F191...0x1F19A, 2),
        (0x1F200...0x1F251, 2), (0x1F300...0x1F320, 2), (0x1F32D...0x1F335, 2), (0x1F337...0x1F37C, 2),
        (0x1F37E...0x1F393, 2), (0x1F3A0...0x1F3CA, 2), (0x1F3CF...0x1F3D3, 2), (0x1F3E0...0x1F3F0, 2),
        (0x1F3F4...0x1F3F4, 2), (0x1F3F8...0x1F3FA, 2), (0x1F3FB...0x1F3FF, 0), (0x1F400...0x1F43E, 2),
        (0x1F440...0x1F440, 2), (0x1F442...0x1F4FC, 2), (0x1F4FF...0x1F53D, 2), (0x1F54B...0x1F54E, 2),
        (0x1F550...0x1F567, 2), (0x1F57A...0x1F57A, 2), (0x1F595...0x1F596, 2), (0x1F5A4...0x1F5A4, 2),
        (0x1F5FB...0x1F64F, 2), (0x1F680...0x1F6C5, 2), (0x1F6CC...0x1F6CC, 2), (0x1F6D0...0x1F6D2, 2),
        (0x1F6D5...0x1F6D7, 2), (0x1F6DC...0x1F6DF, 2), (0x1F6EB...0x1F6EC, 2), (0x1F6F4...0x1F6FC, 2),
        (0x1F7E0...0x1F7EB, 2), (0x1F7F0...0x1F7F0, 2), (0x1F90C...0x1F93A, 2), (0x1F93C...0x1F945, 2),
        (0x1F947...0x1F9FF, 2), (0x1FA70...0x1FAFF, 2), (0x20000...0x2FFFD, 2), (0x30000...0x3FFFD, 2),
        (0xE0001...0xE007F, 0), (0xE0100...0xE01EF, 0),
    ]
}

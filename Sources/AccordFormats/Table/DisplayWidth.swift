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
        if contains(zeroWidth, scalar) { return 0 }
        if scalar >= 0x1100, contains(wide, scalar) { return 2 }
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

    @inline(__always)
    private static func contains(_ table: [ClosedRange<UInt32>], _ scalar: UInt32) -> Bool {
        var low = 0, high = table.count - 1
        while low <= high {
            let middle = (low + high) / 2
            if scalar < table[middle].lowerBound {
                high = middle - 1
            } else if scalar > table[middle].upperBound {
                low = middle + 1
            } else {
                return true
            }
        }
        return false
    }

    /// Combining marks, joiners, variation selectors and other characters drawn with no width
    /// of their own (Unicode's Mn, Me and Cf in the scripts a policy record is likely to hold).
    private static let zeroWidth: [ClosedRange<UInt32>] = [
        0x0300...0x036F, 0x0483...0x0489, 0x0591...0x05BD, 0x05BF...0x05BF, 0x05C1...0x05C2, 0x05C4...0x05C5,
        0x05C7...0x05C7, 0x0610...0x061A, 0x064B...0x065F, 0x0670...0x0670, 0x06D6...0x06DC, 0x06DF...0x06E4,
        0x06E7...0x06E8, 0x06EA...0x06ED, 0x0711...0x0711, 0x0730...0x074A, 0x0900...0x0902, 0x093A...0x093A,
        0x093C...0x093C, 0x0941...0x0948, 0x094D...0x094D, 0x0951...0x0957, 0x0962...0x0963, 0x0E31...0x0E31,
        0x0E34...0x0E3A, 0x0E47...0x0E4E, 0x1AB0...0x1AFF, 0x1DC0...0x1DFF, 0x200B...0x200F, 0x202A...0x202E,
        0x2060...0x2064, 0x20D0...0x20FF, 0x302A...0x302D, 0x3099...0x309A, 0xFE00...0xFE0F, 0xFE20...0xFE2F,
        0xFEFF...0xFEFF, 0x1F3FB...0x1F3FF, 0xE0001...0xE007F, 0xE0100...0xE01EF,
    ]

    /// East Asian Wide and Fullwidth characters and emoji with emoji presentation.
    private static let wide: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x23F0...0x23F0, 0x23F3...0x23F3,
        0x25FD...0x25FE, 0x2614...0x2615, 0x2648...0x2653, 0x267F...0x267F, 0x2693...0x2693, 0x26A1...0x26A1,
        0x26AA...0x26AB, 0x26BD...0x26BE, 0x26C4...0x26C5, 0x26CE...0x26CE, 0x26D4...0x26D4, 0x26EA...0x26EA,
        0x26F2...0x26F3, 0x26F5...0x26F5, 0x26FA...0x26FA, 0x26FD...0x26FD, 0x2705...0x2705, 0x270A...0x270B,
        0x2728...0x2728, 0x274C...0x274C, 0x274E...0x274E, 0x2753...0x2755, 0x2757...0x2757, 0x2795...0x2797,
        0x27B0...0x27B0, 0x27BF...0x27BF, 0x2B1B...0x2B1C, 0x2B50...0x2B50, 0x2B55...0x2B55, 0x2E80...0x303E,
        0x3041...0x3096, 0x309B...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF, 0xA960...0xA97F,
        0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6,
        0x16FE0...0x16FE4, 0x17000...0x18CFF, 0x1B000...0x1B2FF, 0x1F004...0x1F004, 0x1F0CF...0x1F0CF,
        0x1F18E...0x1F18E, 0x1F191...0x1F19A, 0x1F200...0x1F251, 0x1F300...0x1F320, 0x1F32D...0x1F335,
        0x1F337...0x1F37C, 0x1F37E...0x1F393, 0x1F3A0...0x1F3CA, 0x1F3CF...0x1F3D3, 0x1F3E0...0x1F3F0,
        0x1F3F4...0x1F3F4, 0x1F3F8...0x1F3FA, 0x1F400...0x1F43E, 0x1F440...0x1F440, 0x1F442...0x1F4FC,
        0x1F4FF...0x1F53D, 0x1F54B...0x1F54E, 0x1F550...0x1F567, 0x1F57A...0x1F57A, 0x1F595...0x1F596,
        0x1F5A4...0x1F5A4, 0x1F5FB...0x1F64F, 0x1F680...0x1F6C5, 0x1F6CC...0x1F6CC, 0x1F6D0...0x1F6D2,
        0x1F6D5...0x1F6D7, 0x1F6DC...0x1F6DF, 0x1F6EB...0x1F6EC, 0x1F6F4...0x1F6FC, 0x1F7E0...0x1F7EB,
        0x1F7F0...0x1F7F0, 0x1F90C...0x1F93A, 0x1F93C...0x1F945, 0x1F947...0x1F9FF, 0x1FA70...0x1FAFF,
        0x20000...0x2FFFD, 0x30000...0x3FFFD,
    ]
}

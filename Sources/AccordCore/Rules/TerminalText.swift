/// Text for a terminal: characters that would move the cursor, change colours, reorder the
/// line or hide are shown as escapes instead (`\r`, `⟨U+202E⟩`), so that a stored value can
/// never forge or hide a line of what a person reads.
public enum TerminalText {
    /// `text` with every control, bidirectional-override and invisible formatting character
    /// shown as an escape; line feeds kept when `keepsLineFeeds` (multi-line fields).
    public static func visible(_ text: String, keepsLineFeeds: Bool = false) -> String {
        // Most text has none: check the bytes first.
        guard text.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F || $0 >= 0xC2 }) else { return text }
        guard text.unicodeScalars.contains(where: { needsEscape($0, keepsLineFeeds: keepsLineFeeds) }) else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            guard needsEscape(scalar, keepsLineFeeds: keepsLineFeeds) else {
                result.unicodeScalars.append(scalar)
                continue
            }
            switch scalar {
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case "\n": result += "\\n"
            default:
                let hex = String(scalar.value, radix: 16, uppercase: true)
                result += "⟨U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + "⟩"
            }
        }
        return result
    }

    /// Whether a character is shown as an escape: C0 and C1 controls and DEL, the line and
    /// paragraph separators, bidirectional embeddings, overrides and isolates, and zero-width
    /// and invisible formatting characters.
    static func needsEscape(_ scalar: Unicode.Scalar, keepsLineFeeds: Bool) -> Bool {
        switch scalar.value {
        case 0x0A: return !keepsLineFeeds
        case 0x00..<0x20, 0x7F...0x9F: return true
        case 0x200B...0x200F, 0x2028...0x202E, 0x2060...0x206F, 0xFEFF, 0xFFF9...0xFFFB: return true
        default: return false
        }
    }
}

import AccordCore
import AccordRows

/// The one rule that makes a cell one line (tables, TSV): every tab, line feed and carriage
/// return becomes a space.
public enum CellText {
    /// Whether `byte` is a tab, line feed or carriage return.
    @inline(__always)
    public static func breaksLine(_ byte: UInt8) -> Bool {
        byte == 9 || byte == 10 || byte == 13
    }

    /// `text` on one line.
    public static func oneLine(_ text: String) -> String {
        guard text.utf8.contains(where: breaksLine) else { return text }
        let out = ByteBuffer(capacity: text.utf8.count)
        out.append(text)
        out.replace(from: 0, where: breaksLine, with: 32)
        return out.string
    }
}

extension CellText {
    /// Makes the bytes from `start` on one line (as ``breaksLine`` says) and safe for a
    /// terminal (as `TerminalText` says): controls, bidirectional overrides and invisible
    /// characters shown as escapes. Only cells holding such a byte lead take the slow path.
    public static func makeVisible(_ buffer: ByteBuffer, from start: Int) {
        buffer.replace(from: start, where: breaksLine, with: 32)
        let suspicious = buffer.withUnsafeBytes { bytes in
            bytes[start...].contains { $0 < 0x20 || $0 == 0x7F || $0 == 0xC2 || $0 == 0xE2 || $0 == 0xEF }
        }
        guard suspicious else { return }
        let text = buffer.withUnsafeBytes { String(decoding: UnsafeRawBufferPointer(rebasing: $0[start...]), as: UTF8.self) }
        let visible = TerminalText.visible(text)
        guard visible != text else { return }
        buffer.removeSuffix(from: start)
        buffer.append(visible)
    }
}

extension String {
    /// Replaces every occurrence of a one-character string; cheaper than Foundation's general
    /// replacement on hot paths.
    func replacingAll(_ target: Character, with replacement: String) -> String {
        guard contains(target) else { return self }
        var result = ""
        result.reserveCapacity(utf8.count + 8)
        for character in self {
            if character == target { result += replacement } else { result.append(character) }
        }
        return result
    }
}

import AccordCore
import Foundation

/// Plain-text tables for the terminal, aligned by display width.
public enum Table {
    /// Renders rows under a header, columns separated by two spaces. When `maxWidth` is given
    /// and the table is wider, the `flexible` column is shortened with `…`.
    public static func render(
        header: [String], rows: [[String]], maxWidth: Int? = nil, flexible: Int? = nil
    ) -> String {
        lines(header: header, rows: rows, maxWidth: maxWidth, flexible: flexible)
            .map { $0 + "\n" }.joined()
    }

    /// The table's lines, header first, without line breaks (so a caller can colour rows).
    public static func lines(
        header: [String], rows: [[String]], maxWidth: Int? = nil, flexible: Int? = nil
    ) -> [String] {
        let all = [header] + rows
        var widths = header.indices.map { column in
            all.map { displayWidth(cell($0, column)) }.max() ?? 0
        }
        if let maxWidth {
            var excess = widths.reduce(0, +) + 2 * (widths.count - 1) - maxWidth
            // The flexible column (the title) gives way first, down to ten columns; then the
            // widest of the others, one column at a time, down to their header's width.
            if let flexible, flexible < widths.count, excess > 0 {
                let floor = min(widths[flexible], max(displayWidth(header[flexible]), 10))
                let cut = min(excess, widths[flexible] - floor)
                widths[flexible] -= cut
                excess -= cut
            }
            while excess > 0 {
                let candidates = widths.indices.filter { widths[$0] > max(displayWidth(header[$0]), 4) }
                guard let widest = candidates.max(by: { widths[$0] < widths[$1] }) else { break }
                widths[widest] -= 1
                excess -= 1
            }
        }
        var lines: [String] = []
        for row in all {
            var line = ""
            for column in header.indices {
                let value = truncated(cell(row, column), to: widths[column])
                line += value
                if column < header.count - 1 {
                    line += String(repeating: " ", count: widths[column] - displayWidth(value) + 2)
                }
            }
            lines.append(line)
        }
        return lines
    }

    private static func cell(_ row: [String], _ column: Int) -> String {
        guard column < row.count else { return "" }
        // A table cell is one line.
        return TerminalText.visible(CellText.oneLine(row[column]))
    }

    /// Shortens `text` to `width` columns, ending it with `…` when cut.
    public static func truncated(_ text: String, to width: Int) -> String {
        guard displayWidth(text) > width else { return text }
        var result = ""
        var used = 0
        for character in text {
            let w = displayWidth(String(character))
            if used + w > width - 1 { break }
            result.append(character)
            used += w
        }
        return result + "…"
    }

    /// Terminal columns a string takes: wide East Asian characters and emoji take two,
    /// combining marks none.
    public static func displayWidth(_ text: String) -> Int {
        var width = 0
        for character in text {
            guard let first = character.unicodeScalars.first else { continue }
            if character.unicodeScalars.contains(where: { $0.properties.isEmojiPresentation })
                || character.unicodeScalars.contains("\u{FE0F}") {
                width += 2
            } else if isWide(first.value) {
                width += 2
            } else if first.properties.generalCategory == .nonspacingMark
                        || first.properties.generalCategory == .enclosingMark
                        || first.value == 0x200B {
                continue
            } else {
                width += 1
            }
        }
        return width
    }

    private static func isWide(_ value: UInt32) -> Bool {
        switch value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
             0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD:
            return true
        default:
            return false
        }
    }
}

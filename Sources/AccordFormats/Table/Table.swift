import AccordCore
import AccordRows

/// Plain-text tables for the terminal, aligned by display width, for reports that are lists
/// of strings (the summary, the trend, the log). They go through ``TableWriter``, as the
/// streamed reports do.
public enum Table {
    /// Renders rows under a header, columns separated by two spaces. When `maxWidth` is given
    /// and the table is wider, the `flexible` column is shortened with `…`; nothing else is cut.
    public static func render(
        header: [String], rows: [[String]], maxWidth: Int? = nil, flexible: Int? = nil
    ) -> String {
        let columns = header.indices.map { TableColumn(header[$0], fit: $0 == flexible ? .title : .whole) }
        return render(columns, rows: rows, maxWidth: maxWidth).text
    }

    /// Renders rows of `columns` fitted to `maxWidth`, and the layout (which names the columns
    /// left out).
    public static func render(_ columns: [TableColumn], rows: [[String]], maxWidth: Int?) -> (text: String, layout: TableLayout?) {
        let writer = TableWriter(columns: columns, maxWidth: maxWidth, batchSize: max(1, rows.count))
        let out = ByteBuffer(capacity: 1024)
        for row in rows {
            writer.add(into: out) { index, cell in if index < row.count { cell.append(row[index]) } }
        }
        let layout = writer.finish(into: out)
        return (out.string, layout)
    }

    /// Shortens `text` to `width` columns, ending it with `…` when cut.
    public static func truncated(_ text: String, to width: Int) -> String {
        var text = text
        return text.withUTF8 { utf8 in
            let bytes = UnsafeRawBufferPointer(utf8)
            guard DisplayWidth.prefix(bytes, fitting: width).count < bytes.count else { return String(decoding: bytes, as: UTF8.self) }
            let cut = DisplayWidth.prefix(bytes, fitting: max(0, width - 1))
            return String(decoding: bytes[..<cut.count], as: UTF8.self) + "…"
        }
    }

    /// Terminal columns a string takes: wide East Asian characters and emoji take two,
    /// combining marks none.
    public static func displayWidth(_ text: String) -> Int {
        DisplayWidth.of(text)
    }
}

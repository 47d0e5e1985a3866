import AccordRows

/// A terminal table written as its rows arrive. The first rows (up to `batchSize`) are kept,
/// in one byte buffer, to measure the columns; once that many have come, the widths are fixed
/// (text columns as wide as those rows needed, the others as wide as they can ever be) and
/// every later row goes straight out. Each cell is measured once; ASCII costs a byte scan.
public final class TableWriter {
    /// The columns.
    public let columns: [TableColumn]
    /// The width to fit, if any.
    public let maxWidth: Int?
    private let batchSize: Int
    private let batch = ByteBuffer(capacity: 1 << 16)
    /// Where each kept cell ends in `batch`, and its width.
    private var ends: [Int] = []
    private var cellWidths: [Int] = []
    private var styles: [String?] = []
    private var natural: [Int]
    private let cell = ByteBuffer(capacity: 256)
    /// The layout, once fixed.
    public private(set) var layout: TableLayout?
    /// How many rows were added.
    public private(set) var count = 0

    /// A table of `columns` fitted to `maxWidth`, whose widths are fixed after `batchSize` rows.
    public init(columns: [TableColumn], maxWidth: Int?, batchSize: Int = 2000) {
        self.columns = columns
        self.maxWidth = maxWidth
        self.batchSize = max(1, batchSize)
        natural = columns.map { DisplayWidth.of($0.header) }
    }

    /// Adds a row: `cell` appends column `index`'s text to the buffer it is given. `style`
    /// (an ANSI colour) goes around the whole line. Lines are appended to `out`.
    public func add(style: String? = nil, into out: ByteBuffer, _ cellText: (Int, ByteBuffer) throws -> Void) rethrows {
        count += 1
        if let layout {
            if let style { out.append(style) }
            for (position, index) in layout.shown.enumerated() {
                cell.removeAll()
                try cellText(index, cell)
                CellText.makeVisible(cell, from: 0)
                cell.withUnsafeBytes { bytes in
                    Self.appendCell(bytes, measured: nil, width: layout.widths[index],
                                    mayCut: columns[index].fit != .whole, isLast: position == layout.shown.count - 1, into: out)
                }
            }
            if style != nil { out.append(TableWriter.reset) }
            out.append(10)
            return
        }
        for index in columns.indices {
            let start = batch.count
            try cellText(index, batch)
            CellText.makeVisible(batch, from: start)
            let width = batch.withUnsafeBytes { DisplayWidth.of(UnsafeRawBufferPointer(rebasing: $0[start...])) }
            ends.append(batch.count)
            cellWidths.append(width)
            natural[index] = max(natural[index], width)
        }
        styles.append(style)
        if styles.count >= batchSize { fix(isComplete: false, into: out) }
    }

    /// Writes what is still kept; returns the layout (nil when no row came).
    @discardableResult
    public func finish(into out: ByteBuffer) -> TableLayout? {
        if layout == nil, count > 0 { fix(isComplete: true, into: out) }
        return layout
    }

    /// Fixes the widths from the rows kept (and, unless every row was seen, the columns' known
    /// widths), then writes the header and those rows.
    private func fix(isComplete: Bool, into out: ByteBuffer) {
        var widths = natural
        if !isComplete {
            for index in columns.indices where columns[index].fit == .whole {
                widths[index] = max(widths[index], columns[index].knownWidth ?? 0)
            }
        }
        let layout = TableLayout.fit(columns, natural: widths, maxWidth: maxWidth)
        self.layout = layout
        for (position, index) in layout.shown.enumerated() {
            let header = columns[index].header
            cell.removeAll()
            cell.append(header)
            cell.withUnsafeBytes {
                Self.appendCell($0, measured: nil, width: layout.widths[index], mayCut: true, isLast: position == layout.shown.count - 1, into: out)
            }
        }
        out.append(10)
        batch.withUnsafeBytes { bytes in
            var start = 0
            for (row, style) in styles.enumerated() {
                if let style { out.append(style) }
                for index in columns.indices {
                    let slot = row * columns.count + index
                    let cellBytes = UnsafeRawBufferPointer(rebasing: bytes[start..<ends[slot]])
                    start = ends[slot]
                    guard let position = layout.shown.firstIndex(of: index) else { continue }
                    Self.appendCell(cellBytes, measured: cellWidths[slot], width: layout.widths[index],
                                    mayCut: columns[index].fit != .whole, isLast: position == layout.shown.count - 1, into: out)
                }
                if style != nil { out.append(TableWriter.reset) }
                out.append(10)
            }
        }
        batch.removeAll()
        ends = []
        cellWidths = []
        styles = []
    }

    /// Appends a cell cut to `width` (ending in `…` when cut, if it `mayCut`; else whole) and
    /// padded, unless it is the last.
    private static func appendCell(
        _ bytes: UnsafeRawBufferPointer, measured: Int?, width: Int, mayCut: Bool, isLast: Bool, into out: ByteBuffer
    ) {
        var used: Int
        if let measured, measured <= width {
            out.append(bytes)
            used = measured
        } else {
            let whole = DisplayWidth.prefix(bytes, fitting: width)
            if whole.count == bytes.count || !mayCut {
                out.append(bytes)
                used = whole.count == bytes.count ? whole.width : DisplayWidth.of(bytes)
            } else {
                let cut = DisplayWidth.prefix(bytes, fitting: max(0, width - 1))
                out.append(UnsafeRawBufferPointer(rebasing: bytes[..<cut.count]))
                out.append(ellipsis)
                used = cut.width + 1
            }
        }
        guard !isLast else { return }
        used = max(1, width + 2 - used)
        while used > 0 {
            out.append(32)
            used -= 1
        }
    }

    private static let ellipsis: [UInt8] = Array("…".utf8)

    /// Ends a coloured line.
    public static let reset = "\u{1B}[0m"
}

import AccordFormats
import AccordRows
import AccordCore
import ArgumentParser
import Foundation

/// Writes a report of stored commitments in one of the row formats, streaming rows from the
/// store into the output buffer (a table keeps its first rows to measure its columns, then
/// streams too: see ``TableWriter``).
struct ReportWriter {
    let format: OutputFormat
    let columns: [ReportColumn]
    let asOf: CalendarDate
    let output: Output
    /// Guard CSV cells against spreadsheet formulas (unless `--raw`).
    var guardsFormulas = true
    private let isColored: Bool
    private let formatter: RowFormatter
    private let table: TableWriter
    private var count = 0

    /// A report of `defaults` (JSON shows `jsonDefaults`) unless `--fields` chose the columns.
    init(format: OutputFormat, display: DisplayOptions?, defaults: [ReportColumn], jsonDefaults: [ReportColumn]? = nil,
         allowHistory: Bool = false, asOf: CalendarDate, output: Output = .standard) throws {
        self.format = format
        let chosen = try display?.columns(defaults, allowHistory: allowHistory) ?? defaults
        columns = format == .json && display?.fields == nil ? (jsonDefaults ?? defaults) : chosen
        if format != .json && columns.contains(.history) {
            throw ValidationError("the field 'history' is only available with --format json")
        }
        guardsFormulas = display?.raw.guardsFormulas ?? true
        self.asOf = asOf
        self.output = output
        formatter = RowFormatter(columns: columns, asOf: asOf)
        isColored = format == .table && (display?.color.isOn ?? false)
        table = TableWriter(columns: ReportColumn.tableColumns(columns), maxWidth: Output.terminalWidth)
    }

    /// Whether the rows must come with their history.
    var needsHistory: Bool { columns.contains(where: \.needsHistory) }

    /// The stored columns the report reads: those of its columns, and what a colored table's
    /// rows are styled by.
    var storedColumns: Set<CommitmentColumn> {
        ReportColumn.storedColumns(of: columns).union(isColored ? ReportColumn.schedule.storedColumns : [])
    }

    /// Starts the report.
    mutating func begin() throws {
        let header = columns.map(\.rawValue)
        switch format {
        case .tsv: try output.write(header.joined(separator: "\t") + "\n")
        case .csv: try output.write(CSV.record(header))
        case .json: try output.write("[")
        case .table, .text, .html, .ics: break
        }
    }

    /// Adds one stored commitment.
    mutating func add(_ row: CommitmentRow) throws {
        switch format {
        case .tsv:
            try output.append { try formatter.appendTSV(row, into: $0) }
        case .csv:
            try output.append { try formatter.appendCSV(row, guardsFormulas: guardsFormulas, into: $0) }
        case .json:
            let isFirst = count == 0
            try output.append { buffer in
                buffer.append(isFirst ? "\n" : ",\n")
                try formatter.appendJSON(row, into: buffer)
            }
        case .table, .text, .html, .ics:
            let style = isColored ? Style.ansi(for: try row.schedule(on: asOf), isFinal: try row.status().isFinal) : nil
            try output.append { buffer in
                try table.add(style: style, into: buffer) { try formatter.appendCell($0, row, into: $1) }
            }
        }
        count += 1
    }

    /// Ends the report; an empty table says so on standard error.
    mutating func end(emptyMessage: String) throws {
        switch format {
        case .json: try output.write(count == 0 ? "]\n" : "\n]\n")
        case .table, .text, .html, .ics:
            guard count > 0 else {
                Output.message(emptyMessage + "\n")
                return
            }
            var layout: TableLayout?
            try output.append { layout = table.finish(into: $0) }
            if layout?.dropped.isEmpty == false { try output.flush() }
            Style.hint(layout, maxWidth: table.maxWidth)
        case .tsv, .csv: break
        }
    }
}


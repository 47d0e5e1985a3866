import Foundation
import Testing

/// Every table Accord prints fits 60, 80, 100 and 200 columns, with ids, dates and statuses
/// whole, whatever script the titles are in.
@Suite struct TableWidthTests {
    /// Commitments with long titles in Latin, Japanese, emoji and combining marks, one overdue
    /// by more than a year and with a long lead and three parties.
    func sandbox() throws -> Sandbox {
        let sandbox = try Sandbox()
        let titles = [
            "Reopen the US border crossings closed by the Biden administration in December 2023",
            "国境の検問所を再開し、移民の根本原因に共同で取り組む（長い題名の例）",
            "Réouverture des postes frontières — coopération 🇲🇽🤝🇺🇸 👨‍👩‍👧 ❤️ n\u{303}o\u{308}",
        ]
        for (index, title) in titles.enumerated() {
            try sandbox.add(title, ["--party", "MX", "--party", "Guatemala", "--owner", "Alicia Bárcena Ibarra",
                                    "--owner", "Antony Blinken", "--tag", "border-operations", "--due", "2024-0\(index + 1)"])
        }
        #expect(try sandbox.run(["update", "2", "--status", "in-progress", "--on", "2024-01-04",
                                 "--note", "検問所の一部が再開された、長い注記の例として十分に長い文章です", "--source", "https://example.org/a"]).status == 0)
        return sandbox
    }

    @Test func everyTableFitsAndKeepsIdsDatesAndStatusesWhole() throws {
        // Given the sandbox
        let sandbox = try sandbox()
        let reports: [[String]] = [
            ["list", "--as-of", "2025-06-30"], ["overdue", "--as-of", "2025-06-30"],
            ["due", "--as-of", "2024-01-01", "--within", "3m"], ["log"], ["summary", "--as-of", "2025-06-30", "--by", "party"],
            ["summary", "--as-of", "2025-06-30"], ["trend", "--every", "quarter", "--since", "2024-01-01", "--until", "2024-12-31"],
        ]
        for width in [60, 80, 100, 200] {
            for report in reports {
                // When each report prints a table at that width
                let run = try sandbox.run(report + ["--format", "table"], environment: ["COLUMNS": String(width)])
                #expect(run.status == 0, "\(report): \(run.stderr)")
                let lines = run.stdout.split(separator: "\n").map(String.init)
                // Then no line is wider, and the ids, dates and statuses are whole
                for line in lines { #expect(Self.width(line) <= width, "\(report) at \(width): \(line)") }
                if report[0] == "overdue" {
                    for (id, due) in [("1", "2024-01-31"), ("2", "2024-02-29"), ("3", "2024-03-31")] {
                        #expect(lines.contains { $0.hasPrefix(id + " ") && $0.contains(due) }, "\(width): \(lines)")
                    }
                    #expect(lines.filter { $0.contains("unassessed") }.count == 2)
                    #expect(lines.filter { $0.contains("in-progress") }.count == 1)
                }
                if report[0] == "log" { #expect(lines.filter { $0.contains("unassessed → in-progress") }.count == 1) }
                if report[0] == "trend" { #expect(lines.last?.hasPrefix("2024-12-31") == true) }
            }
        }
    }

    /// Display columns, measured independently of Accord with Python's unicodedata.
    static func width(_ line: String) -> Int {
        var width = 0
        for scalar in line.unicodeScalars {
            let value = scalar.value
            if scalar.properties.generalCategory == .nonspacingMark || value == 0x200D || (0xFE00...0xFE0F).contains(value) { continue }
            if (0x1F1E6...0x1F1FF).contains(value) || scalar.properties.isEmojiPresentation
                || (0x1100...0x115F).contains(value) || (0x2E80...0xA4CF).contains(value) || (0xAC00...0xD7A3).contains(value)
                || (0xF900...0xFAFF).contains(value) || (0xFF00...0xFF60).contains(value) {
                width += 2
            } else {
                width += 1
            }
        }
        return width
    }
}

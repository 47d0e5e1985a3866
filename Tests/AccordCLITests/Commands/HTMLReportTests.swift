import Foundation
import Testing

/// The HTML report streams at any size, reads on a 390-pixel phone (checked in headless
/// Chromium), cites each source once and takes its title from --title.
@Suite struct HTMLReportTests {
    /// The repository, for scripts/ and data/.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    @Test func eachSourceIsCitedOnceAsALinkWithItsOutletAndTheTitleComesFromTheOption() throws {
        // Given the shipped record, whose creation entries repeat each commitment's source
        let sandbox = try Sandbox()
        for file in try FileManager.default.contentsOfDirectory(atPath: Self.root.appendingPathComponent("data").path)
        where file.hasSuffix(".json") {
            #expect(try sandbox.run(["import", Self.root.appendingPathComponent("data/\(file)").path]).status == 0)
        }
        // When the report is written with a title
        let run = try sandbox.run(["export", "--format", "html", "--as-of", "2024-06-30", "--title", "Border <deal> tracker"])
        #expect(run.status == 0)
        let html = run.stdout
        // Then the title is escaped, and each article cites a source address once, labelled with its outlet
        #expect(html.contains("<h1>Border &lt;deal&gt; tracker</h1>"))
        for article in html.components(separatedBy: "<article").dropFirst() {
            let links = article.components(separatedBy: "href=\"").dropFirst().map { $0.prefix { $0 != "\"" } }
            #expect(links.count == Set(links).count, "\(links)")
        }
        #expect(html.contains(">US State Department press statement, &#39;Secretary Blinken Travels to Mexico&#39; (meeting on 27 Dec 2023)</a>"))
        expectUserError(try sandbox.run(["export", "--format", "csv", "--title", "x"]), status: 64, containing: "--title")
    }

    @Test func aLargeReportKeepsItsDetailInOneCollapsedSectionAndSaysSo() throws {
        // Given more commitments than the threshold (5,000), from the benchmark generator
        let sandbox = try Sandbox()
        let file = sandbox.folder.appendingPathComponent("large.json").path
        let generate = try Sandbox.execute(URL(fileURLWithPath: "/usr/bin/env"),
                                           ["python3", Self.root.appendingPathComponent("scripts/bench.d/generate.py").path, "5001", file])
        try #require(generate.status == 0, "\(generate.stderr)")
        #expect(try sandbox.run(["import", file]).status == 0)
        // When the report is written
        let run = try sandbox.run(["export", "--format", "html", "--as-of", "2025-06-30"])
        // Then there is no table of 5,001 rows; the articles are in one collapsed section, which the report explains
        #expect(run.status == 0)
        #expect(!run.stdout.contains("<table class=\"commitments\">"))
        #expect(run.stdout.contains("<details class=\"all\"><summary>All 5,001 commitments</summary>"))
        #expect(run.stdout.contains("the table is left out"))
        #expect(run.stdout.components(separatedBy: "<article").count == 5002)
        // and the deadline chart shows a bounded choice, saying so
        #expect(run.stdout.contains("deadlines: the most overdue, the next due and the latest settled"))
    }

    @Test(.enabled(if: Chromium.path != nil, "chromium is missing and scripts/setup could not install it"))
    func theReportHasNoHorizontalOverflowOnA390PixelPhone() throws {
        // Given a report with long titles, a long unbroken address, CJK text and a scorecard
        let sandbox = try Sandbox()
        try sandbox.add("国境の検問所を再開し、移民の根本原因に共同で取り組むための非常に長い題名の例です",
                        ["--due", "+90d", "--owner", "Alicia Bárcena Ibarra", "--party", "MX",
                         "--source", "https://example.org/" + String(repeating: "very-long-path-segment-", count: 8)])
        try sandbox.add("Supercalifragilisticexpialidocious-commitment-without-any-spaces-at-all-in-it", ["--due", "2024-01"])
        try sandbox.add("Orderly migration", ["--due", "2024-Q2", "--tag", "policy"])
        #expect(try sandbox.run(["update", "3", "--status", "broken", "--on", "2024-02-01", "--note", "Reversed"]).status == 0)
        let report = sandbox.folder.appendingPathComponent("report.html")
        #expect(try sandbox.run(["export", "--format", "html", "--as-of", "2024-06-30", "--output", report.path]).status == 0)
        // When Chromium lays it out in a 390-pixel frame
        let width = try Chromium.scrollWidth(of: report, frameWidth: 390)
        // Then nothing is wider than the phone
        #expect(width.scroll <= width.client, "\(width)")
        #expect(width.client == 390)
        // And the check can fail: a page with a 600-pixel block overflows
        let wide = sandbox.folder.appendingPathComponent("wide.html")
        try Data("<!DOCTYPE html><meta name=viewport content=\"width=device-width\"><div style=\"width:600px\">x</div>".utf8).write(to: wide)
        #expect(try Chromium.scrollWidth(of: wide, frameWidth: 390).scroll > 390)
    }
}

/// Headless Chromium, installed by scripts/setup when missing and possible.
enum Chromium {
    static let path: String? = {
        func find() -> String? { ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first(where: FileManager.default.isExecutableFile) }
        if let found = find() { return found }
        let setup = HTMLReportTests.root.appendingPathComponent("scripts/setup")
        _ = try? Sandbox.execute(setup, ["chromium", "fonts-dejavu-core"])
        return find()
    }()

    /// The document's scroll and client widths when `page` is shown in a frame `frameWidth`
    /// CSS pixels wide (headless Chromium's window is never narrower than 500).
    static func scrollWidth(of page: URL, frameWidth: Int) throws -> (scroll: Int, client: Int) {
        let frame = page.deletingLastPathComponent().appendingPathComponent("frame-\(UUID().uuidString).html")
        let html = """
            <!DOCTYPE html><html><body style="margin:0"><iframe id="f" src="\(page.lastPathComponent)" \
            style="width:\(frameWidth)px;height:800px;border:0;display:block"></iframe><script>
            document.getElementById("f").onload = function () {
              var d = document.getElementById("f").contentDocument.documentElement;
              document.body.setAttribute("data-width", d.scrollWidth + " " + d.clientWidth);
            };</script></body></html>
            """
        try Data(html.utf8).write(to: frame)
        let run = try Sandbox.execute(URL(fileURLWithPath: path ?? "chromium"), [
            "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--allow-file-access-from-files",
            "--virtual-time-budget=5000", "--dump-dom", frame.absoluteString,
        ])
        guard let range = run.stdout.range(of: #"data-width="(\d+) (\d+)""#, options: .regularExpression) else {
            throw CocoaError(.fileReadCorruptFile, userInfo: [NSLocalizedDescriptionKey: "no width in: \(run.stdout.prefix(300)) \(run.stderr.prefix(300))"])
        }
        let numbers = run.stdout[range].dropFirst(12).dropLast().split(separator: " ").compactMap { Int($0) }
        return (numbers.first ?? 0, numbers.last ?? 0)
    }
}

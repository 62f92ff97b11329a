import Support
import Foundation
import Literate
import Report
import XCTest

/// Opens the generated HTML in headless Chromium (Debian's `chromium` package), checks the screenshot and DOM,
/// and checks that the page needs nothing from outside the file. Skipped when Chromium is not installed.
final class BrowserRenderingTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("labbook-report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    func testChromiumRendersTheReport() throws {
        let chromium = try Self.chromium()
        let input = try Fixture.regression()
        try ReportRenderer.write(input, to: folder)
        let page = folder.appendingPathComponent("regression.html")
        let blank = folder.appendingPathComponent("blank.html")
        try AtomicFile.write("<!DOCTYPE html><html><head><title>blank</title></head><body></body></html>\n", to: blank)

        let shot = folder.appendingPathComponent("regression.png"), blankShot = folder.appendingPathComponent("blank.png")
        try run(chromium, ["--screenshot=\(shot.path)", "--window-size=1280,2000", page.absoluteString])
        try run(chromium, ["--screenshot=\(blankShot.path)", "--window-size=1280,2000", blank.absoluteString])
        let png = try Data(contentsOf: shot), blankPNG = try Data(contentsOf: blankShot)
        XCTAssertEqual(Array(png.prefix(8)), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "not a PNG")
        XCTAssertEqual(Self.pngSize(png).map { [$0.0, $0.1] }, [1280, 2000])
        XCTAssertGreaterThan(png.count, 10 * blankPNG.count, "the screenshot is as plain as a blank page")
        if let keep = ProcessInfo.processInfo.environment["LABBOOK_SCREENSHOT"] { try png.write(to: URL(fileURLWithPath: keep)) }

        let dom = try run(chromium, ["--dump-dom", page.absoluteString])
        XCTAssertTrue(dom.contains("<title>Valence and arousal from Spotify artist features</title>"))
        XCTAssertGreaterThanOrEqual(dom.components(separatedBy: "<svg").count - 1, 12, "figures missing from the DOM")
        XCTAssertTrue(dom.contains("<h3 id=\"discussion\">Discussion</h3>"))
        XCTAssertTrue(dom.contains("<td class=\"center\"><strong>74.3%</strong></td>"), "workspace pipe tables reach the DOM as tables")
        XCTAssertTrue(dom.contains("<a href=\"#workspace-load\">Load</a>"))
    }

    /// At 1280 and 400 px, for both reports: every chart label visible on screen is drawn at 10 px or more,
    /// and no backtick shows outside `<code>`/`<pre>`. A probe script, added to a copy of the page only, measures the
    /// rendered DOM (the report itself has no script); full-page screenshots are taken at both widths.
    func testChartLabelsAndProseAreReadableAtDesktopAndPhoneWidths() throws {
        let chromium = try Self.chromium()
        for input in [try Fixture.regression(), try Fixture.deep()] {
            try ReportRenderer.write(input, to: folder)
            let name = input.results.experiment
            let html = try String(contentsOf: folder.appendingPathComponent("\(name).html"), encoding: .utf8)
            let probe = folder.appendingPathComponent("\(name)-probe.html")
            try AtomicFile.write(html.replacingOccurrences(of: "</body>", with: Self.probeScript + "\n</body>"), to: probe)
            for width in [1280, 400] {
                let shot = folder.appendingPathComponent("\(name)-\(width).png")
                try run(chromium, ["--screenshot=\(shot.path)", "--window-size=\(width),3000", folder.appendingPathComponent("\(name).html").absoluteString])
                XCTAssertEqual(Self.pngSize(try Data(contentsOf: shot)).map { $0.0 }, width)
                let dom = try run(chromium, ["--window-size=\(width),3000", "--virtual-time-budget=5000", "--dump-dom", probe.absoluteString])
                let result = try XCTUnwrap(dom.components(separatedBy: "<pre id=\"probe\">").dropFirst().first?
                    .components(separatedBy: "</pre>").first, "probe did not run at \(width) px")
                let values = Dictionary(uniqueKeysWithValues: result.split(separator: ";").compactMap { part -> (String, String)? in
                    let kv = part.split(separator: "=", maxSplits: 1)
                    return kv.count == 2 ? (String(kv[0]), String(kv[1])) : nil
                })
                let smallest = try XCTUnwrap(values["min"].flatMap(Double.init), result)
                XCTAssertGreaterThan(Int(values["texts"] ?? "0") ?? 0, 50, "\(name) at \(width) px: too few chart labels measured")
                XCTAssertGreaterThanOrEqual(smallest, 10, "\(name) at \(width) px: smallest chart label \(smallest) px: \(values["where"] ?? "")")
                XCTAssertEqual(values["backticks"], "0", "\(name) at \(width) px: raw backtick in \(values["tick"] ?? "")")
                XCTAssertEqual(values["overflow"], "0", "\(name) at \(width) px: the page scrolls sideways")
                if width == 400 { XCTAssertEqual(values["toc"], "closed", "the contents are collapsed on a phone") }
                if width == 1280 { XCTAssertEqual(values["toc"], "open") }
            }
        }
    }

    /// Measures rendered chart text (font size × the SVG's screen scale) and looks for backticks in visible text.
    private static let probeScript = """
        <script>
        (function () {
          var min = 1e9, where = '', texts = 0;
          document.querySelectorAll('svg.chart text').forEach(function (t) {
            if (!t.getClientRects().length) return;
            var svg = t.ownerSVGElement, m = svg.getScreenCTM();
            var size = parseFloat(t.getAttribute('font-size')) * Math.hypot(m.a, m.b);
            texts++;
            if (size < min) { min = size; where = t.textContent; }
          });
          var ticks = 0, tick = '';
          var walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
          while (walker.nextNode()) {
            var n = walker.currentNode;
            if (n.parentElement.closest('code, pre, script, style')) continue;
            if (n.textContent.indexOf('`') >= 0) { ticks++; tick = n.textContent.slice(0, 80); }
          }
          var list = document.querySelector('nav.toc ul');
          var toc = list && list.getClientRects().length ? 'open' : 'closed';
          var overflow = document.documentElement.scrollWidth > window.innerWidth + 1 ? 1 : 0;
          var pre = document.createElement('pre'); pre.id = 'probe';
          pre.textContent = 'min=' + min.toFixed(2) + ';texts=' + texts + ';where=' + where + ';backticks=' + ticks
            + ';tick=' + tick + ';toc=' + toc + ';overflow=' + overflow;
          document.body.appendChild(pre);
        })();
        </script>
        """

    func testReportsReferenceNoExternalResource() throws {
        let pages = [try ReportRenderer.html(Fixture.regression()), try ReportRenderer.html(Fixture.deep()),
                     ReportRenderer.index([try Fixture.results("regression"), try Fixture.results("deep")])]
        for html in pages {
            // The SVG namespace names the format; it is never fetched.
            let lower = html.replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "").lowercased()
            for forbidden in ["http:", "https:", "ftp:", "//cdn", "<script", "<link", "<img", "<iframe", "<object", "<embed",
                              "@import", "url(", "xlink:href", "src="] {
                XCTAssertFalse(lower.contains(forbidden), "found \(forbidden)")
            }
            let hrefs = try NSRegularExpression(pattern: "href=\"([^\"]*)\"")
            for match in hrefs.matches(in: html, range: NSRange(html.startIndex..., in: html)) {
                guard let r = Range(match.range(at: 1), in: html) else { continue }
                let target = html[r]
                XCTAssertFalse(target.contains(":") || target.hasPrefix("/"), "link leaves the reports folder: \(target)")
            }
        }
    }

    func testAuthorScriptsAndRemoteImagesDoNotReachTheHTML() throws {
        var input = try Fixture.regression()
        input.experimentMarkdown += "\n<script src=\"https://cdn.example.com/x.js\"></script>\n\n"
            + "![cover](https://example.com/cover.png) and ![local](plot.png)\n"
        let html = ReportRenderer.html(input)
        XCTAssertFalse(html.contains("<script"))
        XCTAssertFalse(html.contains("<img src=\"https:"))
        XCTAssertTrue(html.contains("<a href=\"https://example.com/cover.png\">[image: cover]</a>"))
        XCTAssertTrue(html.contains("<img src=\"plot.png\" alt=\"local\" />"))
    }

    // MARK: - Helpers

    private static func chromium() throws -> String {
        for path in ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
        where FileManager.default.isExecutableFile(atPath: path) {
            return path
        }
        throw XCTSkip("chromium is not installed (apt-get install -y chromium)")
    }

    /// Runs headless Chromium with a throwaway profile; returns its standard output.
    @discardableResult
    private func run(_ chromium: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: chromium)
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
                             "--user-data-dir=\(folder.appendingPathComponent("profile").path)"] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, "chromium failed: \(arguments)")
        return String(decoding: data, as: UTF8.self)
    }

    /// Width and height from a PNG's IHDR chunk.
    private static func pngSize(_ png: Data) -> (Int, Int)? {
        let bytes = [UInt8](png.prefix(24))
        guard bytes.count == 24 else { return nil }
        func be32(_ at: Int) -> Int { bytes[at..<at + 4].reduce(0) { $0 << 8 | Int($1) } }
        return (be32(16), be32(20))
    }
}

import Foundation
import Report
import Results
import XCTest

/// Reports rendered from the committed fixtures must match the committed golden files byte for byte.
/// Update after an intended change: `LABBOOK_UPDATE_GOLDEN=1 swift test --filter ReportTests`.
final class GoldenReportTests: XCTestCase {
    func testRegressionMarkdownMatchesGolden() throws {
        try Fixture.assertGolden(ReportRenderer.markdown(Fixture.regression()), "regression.md")
    }

    func testRegressionHTMLMatchesGolden() throws {
        try Fixture.assertGolden(ReportRenderer.html(Fixture.regression()), "regression.html")
    }

    func testDeepLearningReportsMatchGolden() throws {
        let input = try Fixture.deep()
        try Fixture.assertGolden(ReportRenderer.markdown(input), "deep.md")
        try Fixture.assertGolden(ReportRenderer.html(input), "deep.html")
    }

    /// Every figure file matches its golden copy, and the Markdown reports link exactly those files.
    func testFigureFilesMatchGolden() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("labbook-figures-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        for input in [try Fixture.regression(), try Fixture.deep()] {
            let name = input.results.experiment
            let files = try Fixture.writtenFigures(input, to: folder)
            XCTAssertGreaterThanOrEqual(files.count, 6)
            for (file, svg) in files.sorted(by: { $0.key < $1.key }) {
                try Fixture.assertGolden(svg, "\(name)/\(file)")
            }
            let md = try String(contentsOf: folder.appendingPathComponent("\(name).md"), encoding: .utf8)
            let linked = try NSRegularExpression(pattern: "!\\[[^\\n]*?\\]\\(\(name)/([a-z0-9_-]+\\.svg)\\)")
                .matches(in: md, range: NSRange(md.startIndex..., in: md))
                .compactMap { Range($0.range(at: 1), in: md).map { String(md[$0]) } }
            XCTAssertEqual(linked.sorted(), files.keys.sorted(), "\(name).md links each figure file once")
        }
    }

    /// A figure shown under its step's output is not repeated in the Report section.
    func testFiguresAppearOnceUnderTheirStep() throws {
        let md = try ReportRenderer.markdown(Fixture.regression())
        let html = try ReportRenderer.html(Fixture.regression())
        let elbow = try XCTUnwrap(md.range(of: "(regression/cluster-elbow.svg)"))
        let clusterOutputEnd = try XCTUnwrap(md.range(of: "<!-- labbook:end cluster -->"))
        XCTAssertLessThan(elbow.lowerBound, clusterOutputEnd.lowerBound, "the elbow plot sits in the cluster step's output")
        XCTAssertEqual(md.components(separatedBy: "cluster-elbow.svg").count, 2)
        XCTAssertEqual(html.components(separatedBy: "id=\"figure-cluster-elbow\"").count, 2)
        XCTAssertFalse(md.contains("../reports/"), "links in NAME.md are relative to the reports folder")
    }

    func testIndexMatchesGolden() throws {
        try Fixture.assertGolden(ReportRenderer.index([Fixture.results("regression"), Fixture.results("deep")]), "index.html")
    }

    func testSameInputGivesIdenticalBytes() throws {
        let input = try Fixture.regression()
        XCTAssertEqual(ReportRenderer.html(input), ReportRenderer.html(input))
        XCTAssertEqual(ReportRenderer.markdown(input), ReportRenderer.markdown(input))
    }

    /// A second run differs only in its timestamp, experiment commit and durations, which all sit on one line.
    func testOnlyTheRunLineVariesBetweenRuns() throws {
        let first = try Fixture.regression()
        var second = first
        second.results.provenance.timestamp = "2027-01-02T03:04:05Z"
        second.results.provenance.totalSeconds += 12.5
        second.results.provenance.gitCommit = "0123456789abcdef0123456789abcdef01234567"
        for i in second.results.provenance.stepDurations.indices { second.results.provenance.stepDurations[i].seconds *= 1.7 }
        for render in [ReportRenderer.html, ReportRenderer.markdown] {
            let a = render(first).components(separatedBy: "\n"), b = render(second).components(separatedBy: "\n")
            XCTAssertEqual(a.count, b.count)
            let differing = zip(a, b).filter { $0 != $1 }
            XCTAssertEqual(differing.count, 1)
            XCTAssertTrue(differing.first?.1.contains("2027-01-02T03:04:05Z") ?? false)
        }
    }

    func testMarkdownKeepsWorkspaceThenReport() throws {
        let md = try ReportRenderer.markdown(Fixture.regression())
        let order = ["# Valence and arousal", "```yaml cluster", "<!-- labbook:output cluster -->", "cluster-elbow.svg", "## Report",
                     "### Models", "### Evaluation protocols", "### Discussion", "Artist-level features", "Under random_kfold",
                     "### Reproducibility"]
        var cursor = md.startIndex
        for marker in order {
            guard let found = md.range(of: marker, range: cursor..<md.endIndex) else {
                return XCTFail("\(marker) missing or out of order")
            }
            cursor = found.upperBound
        }
        XCTAssertEqual(md.components(separatedBy: "## Discussion").count, 2, "the author's discussion moves into the report")
        // Steps whose outputs are in the workspace are not repeated in the Report; a workspace without them keeps them.
        for section in ["### Data", "### Preprocessing", "### Clustering"] { XCTAssertFalse(md.contains(section), section) }
        let legacy = try ReportRenderer.markdown(Fixture.regressionWithoutFigureLinks())
        XCTAssertTrue(legacy.contains("### Data") && legacy.contains("### Preprocessing") && legacy.contains("### Clustering"),
                      "a step whose figures are not linked under its output keeps its section, figures included")
        XCTAssertTrue(legacy.contains("](regression/cluster-elbow.svg)"))
        XCTAssertTrue(md.contains("#### Target: valence\n\n| model | pooled r |"))
        XCTAssertTrue(md.contains("| hist_gradient_boosting | 0.370 | [0.354, 0.387] | 0.371 ± 0.022 |"))
    }

    func testHTMLRendersProseThroughCmark() throws {
        let html = try ReportRenderer.html(Fixture.regression())
        XCTAssertTrue(html.contains("<strong>artist</strong>"))
        XCTAssertTrue(html.contains("<h2 id=\"workspace-load\">Load</h2>"))
        XCTAssertTrue(html.contains("<em>much</em>"), "author discussion prose is rendered")
        XCTAssertTrue(html.contains("<code class=\"language-yaml\">"))
    }
}

import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import Report
import XCTest

final class ChartTests: XCTestCase {
    func testNiceTicksCoverTheRange() {
        let t = Ticks(0.03, 0.97, count: 5)
        XCTAssertEqual(t.step, 0.2, accuracy: 1e-12)
        XCTAssertEqual(t.values.map { t.label($0) }, ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"])
        let big = Ticks(10537.6, 26997.0, count: 5)
        XCTAssertEqual(big.values.map { big.label($0) }, ["10,000", "15,000", "20,000", "25,000", "30,000"])
        let flat = Ticks(2, 2)
        XCTAssertLessThan(flat.low, 2)
        XCTAssertGreaterThan(flat.high, 2)
        XCTAssertEqual(Ticks(.nan, .infinity).values.first, 0)
    }

    func testScaleMapsDomainOntoRange() {
        let s = LinearScale(domain: (0, 10), range: (100, 0))
        XCTAssertEqual(s(0), 100)
        XCTAssertEqual(s(2.5), 75)
        XCTAssertEqual(LinearScale(domain: (1, 1), range: (0, 10))(1), 5)
    }

    func testScatterDrawsOnePointPerSampledRowAndTheIdentityLine() {
        let actual = (0..<4000).map { Double($0 % 7) }, predicted = actual.map { $0 * 0.5 }
        let svg = ScatterCharts.predictedVsActual(actual: actual, predicted: predicted, title: "t")
        XCTAssertEqual(svg.components(separatedBy: "<circle").count - 1, (4000 + 2) / 3)
        XCTAssertTrue(svg.contains("stroke-dasharray=\"6 4\""))
    }

    func testWorkspaceMovesOnlyTheAuthorsDiscussion() {
        let w = Workspace("# Title\n\nIntro.\n\n## Discussion\n\nMine.\n\n### Detail\n\nMore.\n\n## Appendix\n\nEnd.\n")
        XCTAssertEqual(w.title, "Title")
        XCTAssertEqual(w.authorDiscussion, "Mine.\n\n### Detail\n\nMore.")
        XCTAssertEqual(w.markdown, "# Title\n\nIntro.\n\n## Appendix\n\nEnd.\n")
        XCTAssertEqual(w.markdownWithoutTitle, "\nIntro.\n\n## Appendix\n\nEnd.\n")
        XCTAssertNil(Workspace("No heading\n").title)
    }

    func testEveryFigureInTheReportIsWellFormedXML() throws {
        let html = try ReportRenderer.html(Fixture.regression())
        let figures = html.components(separatedBy: "<svg ").dropFirst().map { "<svg " + ($0.components(separatedBy: "</svg>").first ?? "") + "</svg>" }
        XCTAssertEqual(figures.count, 12)
        for svg in figures {
            let parser = XMLParser(data: Data(svg.utf8))
            XCTAssertTrue(parser.parse(), "malformed SVG: \(parser.parserError.map { String(describing: $0) } ?? "")")
            XCTAssertTrue(svg.contains("<title>"), "figure without an accessible title")
        }
    }

    func testBestParamsSummarisesFoldsAndDisagreement() {
        XCTAssertEqual(EvaluationSections.bestParams([]), "-")
        XCTAssertEqual(EvaluationSections.bestParams([["a": "1", "b": "x"], ["a": "1", "b": "x"]]), "a=1; b=x")
        XCTAssertEqual(EvaluationSections.bestParams([["a": "1"], ["a": "2"], ["a": "2"]]), "a=2 (2/3)")
    }
}

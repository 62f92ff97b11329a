import Support
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
        let w = Workspace(markdown: "# Title\n\nIntro.\n\n## Discussion\n\nMine.\n\n### Detail\n\nMore.\n\n## Appendix\n\nEnd.\n")
        XCTAssertEqual(w.title, "Title")
        XCTAssertEqual(w.authorDiscussion, "Mine.\n\n### Detail\n\nMore.")
        XCTAssertEqual(w.markdown, "# Title\n\nIntro.\n\n## Appendix\n\nEnd.\n")
        XCTAssertEqual(w.segmentsWithoutTitle, [.markdown("\nIntro.\n\n## Appendix\n\nEnd.")])
        XCTAssertNil(Workspace(markdown: "No heading\n").title)
    }

    func testEveryFigureInTheReportIsWellFormedXML() throws {
        let html = try ReportRenderer.html(Fixture.regression())
        let figures = html.components(separatedBy: "<svg ").dropFirst().map { "<svg " + ($0.components(separatedBy: "</svg>").first ?? "") + "</svg>" }
        XCTAssertEqual(figures.count, 11 + 5, "11 figures (one training panel for the multi-output MLP), 5 also redrawn narrow")
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

/// Plots and words that used to mislead (issue 16).
final class CorrectPlotsTests: XCTestCase {
    /// Per-target models record `"<curve> <target index>"`: each target's panel draws its own curves, and every
    /// model with curves gets its own panel (its own loss axis).
    func testTrainingCurvesDifferPerTargetAndEachModelHasItsOwnAxis() throws {
        var input = try Fixture.regressionWithoutFigureLinks()
        let e = try XCTUnwrap(input.results.evaluation)
        for i in e.models.indices where e.models[i].model == "hist_gradient_boosting" {
            input.results.evaluation?.models[i].curves = [
                "train_loss 0": [0.9, 0.7, 0.6, 0.55], "validation_loss 0": [0.95, 0.8, 0.75, 0.74],
                "train_loss 1": [0.4, 0.3, 0.25, 0.2], "validation_loss 1": [0.45, 0.41, 0.4, 0.4]]
        }
        let figures = ReportRenderer.figures(input)
        func svg(_ name: String) throws -> String { try XCTUnwrap(figures.first { $0.name == name }?.svg, name) }
        let valence = try svg("evaluate-training-valence-hist_gradient_boosting.svg")
        let arousal = try svg("evaluate-training-arousal-hist_gradient_boosting.svg")
        func polylines(_ s: String) -> [String] { s.components(separatedBy: "<polyline ").dropFirst().map { String($0.prefix { $0 != ">" }) } }
        XCTAssertEqual(polylines(valence).count, 2, "training and validation loss of this target only")
        XCTAssertNotEqual(polylines(valence), polylines(arousal), "the two targets' panels draw different curves")
        XCTAssertTrue(valence.contains(">0.9<") || valence.contains(">0.90<") || valence.contains(">1.0<"), "valence axis spans its own losses")
        XCTAssertFalse(arousal.contains(">0.9<"), "arousal's axis is not stretched by valence's losses")
        // The MLP is drawn on its own axes, not on the gradient-boosting panel.
        XCTAssertNotNil(figures.first { $0.name == "evaluate-training-mlp.svg" }, "one panel for a network fitted on all targets")
        XCTAssertFalse(valence.contains("mlp"))
    }

    func testTargetCurvesPicksTheTargetsOwnAndSharedCurves() {
        let curves = ["train_loss 0": [1.0], "train_loss 1": [2.0], "validation_loss": [3.0]]
        XCTAssertEqual(EvaluationSections.targetCurves(curves, target: 1).map(\.name), ["train_loss", "validation_loss"])
        XCTAssertEqual(EvaluationSections.targetCurves(curves, target: 1).map(\.values), [[2.0], [3.0]])
    }

    /// The chosen k at the end of the range keeps its whole label inside the chart.
    func testChosenLabelIsNotClippedAtTheRangeEnd() throws {
        let svg = LineCharts.lines([LineSeries(name: "inertia", x: [2, 3, 4, 5], y: [9, 5, 4, 3.5], markers: true)],
                                   xLabel: "k", yLabel: "inertia", title: "t", highlight: 5, highlightLabel: "chosen k = 5", width: 440)
        let text = try XCTUnwrap(svg.components(separatedBy: "<text ").first { $0.contains(">chosen k = 5<") })
        let x = try XCTUnwrap(Double(text.components(separatedBy: "x=\"")[1].prefix { $0 != "\"" }))
        XCTAssertTrue(text.contains("text-anchor=\"end\""))
        XCTAssertGreaterThanOrEqual(x - SVGCanvas.textWidth("chosen k = 5", size: 12), 0)
        XCTAssertLessThanOrEqual(x, 440)
    }

    /// The comparison sentence states the test, and its verdict follows the interval it prints.
    func testComparisonSentenceFollowsItsIntervalAndPValue() throws {
        for input in [try Fixture.regression(), try Fixture.deep()] {
            let e = try XCTUnwrap(input.results.evaluation)
            let sentences = Discussion.sentences(input.results, reference: input.reference).map(\.text).filter { $0.contains("paired bootstrap") }
            XCTAssertFalse(sentences.isEmpty)
            for c in e.comparisons {
                let excludes = c.ci[0] > 0 || c.ci[1] < 0
                XCTAssertEqual(excludes, c.pValue < 0.05, "fixture comparison \(c.best)/\(c.other): interval and p disagree")
            }
            for s in sentences {
                XCTAssertTrue(s.contains("two-sided p"), s)
                let bounds = s.components(separatedBy: "(interval ")[1].components(separatedBy: ",")[0].components(separatedBy: " to ")
                let low = try XCTUnwrap(Double(bounds[0])), high = try XCTUnwrap(Double(bounds[1]))
                let p = try XCTUnwrap(Double(s.components(separatedBy: "two-sided p ")[1].dropFirst(2).prefix { $0 != ")" }))
                XCTAssertFalse(low == 0 || high == 0, "a bound printed as zero hides its side: \(s)")
                XCTAssertEqual(s.contains("excludes zero"), low > 0 || high < 0, s)
                XCTAssertEqual(s.contains("excludes zero"), p < 0.05, s)
            }
        }
    }

    func testSmallBoundsKeepTheirSign() {
        XCTAssertEqual(NumberFormat.bound(0.0004), "0.0004")
        XCTAssertEqual(NumberFormat.bound(-0.00004), "-0.00004")
        XCTAssertEqual(NumberFormat.bound(0.0123), "0.012")
        XCTAssertEqual(NumberFormat.pValue(0.0001), "< 0.001")
    }

    /// Generated prose renders Markdown: no backtick or `**` reaches the HTML text outside `<code>`/`<pre>`.
    func testNoRawBackticksOrAsterisksInTheHTML() throws {
        for input in [try Fixture.regression(), try Fixture.deep()] {
            var html = ReportRenderer.html(input)
            for tag in ["pre", "code", "style"] {
                while let open = html.range(of: "<\(tag)"), let close = html.range(of: "</\(tag)>", range: open.upperBound..<html.endIndex) {
                    html.removeSubrange(open.lowerBound..<close.upperBound)
                }
            }
            XCTAssertFalse(html.contains("`"), String(html.components(separatedBy: "`").first?.suffix(200) ?? ""))
            XCTAssertFalse(html.contains("**"))
        }
    }

    func testScatterCaptionSaysHowManyPointsAreShown() throws {
        let html = try ReportRenderer.markdown(Fixture.regression())
        XCTAssertFalse(html.contains("1 in "), "no \"1 in 2 of …\" wording")
    }
}

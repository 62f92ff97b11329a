@testable import Report
import Results
import XCTest

/// Words and plots that belong to one study appear only when the experiment declares them.
final class StudyWordsTests: XCTestCase {
    func testAffectPlaneOnlyWhenDeclaredAndSplitAtItsCenter() throws {
        var input = try Fixture.regressionWithoutFigureLinks()
        XCTAssertTrue(ReportRenderer.html(input).contains("happy · excited"))
        input.results.affectPlane = nil
        let undeclared = ReportRenderer.html(input)
        XCTAssertFalse(undeclared.contains("happy · excited"))
        XCTAssertFalse(undeclared.contains("circumplex"))
        input.results.affectPlane = AffectPlane(valence: "valence", arousal: "arousal", center: [5, 5])
        XCTAssertTrue(ReportRenderer.markdown(input).contains("quadrants split at (5.00, 5.00)"))
        // A plane naming a target the run does not have is not drawn.
        input.results.affectPlane = AffectPlane(valence: "valence", arousal: "tension")
        XCTAssertFalse(ReportRenderer.html(input).contains("happy · excited"))
    }

    func testEntityNamesTheRowsAndDefaultsToRows() throws {
        var input = try Fixture.regression()
        input.results.entity = nil
        let text = Discussion.sentences(input.results, reference: nil).map(\.text).joined(separator: " ")
        XCTAssertTrue(text.contains("18,644 rows of `deezer`"), text)
        // The generated Report section and discussion (the author's own prose may say what it likes).
        let markdown = ReportRenderer.markdown(input)
        let parts = markdown.components(separatedBy: "### Discussion")
        XCTAssertEqual(parts.count, 2)
        let report = parts[0].components(separatedBy: "## Report").last ?? ""
        let generated = parts[1].components(separatedBy: "What the numbers of this run say").last ?? ""
        XCTAssertFalse((report + generated).lowercased().contains("song"))
    }

    func testNoBenchmarkMeansNoBenchmarkWords() throws {
        var input = try Fixture.regressionWithoutFigureLinks()
        input.results.evaluation?.benchmark = nil
        for i in input.results.evaluation!.models.indices { input.results.evaluation!.models[i].passesBenchmark = nil }
        XCTAssertFalse(ReportRenderer.markdown(input).lowercased().contains("benchmark"))
        XCTAssertFalse(ReportRenderer.html(input).lowercased().contains("benchmark"))
        XCTAssertFalse(ReportRenderer.index([input.results]).lowercased().contains("benchmark"))
    }

    func testPearsonAxisStaysWithinMinusOneToOne() {
        let svg = BarCharts.comparison(groups: ["a", "b"], series: [BarSeries(name: "t", values: [0.97, -0.99],
                                       intervals: [(0.95, 0.999), (-1, -0.97)])], benchmark: nil,
                                       valueLabel: "r", title: "r")
        XCTAssertFalse(svg.contains(">1.2<") || svg.contains(">-1.2<"), svg)
        XCTAssertTrue(svg.contains(">1.0<") && svg.contains(">-1.0<"))
        let ticks = Ticks(-1, 1.04, count: 6).clipped(-1, 1)
        XCTAssertEqual(ticks.high, 1)
    }
}

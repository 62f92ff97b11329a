import Foundation
import Report
import Support
import Results
import XCTest
@testable import Runner
@testable import Steps

/// Each step's summary is rendered once: the output block written back under the step and the step's section of the
/// Report (when the workspace does not show the block) are the same text. A study unlike the Deezer one: one
/// target, no join, three clusters of unequal size (over a thousand rows each: thousands separators), groups.
final class OneRendererTests: XCTestCase {
    private var study: StudyRun!

    override func setUpWithError() throws {
        var g = FixtureRandom(seed: 5)
        var csv = "well,site,depth,salinity,flow\n"
        let centres = [(0.0, 0.0), (6.0, 6.0), (0.0, 6.0)], sizes = [1_500, 1_200, 1_050]
        var id = 0
        for (c, size) in sizes.enumerated() {
            for _ in 0..<size {
                let depth = centres[c].0 + g.next() - 0.5, salinity = centres[c].1 + g.next() - 0.5
                csv += "w\(id),site\(id % 4),\(depth),\(salinity),\(Double(c) + 0.3 * depth + g.next())\n"
                id += 1
            }
        }
        study = try StudyRun(files: ["wells.csv": csv])
    }

    override func tearDownWithError() throws { study.remove() }

    private let experiment = """
        # Well flow

        ```yaml load
        sources:
          wells: {file: wells.csv, types: {well: text}}
        targets: [flow]
        ```

        ```yaml clean
        numeric: {columns: [depth, salinity], scale: standard}
        ```

        ```yaml cluster
        k: {min: 2, max: 4}
        n_init: 2
        features: [onehot]
        ```

        ```yaml train
        models:
          ridge: {kind: ridge, params: {alpha: 1}}
        ```

        ```yaml evaluate
        protocols:
          random: {kind: kfold, folds: 3, metrics_by: site}
        bootstrap: 200
        ```

        """

    /// The text of `step`'s output block in the written-back experiment.
    private func outputBlock(_ step: String, in experiment: String) throws -> String {
        let start = try XCTUnwrap(experiment.range(of: "<!-- labbook:output \(step) -->\n\n"))
        let end = try XCTUnwrap(experiment.range(of: "<!-- labbook:end \(step) -->", range: start.upperBound..<experiment.endIndex))
        return String(experiment[start.upperBound..<end.lowerBound])
    }

    /// The text of the Report section headed `title`, up to its figures or the next section.
    private func section(_ title: String, in report: String) throws -> String {
        let start = try XCTUnwrap(report.range(of: "\n### \(title)\n\n"), "no section \(title) in\n\(report)")
        let rest = report[start.upperBound...]
        let end = [rest.range(of: "\n![")?.lowerBound, rest.range(of: "\n### ")?.lowerBound].compactMap { $0 }.min() ?? rest.endIndex
        return String(rest[..<end])
    }

    func testTheOutputBlockAndTheReportSectionOfEachStepAreTheSameText() throws {
        let outcome = try study.run(experiment)
        // The Report rebuilt from the results file alone, for a workspace that shows no output block.
        let results = try ResultsJSON.read(study.reports.appendingPathComponent("study.results.json"))
        let report = ReportRenderer.markdown(ReportInput(results: results, experimentMarkdown: "# Well flow\n"))
        for (step, title) in [("load", "Data"), ("clean", "Preprocessing"), ("cluster", "Clustering")] {
            let block = try outputBlock(step, in: outcome.experiment), body = try section(title, in: report)
            XCTAssertTrue(body.count > 40 && block.hasPrefix(body), "\(step):\n\(block)\nreport:\n\(body)")
        }
        // The committed report shows the blocks in the workspace and so leaves those sections out.
        XCTAssertFalse(outcome.markdown.contains("\n### Clustering\n"))

        let clusters = try section("Clustering", in: report)
        XCTAssertTrue(clusters.contains("rule `max_silhouette` chose **k = 3**"), clusters)
        XCTAssertTrue(clusters.contains("| cluster | size | mean flow |\n| ---: | ---: | ---: |\n| 1 | "), clusters)
        let table = try XCTUnwrap(clusters.components(separatedBy: "| cluster | size | mean flow |\n| ---: | ---: | ---: |\n").last)
        let rows = table.split(separator: "\n").prefix { $0.hasPrefix("|") }.map { $0.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) } }
        XCTAssertEqual(rows.map { $0[0] }, ["1", "2", "3"], clusters)
        XCTAssertEqual(Set(rows.map { $0[1] }), ["1,500", "1,200", "1,050"], clusters)
        XCTAssertFalse(clusters.contains("| 0 |"), "clusters are numbered from 1")
        XCTAssertTrue(try section("Data", in: report).hasPrefix("**3,750 rows × 5 columns.**"))

        // The evaluate block: one pooled r [CI] cell per protocol, per-group r with grouped counts.
        let evaluate = try outputBlock("evaluate", in: outcome.experiment)
        let ridge = try XCTUnwrap(results.evaluation?.result(model: "ridge", protocolName: "random", target: "flow"))
        XCTAssertTrue(evaluate.contains("| ridge | \(NumberFormat.r(ridge.pooled.pearson)) [\(NumberFormat.r(ridge.ciLow)), "
            + "\(NumberFormat.r(ridge.ciHigh))] |"), evaluate)
        XCTAssertTrue(evaluate.contains("  - r per site: site0 "), evaluate)
        XCTAssertTrue(evaluate.contains("(n = 938)"), evaluate)
    }
}

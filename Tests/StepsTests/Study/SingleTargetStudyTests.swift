import Foundation
import Results
import XCTest
@testable import Config
@testable import Runner
@testable import Steps
@testable import Workflows
import Support

/// A study that is not about music: one target, no join, no tags, no benchmark. Its reports must use the
/// experiment's own words and none of the Deezer study's.
final class SingleTargetStudyTests: XCTestCase {
    private var study: StudyRun!

    override func setUpWithError() throws {
        var g = FixtureRandom(seed: 21)
        var csv = "plot,region,rain,sun,part,yield\n"
        for i in 0..<240 {
            let rain = g.next(), sun = g.next(), region = "r\(i % 8)"
            let yield = 2 * rain + sun + 0.1 * Double(i % 8) + 0.6 * g.next()
            csv += "p\(i),\(region),\(rain),\(sun),\(i % 4 == 0 ? "late" : "early"),\(yield)\n"
        }
        study = try StudyRun(files: ["plots.csv": csv])
    }

    override func tearDownWithError() throws { study.remove() }

    private let experiment = """
        # Crop yield from weather

        Plots of land, their rain and sun, and the harvest.

        ```yaml load
        sources:
          plots: {file: plots.csv, types: {plot: text}}
        targets: [yield]
        ```

        ```yaml clean
        numeric: {columns: [rain, sun], impute: median, scale: standard}
        ```

        ```yaml train
        models:
          ridge: {kind: ridge, grid: {alpha: [0.1, 10]}}
          knn: {kind: knn, params: {n_neighbors: 7}}
        inner_folds: 2
        ```

        ```yaml evaluate
        protocols:
          shuffled: {kind: kfold, folds: 4}
          by_region: {kind: group_kfold, folds: 4, column: region}
          holdout: {kind: predefined, column: part, train: [early], test: [late]}
        bootstrap: 200
        ```

        """

    func testReportsSpeakOfRowsAndProtocolsAsWritten() throws {
        let outcome = try study.run(experiment)
        for (name, text) in [("md", outcome.markdown), ("html", outcome.html), ("experiment", outcome.experiment),
                             ("index", outcome.index)] {
            let lower = text.lowercased()
            for word in ["song", "official", "benchmark", "valence", "arousal", "artist", "genre", "happy"] {
                XCTAssertFalse(lower.contains(word), "\(name) contains `\(word)`")
            }
        }
        let evaluation = try XCTUnwrap(outcome.evaluation)
        XCTAssertNil(evaluation.benchmark)
        XCTAssertTrue(evaluation.models.allSatisfy { $0.passesBenchmark == nil })
        // Every protocol is in the discussion and in the index, by the name the experiment gave it.
        let discussion = outcome.discussion.map(\.text).joined(separator: " ")
        for name in ["shuffled", "by_region", "holdout"] {
            XCTAssertTrue(discussion.contains("Under \(name)"), "discussion lacks \(name): \(discussion)")
            XCTAssertTrue(outcome.index.contains("best r, \(name)"), "index lacks \(name)")
        }
        // No affect plane was declared: no circumplex plot.
        XCTAssertFalse(outcome.html.contains("circumplex"))
        XCTAssertFalse(outcome.html.contains("plane"))
    }

    func testEntityFromTheProjectSettingsNamesTheRows() throws {
        let outcome = try study.run(experiment, entity: "plots")
        XCTAssertTrue(outcome.markdown.contains("plots with the same region share information"), outcome.markdown)
        XCTAssertEqual(outcome.results.entity, "plots")
    }
}

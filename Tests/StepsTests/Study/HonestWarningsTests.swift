import Foundation
import Results
import XCTest
@testable import Config
@testable import Runner
@testable import Steps
@testable import Workflows
import Support

/// Settings the data does not allow as written, and choices that sit where they cannot be trusted, are said
/// out loud in the step outputs and the report: k at the edge of its range, a cluster made of exactly the rows
/// without a join match, a clamped `n_components`, no tag kept after `min_count`.
final class HonestWarningsTests: XCTestCase {
    private var study: StudyRun!

    override func setUpWithError() throws {
        var g = FixtureRandom(seed: 8)
        var left = "id,key,score\n", right = "key,a,b,tags\n"
        let tags = ["['x', 'y']", "['y', 'z']", "['x']"]
        for i in 0..<160 {
            left += "\(i),k\(i),\(g.next())\n"
            // Half of the rows find a match; the others get imputed features and the indicator 0.
            if i % 2 == 0 { right += "k\(i),\(g.next()),\(g.next()),\"\(tags[i % 3])\"\n" }
        }
        study = try StudyRun(files: ["left.csv": left, "right.csv": right])
    }

    override func tearDownWithError() throws { study.remove() }

    private func experiment(clean: String, cluster: String) -> String {
        """
        # Clamps and edges

        ```yaml load
        sources:
          rows: {file: left.csv, types: {id: text}}
          extra: {file: right.csv, types: {tags: list}}
        join: {left: rows, right: extra, on: key, how: left, indicator: matched}
        targets: [score]
        ```

        ```yaml clean
        \(clean)
        ```

        \(cluster)

        ```yaml train
        models:
          ridge: {kind: ridge, params: {alpha: 1}}
        ```

        ```yaml evaluate
        protocols:
          random: {kind: kfold, folds: 3}
        bootstrap: 100
        ```

        """
    }

    func testClusterAndReductionWarnings() throws {
        let outcome = try study.run(experiment(
            clean: """
            numeric: {columns: [a, b, matched], impute: median, scale: standard}
            tags: {column: tags, min_count: 1, reduce: {method: truncated_svd, n_components: 8}}
            pca: {n_components: 40}
            """,
            cluster: """
            ```yaml cluster
            k: {min: 2, max: 4}
            n_init: 2
            ```
            """))
        let cluster = try XCTUnwrap(outcome.results.cluster)
        XCTAssertTrue([2, 4].contains(cluster.chosenK), "k = \(cluster.chosenK) is not at an edge: the fixture changed")
        let edge = cluster.chosenK == 2 ? "smallest" : "largest"
        let clusterWarnings = try XCTUnwrap(cluster.warnings)
        XCTAssertTrue(clusterWarnings.contains { $0.hasPrefix("one cluster holds exactly the 80 rows without a join match") },
                      "\(clusterWarnings)")
        XCTAssertTrue(clusterWarnings.contains { $0.contains("chose k = \(cluster.chosenK), the \(edge) candidate of 2 to 4") }, "\(clusterWarnings)")
        let cleanWarnings = try XCTUnwrap(outcome.results.clean?.warnings)
        XCTAssertTrue(cleanWarnings.contains("`n_components` 8 of the truncated SVD was clamped to 3, the number of tags kept"),
                      "\(cleanWarnings)")
        XCTAssertTrue(cleanWarnings.contains { $0.hasPrefix("PCA `n_components` 40 was clamped to") }, "\(cleanWarnings)")
        for warning in clusterWarnings + cleanWarnings {
            XCTAssertTrue(outcome.experiment.contains("> **Warning:** \(warning)"), "step output lacks: \(warning)")
            // Once, under the step that raised it (the Report section does not repeat a step's output).
            XCTAssertEqual(outcome.markdown.components(separatedBy: "**Warning:** \(warning)").count, 2, "report lacks or repeats: \(warning)")
        }
    }

    func testNoTagKeptAfterMinCount() throws {
        let outcome = try study.run(experiment(
            clean: """
            numeric: {columns: [a, b], impute: median, scale: standard}
            tags: {column: tags, min_count: 1000}
            """, cluster: ""))
        XCTAssertEqual(outcome.results.clean?.tagsKept, 0)
        let warning = "no tag of `tags` is used by at least 1000 training rows (min_count), so its tag features are all zero: "
            + "lower `tags.min_count`"
        XCTAssertEqual(outcome.results.clean?.warnings, [warning])
        XCTAssertTrue(outcome.experiment.contains("> **Warning:** \(warning)"))
        XCTAssertEqual(outcome.markdown.components(separatedBy: "**Warning:** \(warning)").count, 2)
    }

    func testNoWarningsWhenNothingIsClampedOrAtAnEdge() throws {
        XCTAssertNil(ClusterStep.unmatchedCluster(labels: [0, 0, 1, 1, 1], unmatched: [0, 1, 2]))
        XCTAssertEqual(ClusterStep.unmatchedCluster(labels: [0, 0, 1, 1, 1], unmatched: [2, 3, 4]), 1)
        XCTAssertNil(ClusterStep.unmatchedCluster(labels: [0, 0, 1], unmatched: []))
        let outcome = try study.run(experiment(
            clean: "numeric: {columns: [a, b], impute: median, scale: standard}\ntags: {column: tags, min_count: 1}",
            cluster: "```yaml cluster\nk: 3\nfeatures: [onehot]\n```"))
        XCTAssertNil(outcome.results.clean?.warnings)
        // A fixed k is no range, so it has no edge; without the indicator no cluster is made of the unmatched rows.
        XCTAssertNil(outcome.results.cluster?.warnings, "\(outcome.results.cluster?.warnings ?? [])")
        XCTAssertFalse(outcome.markdown.contains("Warning"), outcome.markdown.components(separatedBy: "\n").filter { $0.contains("Warning") }.joined(separator: "\n"))
    }
}

import SyntheticStudy
import XCTest
import Results
@testable import Config
@testable import Runner
@testable import Steps
@testable import Workflows
import Support

final class ResultsComparisonTests: XCTestCase {
    private let configsA = ["train": "models:\n  ridge: {kind: ridge, params: {alpha: 10}}\n  knn: {kind: knn}\n",
                            "evaluate": "bootstrap: 1000\nprotocols:\n  official: {kind: predefined, column: split}\n"]
    private let configsB = ["train": "models:\n  ridge:\n    kind: ridge\n    params: {alpha: 100}\n  knn: {kind: knn}\n",
                            "evaluate": "bootstrap: 1000\nprotocols:\n  official: {kind: predefined, column: split}\n"]

    func testOnlyDifferingMetricRowsByDefaultAndAllOnRequest() {
        let a = TestResults.make([("ridge", "valence", 0.30), ("knn", "valence", 0.25)], configs: configsA)
        let b = TestResults.make([("ridge", "valence", 0.35), ("knn", "valence", 0.25)], configs: configsB)
        let comparison = ResultsComparison(a, b)
        let differing = comparison.metrics.filter(\.differs)
        // ridge's pearson, spearman and r2 moved; rmse and mae (both 1) and every knn metric did not.
        XCTAssertEqual(differing.map(\.metric), ["pearson", "spearman", "r2"])
        XCTAssertEqual(differing[0].difference ?? 0, 0.05, accuracy: 1e-12)
        let markdown = comparison.markdown()
        XCTAssertTrue(markdown.contains("| official | valence | ridge | pearson | 0.300 | 0.350 | +0.050 |"), markdown)
        XCTAssertFalse(markdown.contains("| knn |"), markdown)
        XCTAssertTrue(comparison.markdown(all: true).contains("| official | valence | knn | pearson | 0.250 | 0.250 | 0.000 |"))
    }

    func testConfigDifferencesAreKeyByKeyWhateverTheYAMLStyle() {
        let a = TestResults.make([("ridge", "valence", 0.3)], configs: configsA)
        let b = TestResults.make([("ridge", "valence", 0.3)], configs: configsB, seed: 7)
        let rows = ResultsComparison(a, b).configs
        XCTAssertEqual(rows, [
            ResultsComparison.ConfigRow(key: "seed", a: "0", b: "7"),
            ResultsComparison.ConfigRow(key: "train.models.ridge.params.alpha", a: "10", b: "100"),
        ])
    }

    func testOverridesCountAsConfiguration() {
        let a = TestResults.make([("ridge", "valence", 0.3)], configs: configsA)
        let b = TestResults.make([("ridge", "valence", 0.3)], configs: configsA,
                                 overrides: ["train.models.ridge.params.alpha=100", "train.models.knn.params.n_neighbors=5"])
        let rows = ResultsComparison(a, b).configs
        XCTAssertEqual(rows, [
            ResultsComparison.ConfigRow(key: "train.models.knn.params.n_neighbors", a: nil, b: "5"),
            ResultsComparison.ConfigRow(key: "train.models.ridge.params.alpha", a: "10", b: "100"),
        ])
        XCTAssertTrue(ResultsComparison(a, b).markdown().contains("| `train.models.knn.params.n_neighbors` | (absent) | `5` |"))
    }

    func testListsStayOneValue() {
        let flat = ConfigFlattening.flatten(configs: ["load": "targets: [valence, arousal]\nsources:\n  - {file: a}\n"])
        XCTAssertEqual(flat["load.targets"], "[valence, arousal]")
        XCTAssertEqual(flat["load.sources[0].file"], "a")
    }
}

import Evaluate
import Learn
import Linalg
import Results
@testable import Steps
import XCTest

/// Predicts column 0 of its features shifted by a constant plus `noise` times column 1.
private struct ShiftModel: Regressor {
    let noise: Double
    func fit(_ x: Matrix, _ y: Matrix, seed: UInt64) throws -> any FittedRegressor { Fitted(noise: noise) }
    struct Fitted: FittedRegressor {
        let noise: Double
        func predict(_ x: Matrix) throws -> Matrix { Matrix(columns: [(0..<x.rows).map { x[$0, 0] + 0.5 + noise * x[$0, 1] }]) }
    }
}

/// The evaluate step's scoring of cross-validated models into the results schema.
final class ModelComparisonTests: XCTestCase {
    func testScoresOnlyTestedRowsComparesWithTheBestAndKeepsItsPredictions() throws {
        var g = SeededGenerator(seed: 2)
        let values = (0..<40).map { _ in g.nextGaussian() }
        let noise = (0..<40).map { _ in g.nextGaussian() }
        let x = Matrix(columns: [values, noise]), y = Matrix(columns: [values])
        let column: [String?] = (0..<40).map { ["train", "validation", "test", nil][$0 % 4] }
        let splits = try PredefinedSplit().splits(column: column)
        let featurize: Featurize = { train, test, _ in (x.selectingRows(train), x.selectingRows(test)) }
        let good = try CrossValidation.run(splits: splits, y: y, featurize: featurize,
                                           factory: { _ in ShiftModel(noise: 0) }, seed: 0)
        let worse = try CrossValidation.run(splits: splits, y: y, featurize: featurize,
                                            factory: { _ in ShiftModel(noise: 1) }, seed: 0)
        let scores = try ModelComparison.summarize(
            protocolName: "official", targets: ["valence"], y: y,
            models: [ModelOutcome(name: "worse", kind: "offset", outcome: worse),
                     ModelOutcome(name: "good", kind: "offset", outcome: good)],
            benchmark: 0.4, bootstrap: Bootstrap(resamples: 200, seed: 1))
        XCTAssertEqual(scores.models.count, 2)
        XCTAssertEqual(scores.models[1].pooled.n, 10)
        XCTAssertEqual(scores.models[1].pooled.pearson, 1, accuracy: 1e-12)
        XCTAssertEqual(scores.models[1].passesBenchmark, true)
        XCTAssertEqual(scores.comparisons.count, 1)
        XCTAssertEqual(scores.comparisons[0].best, "good")
        XCTAssertEqual(scores.comparisons[0].other, "worse")
        XCTAssertGreaterThan(scores.comparisons[0].difference, 0)
        XCTAssertEqual(scores.bestPredictions[0].model, "good")
        XCTAssertEqual(scores.bestPredictions[0].actual, splits[0].test.map { y[$0, 0] })
    }

    func testTheBestModelIsTheOneRuleOfTheResults() {
        // NaN ranks last, ties keep run order: the same rule as the report, the saved model and sweeps.
        XCTAssertEqual(EvaluationSummary.bestFirst([0.2, .nan, 0.5, 0.5]), [2, 3, 0, 1])
        XCTAssertEqual(EvaluationSummary.bestFirst([.nan, 0.1]), [1, 0])
    }
}

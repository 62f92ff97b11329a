import Learn
import Linalg
import XCTest

/// Stacking and voting against scikit-learn (`make_ensemble.py`): the ridge meta-model on given base predictions,
/// and whole `StackingRegressor` / `VotingRegressor` predictions with deterministic base models, within 1e-6.
final class StackingParityTests: XCTestCase {
    private func bases() -> [(name: String, model: any Regressor)] {
        [("ridge", Ridge(alpha: 10)), ("knn", KNeighborsRegressor(nNeighbors: 7))]
    }

    func testMetaModelOnGivenBasePredictions() throws {
        let f = try loadFixture("stacking", folder: "ensemble")
        let y = try matrix(f["y"])
        // Three base models' out-of-fold predictions of one target: one single-column matrix each.
        let oof = columnsOf(try matrix(f["base_oof"])).map { Matrix(columns: [$0]) }
        let meta = try StackingRegressor.fitMeta(basePredictions: oof, features: nil,
                                                 y: Matrix(columns: [y.column(0)]), alpha: 1)
        let testColumns = columnsOf(try matrix(f["base_test"]))
        let predicted = try meta[0].predict(Matrix(columns: testColumns)).column(0)
        assertClose(predicted, try numbers(f["meta"]), tolerance: 1e-6, "meta-model")
    }

    func testStackingAndVotingMatchScikitLearn() throws {
        let f = try loadFixture("stacking", folder: "ensemble")
        let x = try matrix(f["x"]), y = try matrix(f["y"]), xTest = try matrix(f["x_test"])
        let stacking = StackingRegressor(estimators: bases(), hyperparameters: StackingHyperparameters(alpha: 1, cv: 5, shuffle: false))
        let stacked = try stacking.fit(x, y, seed: 7).predict(xTest)
        let voting = try VotingRegressor(estimators: bases(), weights: [2, 1]).fit(x, y, seed: 7).predict(xTest)
        let expectedStack = try XCTUnwrap(f["stacking"] as? [Any]).map { try numbers($0) }
        let expectedVote = try XCTUnwrap(f["voting"] as? [Any]).map { try numbers($0) }
        for t in 0..<2 {
            assertClose(stacked.column(t), expectedStack[t], tolerance: 1e-6, "stacking target \(t)")
            assertClose(voting.column(t), expectedVote[t], tolerance: 1e-6, "voting target \(t)")
        }
    }

    /// The meta-model learns from out-of-fold base predictions only: a base model that memorises its training rows
    /// (1-nearest neighbour) scores perfectly in-sample, yet must not take all the weight.
    func testMetaModelSeesOutOfFoldPredictionsOnly() throws {
        var rng = SeededGenerator(seed: 11)
        let x = Matrix(rowArrays: (0..<120).map { _ in (0..<3).map { _ in Double.random(in: -1...1, using: &rng) } })
        let y = Matrix(columns: [(0..<120).map { x[$0, 0] + Double.random(in: -0.5...0.5, using: &rng) }])
        let stack = StackingRegressor(estimators: [("ridge", Ridge(alpha: 1)), ("memorise", KNeighborsRegressor(nNeighbors: 1))])
        let fitted = try XCTUnwrap(try stack.fit(x, y, seed: 1) as? FittedStacking)
        let weights = fitted.meta[0].coefficients
        XCTAssertGreaterThan(weights[0, 0], weights[1, 0], "out-of-fold, ridge beats the memorising model")
    }
}

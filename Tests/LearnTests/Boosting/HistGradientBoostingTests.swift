import Foundation
@testable import Learn
import Linalg
import XCTest

final class HistGradientBoostingTests: XCTestCase {
    private func model() -> HistGradientBoostingRegressor {
        var m = HistGradientBoostingRegressor()
        m.maxIter = 50; m.maxLeafNodes = 15; m.learningRate = 0.1; m.minSamplesLeaf = 10; m.earlyStopping = .off
        return m
    }

    func testBinThresholdsMatchScikitLearn() throws {
        let f = try TreeFixture.load()
        let binner = try FeatureBinner(fitting: TreeFixture.matrix(f.x_train))
        XCTAssertEqual(binner.thresholds.count, f.hgb_thresholds.count)
        for (ours, ref) in zip(binner.thresholds, f.hgb_thresholds) {
            XCTAssertEqual(ours.count, ref.count)
            for (a, b) in zip(ours, ref) { XCTAssertEqual(a, b, accuracy: 1e-12) }
        }
    }

    func testPredictionsMatchScikitLearn() throws {
        let f = try TreeFixture.load()
        let x = TreeFixture.matrix(f.x_train), y = TreeFixture.matrix(f.y_train), xt = TreeFixture.matrix(f.x_test)
        let yTest = TreeFixture.matrix(f.y_test)
        for t in 0..<2 {
            let p = try model().fit(x, y.column(t), seed: 0).predict(xt)
            // Same bins, same gains, same leaf-wise order: predictions agree up to rounding.
            let maxDiff = zip(p, f.hgb_pred[t]).map { abs($0 - $1) }.max() ?? 0
            XCTAssertLessThan(maxDiff, 1e-6, "target \(t)")
            XCTAssertEqual(meanSquaredError(p, yTest.column(t)), f.hgb_test_mse[t], accuracy: 0.01 * f.hgb_test_mse[t])
        }
    }

    func testMissingValuesGoToTheLearnedSide() throws {
        let f = try TreeFixture.load()
        let x = TreeFixture.matrix(f.xm_train), xt = TreeFixture.matrix(f.xm_test)
        let fitted = try model().fitModel(x, f.ym_train, seed: 0)
        XCTAssertTrue(fitted.binner.hasMissing[0])
        let p = try fitted.predict(xt)
        XCTAssertEqual(meanSquaredError(p, f.ym_test), f.hgb_missing_test_mse, accuracy: 0.02 * f.hgb_missing_test_mse)
        XCTAssertGreaterThan(pearson(p, f.hgb_missing_pred), 0.999)
        // Missing feature 0 means y ≈ 2 + x1: rows with NaN are predicted high.
        let missingRows = (0..<xt.rows).filter { xt[$0, 0].isNaN }
        XCTAssertFalse(missingRows.isEmpty)
        for r in missingRows { XCTAssertEqual(p[r] - xt[r, 1], 2, accuracy: 0.35) }
    }

    func testUnseenMissingValuesFollowTheLargerChild() throws {
        // No NaN in training; a NaN at predict time must still give a finite prediction.
        var gen = SeededGenerator(seed: 3)
        let x = Matrix(rowArrays: (0..<300).map { _ in [gen.nextUnit(), gen.nextUnit()] })
        let y = (0..<300).map { x[$0, 0] > 0.3 ? 1.0 : 0.0 }
        let fitted = try model().fit(x, y, seed: 0)
        let p = try fitted.predict(Matrix(rowArrays: [[.nan, 0.5]]))
        XCTAssertEqual(p[0], 1, accuracy: 0.1) // 70% of rows are on the x0 > 0.3 side
    }

    func testRecoversNonlinearFunction() throws {
        var gen = SeededGenerator(seed: 42)
        func sample(_ n: Int) -> (Matrix, [Double]) {
            var rows = [[Double]](), ys = [Double]()
            for _ in 0..<n {
                let r = (0..<4).map { _ in gen.nextUnit() * 2 - 1 }
                rows.append(r)
                ys.append(_sin(3 * r[0]) + r[1] * r[1] + 0.1 * gen.nextGaussian())
            }
            return (Matrix(rowArrays: rows), ys)
        }
        let (x, y) = sample(3000), (xt, yt) = sample(1000)
        var m = HistGradientBoostingRegressor()
        m.earlyStopping = .off
        let p = try m.fit(x, y, seed: 0).predict(xt)
        XCTAssertGreaterThan(pearson(p, yt), 0.95)
    }

    func testEarlyStoppingStopsAndRecordsCurves() throws {
        var gen = SeededGenerator(seed: 5)
        let x = Matrix(rowArrays: (0..<2000).map { _ in [gen.nextUnit(), gen.nextUnit()] })
        let y = (0..<2000).map { _ in gen.nextGaussian() } // pure noise: validation loss stops improving
        var m = HistGradientBoostingRegressor()
        m.earlyStopping = .on; m.maxIter = 200
        let fitted = try m.fitModel(x, y, seed: 0)
        XCTAssertLessThan(fitted.iterations, 200)
        XCTAssertEqual(fitted.curves["validation_loss"]?.count, fitted.iterations + 1)
        XCTAssertEqual(fitted.curves["train_loss"]?.count, fitted.iterations + 1)
    }

    func testDeterministicAcrossRunsAndThreadCounts() throws {
        let f = try TreeFixture.load()
        let x = TreeFixture.matrix(f.x_train), y = TreeFixture.matrix(f.y_train), xt = TreeFixture.matrix(f.x_test)
        // Enough rows to take the parallel histogram path.
        let big = Matrix.vstack(Array(repeating: x, count: 8)), yBig = Matrix.vstack(Array(repeating: y, count: 8))
        let m = PerTarget(model())
        let a = try m.fit(big, yBig, seed: 1).predict(xt)
        let b = try m.fit(big, yBig, seed: 1).predict(xt)
        let c = try withThreads(1) { try m.fit(big, yBig, seed: 1).predict(xt) }
        XCTAssertEqual(a, b)
        XCTAssertEqual(a, c)
    }

    func testMultiTargetFitEqualsSingleTargetFitsAtAnyThreadCount() throws {
        let f = try TreeFixture.load()
        let x = TreeFixture.matrix(f.x_train), y = TreeFixture.matrix(f.y_train), xt = TreeFixture.matrix(f.x_test)
        let both = try model().fit(x, y, seed: 0).predict(xt)
        let serial = try withThreads(1) { try model().fit(x, y, seed: 0).predict(xt) }
        XCTAssertEqual(both, serial)
        for t in 0..<2 {
            XCTAssertEqual(both.column(t), try model().fit(x, y.column(t), seed: 0).predict(xt))
        }
    }

    func testDecodesScikitLearnNamesAndDefaults() throws {
        let json = #"{"max_iter": 300, "early_stopping": false, "max_leaf_nodes": null, "l2_regularization": 1.5}"#
        let m = try JSONDecoder().decode(HistGradientBoostingRegressor.self, from: Data(json.utf8))
        XCTAssertEqual(m.maxIter, 300)
        XCTAssertEqual(m.earlyStopping, .off)
        XCTAssertNil(m.maxLeafNodes)
        XCTAssertEqual(m.l2Regularization, 1.5)
        XCTAssertEqual(m.minSamplesLeaf, 20)
        XCTAssertEqual(HistGradientBoostingRegressor().maxLeafNodes, 31)
    }

    func testBadHyperparametersThrow() {
        var m = HistGradientBoostingRegressor()
        m.learningRate = 0
        XCTAssertThrowsError(try m.fit(Matrix(rowArrays: [[1], [2], [3]]), [1, 2, 3], seed: 0))
        XCTAssertThrowsError(try HistGradientBoostingRegressor().fit(Matrix(rowArrays: [[1], [2]]), [1, .nan], seed: 0))
    }
}

#if canImport(Glibc)
import Glibc
private func _sin(_ x: Double) -> Double { Glibc.sin(x) }
#else
private func _sin(_ x: Double) -> Double { Foundation.sin(x) }
#endif

@testable import Learn
import Linalg
import XCTest

final class RandomForestTests: XCTestCase {
    func testTestErrorCloseToScikitLearn() throws {
        let f = try TreeFixture.load()
        let model = RandomForestRegressor(nEstimators: 100, maxFeatures: .fraction(0.5), minSamplesLeaf: 3)
        let p = try model.fit(TreeFixture.matrix(f.x_train), TreeFixture.matrix(f.y_train), seed: 0)
            .predict(TreeFixture.matrix(f.x_test))
        let yTest = TreeFixture.matrix(f.y_test)
        for t in 0..<2 {
            let mse = meanSquaredError(p.column(t), yTest.column(t))
            // Within 15% of scikit-learn's test MSE (different random draws, binned thresholds).
            XCTAssertEqual(mse, f.rf_test_mse[t], accuracy: 0.15 * f.rf_test_mse[t], "target \(t)")
        }
    }

    func testSameSeedSamePredictionsAndThreadCountDoesNotMatter() throws {
        let f = try TreeFixture.load()
        let x = TreeFixture.matrix(f.x_train), y = TreeFixture.matrix(f.y_train), xt = TreeFixture.matrix(f.x_test)
        let model = RandomForestRegressor(nEstimators: 20, maxFeatures: .fraction(0.5), minSamplesLeaf: 2)
        let a = try model.fit(x, y, seed: 7).predict(xt)
        let b = try model.fit(x, y, seed: 7).predict(xt)
        XCTAssertEqual(a, b)
        let c = try withThreads(1) { try model.fit(x, y, seed: 7).predict(xt) }
        XCTAssertEqual(a, c)
        let d = try model.fit(x, y, seed: 8).predict(xt)
        XCTAssertNotEqual(a, d)
    }

    func testWithoutBootstrapAllFeaturesEqualsOneTreeRepeated() throws {
        let f = try TreeFixture.load()
        let x = TreeFixture.matrix(f.x_train), y = TreeFixture.matrix(f.y_train)
        let forest = try RandomForestRegressor(nEstimators: 3, bootstrap: false, minSamplesLeaf: 4).fitForest(x, y, seed: 3)
        let p = try forest.predict(x)
        let single = try RandomForestRegressor(nEstimators: 1, bootstrap: false, minSamplesLeaf: 4).fit(x, y, seed: 9).predict(x)
        for i in 0..<p.values.count { XCTAssertEqual(p.values[i], single.values[i], accuracy: 1e-12) }
    }
}

import XCTest
import Learn
import Linalg
@testable import Config
@testable import Runner
@testable import Steps
@testable import Workflows
import Support

/// Every savable model kind predicts exactly the same after a trip through a model file's JSON.
final class SavedRegressorTests: XCTestCase {
    private func data(rows: Int, seed: UInt64) -> (x: Matrix, y: Matrix) {
        var generator = SeededGenerator(seed: seed, stream: 0)
        let x = Matrix(rows: rows, cols: 4, values: (0..<rows * 4).map { _ in generator.nextGaussian() })
        var y = Matrix(rows: rows, cols: 2)
        for r in 0..<rows {
            y[r, 0] = x[r, 0] - 0.5 * x[r, 1] * x[r, 2] + 0.1 * generator.nextGaussian()
            y[r, 1] = x[r, 3] * x[r, 3] + 0.1 * generator.nextGaussian()
        }
        return (x, y)
    }

    func testEverySavableKindRoundTrips() throws {
        let (x, y) = data(rows: 150, seed: 3)
        let (test, _) = data(rows: 40, seed: 4)
        var hgb = HistGradientBoostingRegressor()
        hgb.maxIter = 20
        var forest = RandomForestRegressor()
        forest.nEstimators = 10
        var mlp = MLPHyperparameters()
        mlp.hiddenLayerSizes = [8]
        mlp.maxIter = 5
        var mlp64 = mlp
        mlp64.precision = .float64
        mlp64.multiOutput = false
        let models: [(String, any Regressor)] = [
            ("mlp", MLPRegressor(mlp)), ("mlp float64 per target", MLPRegressor(mlp64)),
            ("ridge", Ridge()), ("linear", LinearRegression()), ("lasso", Lasso()), ("knn", KNeighborsRegressor()),
            ("tree", DecisionTreeRegressor()), ("forest", forest), ("hgb", hgb), ("hgb per target", PerTarget(hgb)),
            ("stacking", StackingRegressor(estimators: [("r", Ridge()), ("h", hgb)], hyperparameters: .init(cv: 3))),
            ("voting", VotingRegressor(estimators: [("r", Ridge()), ("k", KNeighborsRegressor())], weights: [1, 3])),
        ]
        for (name, model) in models {
            let fitted = try model.fit(x, y, seed: 9)
            let saved = try XCTUnwrap(SavedRegressor(fitted), name)
            let data = try JSONEncoder().encode(saved)
            let decoded = try JSONDecoder().decode(SavedRegressor.self, from: data)
            XCTAssertEqual(try decoded.regressor.predict(test).values, try fitted.predict(test).values, name)
        }
    }

    func testDamagedTreesAreRefused() throws {
        let (x, y) = data(rows: 60, seed: 5)
        let fitted = try DecisionTreeRegressor().fit(x, y, seed: 1)
        let saved = try XCTUnwrap(SavedRegressor(fitted))
        var json = try XCTUnwrap(JSONSerialization.jsonObject(with: JSONEncoder().encode(saved)) as? [String: Any])
        var inner = try XCTUnwrap(json["decisionTree"] as? [String: Any])
        var model = try XCTUnwrap(inner["_0"] as? [String: Any])
        var tree = try XCTUnwrap(model["tree"] as? [String: Any])
        tree["left"] = [Int](repeating: 0, count: (tree["left"] as? [Int])?.count ?? 0)
        model["tree"] = tree
        inner["_0"] = model
        json["decisionTree"] = inner
        let damaged = try JSONSerialization.data(withJSONObject: json)
        XCTAssertThrowsError(try JSONDecoder().decode(SavedRegressor.self, from: damaged))
    }
}

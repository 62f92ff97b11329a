import Foundation
@testable import Learn
import Linalg
import XCTest

final class DecisionTreeTests: XCTestCase {
    func testDepth3MatchesScikitLearn() throws {
        let f = try TreeFixture.load()
        let model = DecisionTreeRegressor(maxDepth: 3)
        let fitted = try model.fitTree(TreeFixture.matrix(f.x_train), TreeFixture.matrix(f.y_train), seed: 0)
        XCTAssertEqual(fitted.tree.depth, 3)
        let p = try fitted.predict(TreeFixture.matrix(f.x_test))
        let ref = TreeFixture.matrix(f.dt_depth3_pred)
        for i in 0..<p.values.count { XCTAssertEqual(p.values[i], ref.values[i], accuracy: 1e-10) }
    }

    func testMinSamplesLeafAndSplitMatchScikitLearn() throws {
        let f = try TreeFixture.load()
        let model = DecisionTreeRegressor(minSamplesSplit: 12, minSamplesLeaf: 5)
        let p = try model.fit(TreeFixture.matrix(f.x_train), TreeFixture.matrix(f.y_train), seed: 0)
            .predict(TreeFixture.matrix(f.x_test))
        let ref = TreeFixture.matrix(f.dt_leaf5_pred)
        var mismatches = 0
        for i in 0..<p.values.count where abs(p.values[i] - ref.values[i]) > 1e-10 { mismatches += 1 }
        XCTAssertEqual(mismatches, 0)
    }

    func testPerfectFitWithoutLimits() throws {
        let x = Matrix(rowArrays: (0..<20).map { [Double($0)] })
        let y = Matrix(rowArrays: (0..<20).map { [Double($0 * $0)] })
        let p = try DecisionTreeRegressor().fit(x, y, seed: 1).predict(x)
        XCTAssertEqual(p.values, y.values)
    }

    func testDecodesSnakeCaseWithDefaults() throws {
        let json = #"{"max_depth": 4, "max_features": 0.5}"#
        let m = try JSONDecoder().decode(DecisionTreeRegressor.self, from: Data(json.utf8))
        XCTAssertEqual(m.maxDepth, 4)
        XCTAssertEqual(m.maxFeatures, .fraction(0.5))
        XCTAssertEqual(m.minSamplesLeaf, 1)
        XCTAssertEqual(try MaxFeatures.count(10).resolve(features: 46), 10)
        XCTAssertEqual(try MaxFeatures.fraction(0.33).resolve(features: 46), 15)
        XCTAssertEqual(try MaxFeatures.sqrt.resolve(features: 46), 6)
        XCTAssertEqual(try MaxFeatures.log2.resolve(features: 46), 5)
    }

    func testRejectsMissingValuesWithActionableMessage() {
        let x = Matrix(rowArrays: [[1], [.nan], [3]])
        let y = Matrix(rowArrays: [[1], [2], [3]])
        XCTAssertThrowsError(try DecisionTreeRegressor().fit(x, y, seed: 0)) { error in
            XCTAssertTrue("\(error)".contains("impute"))
        }
    }
}

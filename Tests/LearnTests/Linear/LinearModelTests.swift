import Learn
import Linalg
import XCTest

final class LinearModelTests: XCTestCase {
    func check(_ model: FittedLinearModel, _ ref: LinearReference.Fit, _ query: Matrix,
               tolerance: Double, _ what: String) throws {
        expectClose(model.coefficients, try XCTUnwrap(ref.coef), tolerance: tolerance, "\(what) coef")
        expectClose(model.intercept, try XCTUnwrap(ref.intercept), tolerance: tolerance, "\(what) intercept")
        expectClose(try model.predict(query), ref.predict, tolerance: tolerance, "\(what) predict")
    }

    func testLinearRegressionMatchesScikitLearn() throws {
        let ref = try LinearReference.load()
        let model = try LinearRegression().fitLinear(ref.x, ref.y)
        try check(model, try ref.fit("linear_regression"), ref.query, tolerance: 1e-9, "ols")
    }

    func testRidgeMatchesScikitLearn() throws {
        let ref = try LinearReference.load()
        try check(try Ridge(alpha: 1).fitLinear(ref.x, ref.y), try ref.fit("ridge_1"), ref.query, tolerance: 1e-9, "ridge 1")
        try check(try Ridge(alpha: 25).fitLinear(ref.x, ref.y), try ref.fit("ridge_25"), ref.query, tolerance: 1e-9, "ridge 25")
    }

    func testRidgeWithZeroAlphaIsLeastSquares() throws {
        let ref = try LinearReference.load()
        try check(try Ridge(alpha: 0).fitLinear(ref.x, ref.y), try ref.fit("linear_regression"), ref.query,
                  tolerance: 1e-8, "ridge 0")
    }

    func testLassoMatchesScikitLearnAtTightTolerance() throws {
        let ref = try LinearReference.load()
        for alpha in [0.1, 0.5] {
            let fit = try Lasso(alpha: alpha, maxIter: 100_000, tol: 1e-12).fitLinear(ref.x, ref.y)
            try check(fit.model, try ref.fit("lasso_\(alpha)_tight"), ref.query, tolerance: 1e-6, "lasso \(alpha)")
        }
    }

    func testLassoDefaultToleranceIsCloseToScikitLearn() throws {
        let ref = try LinearReference.load()
        let fit = try Lasso(alpha: 0.1).fitLinear(ref.x, ref.y)
        try check(fit.model, try ref.fit("lasso_0.1_default"), ref.query, tolerance: 1e-4, "lasso default")
    }

    func testLassoZeroesTheIrrelevantFeatureAndLargeAlphaGivesTheMean() throws {
        let ref = try LinearReference.load()
        let fit = try Lasso(alpha: 1000).fitLinear(ref.x, ref.y)
        XCTAssertTrue(fit.model.coefficients.values.allSatisfy { $0 == 0 })
        for t in 0..<ref.y.cols {
            let mean = ref.y.column(t).reduce(0, +) / Double(ref.y.rows)
            XCTAssertEqual(fit.model.intercept[t], mean, accuracy: 1e-12)
        }
    }

    func testMultiTargetFitThroughProtocolPredictsEveryTarget() throws {
        let ref = try LinearReference.load()
        let fitted = try Ridge(alpha: 1).fit(ref.x, ref.y, seed: 0)
        expectClose(try fitted.predict(ref.query), try ref.fit("ridge_1").predict, tolerance: 1e-9, "ridge")
    }

    func testInvalidInputsThrowReadableErrors() {
        let x = Matrix(rowArrays: [[1, 2], [3, .nan]])
        let y = Matrix(rowArrays: [[1], [2]])
        XCTAssertThrowsError(try Ridge().fit(x, y, seed: 0)) { XCTAssertTrue("\($0)".contains("NaN")) }
        XCTAssertThrowsError(try Ridge(alpha: -1).fit(y, y, seed: 0)) { XCTAssertTrue("\($0)".contains("alpha")) }
        XCTAssertThrowsError(try Lasso(alpha: -1).fit(y, y, seed: 0)) { XCTAssertTrue("\($0)".contains("alpha")) }
        XCTAssertThrowsError(try LinearRegression().fit(Matrix(rows: 3, cols: 1), y, seed: 0))
        XCTAssertThrowsError(try Ridge(alpha: -0.5).validate())
        XCTAssertThrowsError(try Lasso(maxIter: 0).validate())
        XCTAssertThrowsError(try KNeighborsRegressor(nNeighbors: 0).validate())
        XCTAssertNoThrow(try Lasso().validate())
        let fitted = try? Ridge().fit(y, y, seed: 0)
        XCTAssertThrowsError(try fitted?.predict(x))
    }

    func testHyperparametersDecodeFromSnakeCase() throws {
        let json = #"{"alpha": 0.3, "max_iter": 50, "tol": 0.001, "fit_intercept": true}"#
        let lasso = try JSONDecoder().decode(Lasso.self, from: Data(json.utf8))
        XCTAssertEqual(lasso, Lasso(alpha: 0.3, maxIter: 50, tol: 0.001))
    }
}

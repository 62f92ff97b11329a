import Learn
import Linalg
import XCTest

/// `Ridge.fitPath`: a grid over alpha fitted together gives exactly each ridge's own fit.
final class RidgePathTests: XCTestCase {
    func data() -> (Matrix, Matrix) {
        var rng = SeededGenerator(seed: 11)
        let x = Matrix(rows: 40, cols: 5, values: (0..<200).map { _ in rng.nextGaussian() })
        var y = Matrix(rows: 40, cols: 2)
        for r in 0..<40 {
            y[r, 0] = 2 * x[r, 0] - x[r, 3] + 0.1 * rng.nextGaussian() + 4
            y[r, 1] = x[r, 1] + x[r, 2] + 0.1 * rng.nextGaussian()
        }
        return (x, y)
    }

    func testEveryAlphaEqualsItsOwnFitBitForBit() throws {
        let (x, y) = data()
        let ridges = [Ridge(alpha: 0), Ridge(alpha: 1), Ridge(alpha: 100), Ridge(alpha: 10, fitIntercept: false), Ridge(alpha: 1000)]
        let path = try XCTUnwrap(Ridge.fitPath(ridges, x, y))
        XCTAssertEqual(path.count, ridges.count)
        for (ridge, fitted) in zip(ridges, path) {
            XCTAssertEqual(fitted, try ridge.fitLinear(x, y), "alpha \(ridge.alpha), intercept \(ridge.fitIntercept)")
        }
        // Larger penalties shrink the coefficients: the path is not one fit repeated.
        XCTAssertGreaterThan(abs(path[1].coefficients[0, 0]), abs(path[4].coefficients[0, 0]))
    }

    func testOtherModelsAndBadAlphasAreNotFittedAsAPath() throws {
        let (x, y) = data()
        XCTAssertNil(try Ridge.fitPath([Ridge(alpha: 1), LinearRegression()], x, y))
        XCTAssertNil(try Ridge.fitPath([], x, y))
        XCTAssertThrowsError(try Ridge.fitPath([Ridge(alpha: 1), Ridge(alpha: -1)], x, y)) {
            XCTAssertTrue("\($0)".contains("alpha"))
        }
    }
}

@testable import Evaluate
import XCTest

final class MetricTests: XCTestCase {
    let a: [Double] = [1, 2, 3, 4, 5, 7]
    let b: [Double] = [2, 1, 4, 3, 7, 5]

    func testPearsonClosedForms() throws {
        XCTAssertEqual(try Metric.pearson([1, 2, 3], [2, 4, 6]), 1, accuracy: 1e-15)
        XCTAssertEqual(try Metric.pearson([1, 2, 3], [3, 2, 1]), -1, accuracy: 1e-15)
        XCTAssertEqual(try Metric.pearson([1, 2, 3, 4], [1, -1, -1, 1]), 0, accuracy: 1e-15)
        // x = (1, 2, 3), y = (1, 3, 2): cov = 1/2 · 1, var = 1 each → r = 0.5
        XCTAssertEqual(try Metric.pearson([1, 2, 3], [1, 3, 2]), 0.5, accuracy: 1e-15)
        XCTAssertEqual(try Metric.pearson(ScikitReference.actual, ScikitReference.predicted), ScikitReference.pearson,
                       accuracy: 1e-12)
        XCTAssertEqual(try Metric.pearson(ScikitReference.tiedActual, ScikitReference.tiedPredicted),
                       ScikitReference.tiedPearson, accuracy: 1e-12)
    }

    func testPearsonInvariances() throws {
        let r = try Metric.pearson(a, b)
        XCTAssertEqual(try Metric.pearson(b, a), r, accuracy: 1e-14)
        XCTAssertEqual(try Metric.pearson(a.map { 3 * $0 - 7 }, b), r, accuracy: 1e-14)
        XCTAssertEqual(try Metric.pearson(a, b.map { 0.01 * $0 + 100 }), r, accuracy: 1e-12)
        XCTAssertEqual(try Metric.pearson(a.map { -2 * $0 + 1 }, b), -r, accuracy: 1e-14)
        XCTAssertEqual(try Metric.pearson(a, b.map { -$0 }), -r, accuracy: 1e-14)
    }

    func testPearsonOfAConstantVectorIsAnError() {
        XCTAssertThrowsError(try Metric.pearson([1, 2, 3], [5, 5, 5])) { XCTAssertTrue("\($0)".contains("predictions are all equal")) }
        XCTAssertThrowsError(try Metric.pearson([4, 4, 4], [1, 2, 3])) { XCTAssertTrue("\($0)".contains("actual values")) }
        XCTAssertThrowsError(try Metric.pearson([1], [1]))
        XCTAssertThrowsError(try Metric.pearson([1, 2], [1, .nan]))
        XCTAssertThrowsError(try Metric.pearson([1, 2], [1, 2, 3]))
    }

    func testSpearmanWithTiesMatchesScipy() throws {
        XCTAssertEqual(try Metric.spearman(ScikitReference.tiedActual, ScikitReference.tiedPredicted),
                       ScikitReference.tiedSpearman, accuracy: 1e-12)
        XCTAssertEqual(try Metric.spearman(ScikitReference.actual, ScikitReference.predicted), ScikitReference.spearman,
                       accuracy: 1e-12)
        XCTAssertEqual(Metric.ranks([10, 20, 10, 30, 20, 20]), [1.5, 4, 1.5, 6, 4, 4])
        XCTAssertEqual(try Metric.spearman([1, 2, 3, 4], [1, 8, 27, 64]), 1, accuracy: 1e-15)
    }

    func testErrorMetricsClosedForms() throws {
        let actual: [Double] = [1, 2, 3, 4], predicted: [Double] = [1, 3, 2, 6]
        // residuals 0, −1, 1, −2: SS_res = 6, SS_tot = 5
        XCTAssertEqual(try Metric.r2(actual, predicted), 1 - 6.0 / 5.0, accuracy: 1e-15)
        XCTAssertEqual(try Metric.rmse(actual, predicted), (6.0 / 4).squareRoot(), accuracy: 1e-15)
        XCTAssertEqual(try Metric.mae(actual, predicted), 1, accuracy: 1e-15)
        XCTAssertEqual(try Metric.r2(actual, actual), 1)
        XCTAssertEqual(try Metric.r2(actual, [2.5, 2.5, 2.5, 2.5]), 0, accuracy: 1e-15)
        XCTAssertThrowsError(try Metric.r2([1, 1], [1, 2]))
    }

    func testErrorMetricsMatchScikitLearn() throws {
        let m = try PredictionMetrics(actual: ScikitReference.actual, predicted: ScikitReference.predicted)
        XCTAssertEqual(m.n, ScikitReference.actual.count)
        XCTAssertEqual(m.r2, ScikitReference.r2, accuracy: 1e-12)
        XCTAssertEqual(m.rmse, ScikitReference.rmse, accuracy: 1e-12)
        XCTAssertEqual(m.mae, ScikitReference.mae, accuracy: 1e-12)
    }
}

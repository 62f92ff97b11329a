@testable import Evaluate
import Linalg
import XCTest

final class BootstrapTests: XCTestCase {
    func sample(_ n: Int, noise: Double, seed: UInt64) -> ([Double], [Double]) {
        var g = SeededGenerator(seed: seed)
        let a = (0..<n).map { _ in g.nextGaussian() }
        return (a, a.map { $0 + noise * g.nextGaussian() })
    }

    func testIntervalContainsTheEstimateAndIsSeeded() throws {
        let (a, p) = sample(400, noise: 1, seed: 1)
        let r = try Metric.pearson(a, p)
        let ci = try Bootstrap(resamples: 1000, seed: 3).pearsonInterval(actual: a, predicted: p)
        XCTAssertLessThan(ci[0], r)
        XCTAssertGreaterThan(ci[1], r)
        // Fisher z approximation of the 95% interval width for r ≈ 0.7, n = 400: about 0.099.
        XCTAssertEqual(ci[1] - ci[0], 0.099, accuracy: 0.03)
        XCTAssertEqual(ci, try Bootstrap(resamples: 1000, seed: 3).pearsonInterval(actual: a, predicted: p))
        XCTAssertNotEqual(ci, try Bootstrap(resamples: 1000, seed: 4).pearsonInterval(actual: a, predicted: p))
    }

    func testPairedComparisonOfAModelWithItselfIsZero() throws {
        let (a, p) = sample(100, noise: 1, seed: 2)
        let c = try Bootstrap(resamples: 200).compare(actual: a, best: p, other: p)
        XCTAssertEqual(c.difference, 0)
        XCTAssertEqual(c.interval, [0, 0])
        XCTAssertEqual(c.pValue, 1)
    }

    func testPairedComparisonSeesAClearlyBetterModel() throws {
        let (a, good) = sample(300, noise: 0.3, seed: 5)
        var g = SeededGenerator(seed: 6)
        let bad = a.map { $0 + 2 * g.nextGaussian() }
        let c = try Bootstrap(resamples: 500).compare(actual: a, best: good, other: bad)
        XCTAssertEqual(c.difference, try Metric.pearson(a, good) - Metric.pearson(a, bad), accuracy: 1e-15)
        XCTAssertGreaterThan(c.interval[0], 0)
        XCTAssertEqual(c.pValue, 0)
    }

    /// The 95% percentile interval excludes zero exactly when the two-sided p-value is below 0.05, on close
    /// and clear pairs alike (both come from the same resampled differences).
    func testIntervalExcludesZeroExactlyWhenPIsBelowFivePercent() throws {
        var seen: Set<Bool> = []
        for seed in 0..<40 {
            let (a, good) = sample(120, noise: 0.8, seed: UInt64(seed))
            var g = SeededGenerator(seed: UInt64(100 + seed))
            let other = good.map { $0 + Double(seed % 8) * 0.08 * g.nextGaussian() }
            let c = try Bootstrap(resamples: 400, seed: UInt64(seed)).compare(actual: a, best: good, other: other)
            let excludes = c.interval[0] > 0 || c.interval[1] < 0
            XCTAssertEqual(excludes, c.pValue < 0.05, "seed \(seed): interval \(c.interval), p = \(c.pValue)")
            XCTAssertTrue((0...1).contains(c.pValue))
            seen.insert(excludes)
        }
        XCTAssertEqual(seen, [true, false], "the fixtures cover both verdicts")
    }

    func testTwoSidedPValueOfKnownDistributions() {
        let b = Bootstrap(resamples: 100, level: 0.95)
        // 101 evenly spaced values from -10 to 90: zero sits at the 10% quantile, so p = 0.2.
        XCTAssertEqual(b.twoSidedPValue((0...100).map { Double($0) - 10 }), 0.2, accuracy: 1e-12)
        XCTAssertEqual(b.twoSidedPValue((0...100).map { Double($0) - 90 }), 0.2, accuracy: 1e-12)
        XCTAssertEqual(b.twoSidedPValue((0...100).map { Double($0) - 50 }), 1, accuracy: 1e-12)
        XCTAssertEqual(b.twoSidedPValue((1...100).map(Double.init)), 0)
    }

    func testBadSettingsAreErrors() {
        XCTAssertThrowsError(try Bootstrap(resamples: 2).pearsonInterval(actual: [1, 2, 3], predicted: [1, 3, 2]))
        XCTAssertThrowsError(try Bootstrap(level: 1.5).pearsonInterval(actual: [1, 2, 3], predicted: [1, 3, 2]))
    }
}

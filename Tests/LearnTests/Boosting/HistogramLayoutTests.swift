@testable import Learn
import Linalg
import XCTest

/// The compact histogram layout and the sparse (non-default entries only) build, checked against sums taken
/// directly over the rows and against the all-dense build.
final class HistogramLayoutTests: XCTestCase {
    /// 600 rows: 3 dense numeric columns (one with missing values), a 12-level categorical one-hot encoded
    /// (12 sparse indicator columns) and 5 rare binary tags; targets mix all of them.
    private func oneHotData() -> (x: Matrix, y: [Double]) {
        var gen = SeededGenerator(seed: 7)
        let n = 600, levels = 12, tags = 5
        var values = [Double](), y = [Double]()
        for _ in 0..<n {
            let a = gen.nextGaussian(), b = gen.nextGaussian()
            let c = gen.nextUnit() < 0.1 ? Double.nan : gen.nextGaussian()
            let level = gen.nextInt(below: levels)
            var row = [a, b, c]
            row += (0..<levels).map { $0 == level ? 1 : 0 }
            let tagged = (0..<tags).map { _ in gen.nextUnit() < 0.05 ? 1.0 : 0.0 }
            row += tagged
            values += row
            y.append(a + 0.5 * Double(level % 3) + 2 * tagged[0] + 0.1 * gen.nextGaussian())
        }
        return (Matrix(rows: n, cols: 3 + levels + tags, values: values), y)
    }

    func testSparseFeaturesAreTheOnesWithOneDominantBin() throws {
        let (x, _) = oneHotData()
        let binner = try FeatureBinner(fitting: x)
        let binned = try binner.transform(x)
        let layout = HistogramLayout(binned: binned, binCounts: (0..<x.cols).map(binner.binCount), hasMissing: binner.hasMissing)
        XCTAssertEqual(layout.denseFeatures, [0, 1, 2])
        XCTAssertEqual(layout.sparseFeatures, Array(3..<x.cols))
        // Indicators take 2 slots, the feature with missing values all 256, the others their bin count.
        XCTAssertEqual(layout.widths[3], 2)
        XCTAssertEqual(layout.widths[2], 256)
        XCTAssertEqual(layout.widths[0], binner.binCount(0))
        // Each row has one level set, plus its tags: that is all the sparse build reads.
        let setEntries = x.values.enumerated().filter { $0.offset % x.cols >= 3 && $0.element == 1 }.count
        XCTAssertEqual(layout.sparseSlots.count, setEntries)
    }

    func testHistogramsEqualDirectSumsOverTheRows() throws {
        let (x, y) = oneHotData()
        let binner = try FeatureBinner(fitting: x)
        let binned = try binner.transform(x)
        let counts = (0..<x.cols).map(binner.binCount)
        var gen = SeededGenerator(seed: 3)
        let rows = (0..<x.rows).filter { _ in gen.nextUnit() < 0.4 }.map { Int32($0) }
        let gradients = y.map { $0 - 0.3 }
        for share in [HistogramLayout.sparseShare, 2] {
            let layout = HistogramLayout(binned: binned, binCounts: counts, hasMissing: binner.hasMissing, sparseShare: share)
            var hist = GradientHistogram(slots: layout.slots)
            hist.build(gathering: rows, layout: layout, gradients: gradients)
            for f in 0..<x.cols {
                var grad = [Double](repeating: 0, count: 256), count = [Double](repeating: 0, count: 256)
                for r in rows {
                    let b = Int(binned.bins[Int(r) * x.cols + f])
                    grad[b] += gradients[Int(r)]; count[b] += 1
                }
                for b in 0..<layout.widths[f] {
                    let slot = layout.offsets[f] + b
                    XCTAssertEqual(hist.data[slot].y, count[b], "feature \(f) bin \(b) share \(share)")
                    XCTAssertEqual(hist.data[slot].x, grad[b], accuracy: 1e-9, "feature \(f) bin \(b) share \(share)")
                }
            }
        }
    }

    func testSparseBuildGrowsTheSameTreesAsTheDenseBuild() throws {
        let (x, y) = oneHotData()
        let binner = try FeatureBinner(fitting: x)
        let binned = try binner.transform(x)
        let limits = HistogramTreeGrower.Limits(maxLeafNodes: 15, maxDepth: nil, minSamplesLeaf: 10, l2: 0, learningRate: 0.1)
        let growers = [HistogramLayout.sparseShare, 2].map { share in
            HistogramTreeGrower(binned: binned, binCounts: (0..<x.cols).map(binner.binCount), hasMissing: binner.hasMissing,
                                parallel: false, limits: limits, sparseShare: share)
        }
        XCTAssertFalse(growers[0].layout.sparseFeatures.isEmpty)
        XCTAssertTrue(growers[1].layout.sparseFeatures.isEmpty)
        var raws = [[Double]](repeating: [Double](repeating: 0, count: x.rows), count: 2)
        var splitsOnIndicators = 0
        for _ in 0..<20 {
            let trees = (0..<2).map { i in
                growers[i].grow(gradients: zip(raws[i], y).map { $0 - $1 }, raw: &raws[i])
            }
            XCTAssertEqual(trees[0].feature, trees[1].feature)
            XCTAssertEqual(trees[0].threshold, trees[1].threshold)
            XCTAssertEqual(trees[0].missingGoesLeft, trees[1].missingGoesLeft)
            for (a, b) in zip(trees[0].value, trees[1].value) { XCTAssertEqual(a, b, accuracy: 1e-12) }
            splitsOnIndicators += trees[0].feature.filter { $0 >= 3 }.count
        }
        // The trees split on the indicators, so their sparse histograms decided real splits.
        XCTAssertGreaterThan(splitsOnIndicators, 0)
    }
}

@testable import Learn
import Linalg
import XCTest

/// The split search (features scanned four at a time, grouped by bin count, lanes stopping early) against a
/// plain scan: every feature in order, every threshold in order, the first strictly best kept.
final class SplitFinderTests: XCTestCase {
    /// The plain scan, with the same arithmetic as `SplitFinder` (so the result must be bit-identical).
    private func plainBest(_ h: [SIMD2<Double>], binCounts: [Int], offsets: [Int], G: Double, C: Double,
                           minSamplesLeaf: Double, l2: Double) -> BinSplit? {
        let inv = (0...Int(C)).map { 1 / (Double($0) + l2) }
        var best = BinSplit()
        for f in binCounts.indices {
            var left = SIMD2<Double>(), bestScore = 0.0, bestBin = -1, bestLeft = left
            for b in 0..<max(0, binCounts[f] - 1) {
                left += h[offsets[f] + b]
                guard left.y >= minSamplesLeaf && C - left.y >= minSamplesLeaf else { continue }
                let gl = left.x, cl = Int(left.y), gr = G - gl
                let score = gl * gl * inv[cl] + gr * gr * inv[Int(C) - cl]
                if score > bestScore { bestScore = score; bestBin = b; bestLeft = left }
            }
            let gain = bestScore - G * G * inv[Int(C)]
            if bestBin >= 0 && gain > best.gain {
                best = BinSplit(gain: gain, feature: f, bin: UInt8(bestBin), missingLeft: false,
                                gradLeft: bestLeft.x, countLeft: bestLeft.y)
            }
        }
        return best.feature >= 0 ? best : nil
    }

    /// Histograms of random row subsets (from 30 rows, where most of 255 bins are empty, to all 2,000) over
    /// features with 1 to 255 bins in shuffled order (so the four-feature groups mix bin counts).
    func testSameSplitAsAPlainScanOnEveryNodeSize() {
        var gen = SeededGenerator(seed: 11)
        let n = 2000
        var binCounts = [255, 255, 2, 3, 1, 255, 17, 200, 255, 2, 64, 255, 5, 255, 2, 128, 255, 9]
        for i in stride(from: binCounts.count - 1, to: 0, by: -1) { binCounts.swapAt(i, gen.nextInt(below: i + 1)) }
        let d = binCounts.count
        var bins = [UInt8](repeating: 0, count: n * d)
        for r in 0..<n {
            for f in 0..<d {
                // Skewed bins: a few dominate, so nodes leave some bins empty and others crowded.
                let u = gen.nextUnit()
                bins[r * d + f] = UInt8(min(binCounts[f] - 1, Int(u * u * Double(binCounts[f]))))
            }
        }
        let gradients = (0..<n).map { r in Double(bins[r * d + 1]) / 50 - 2 + gen.nextGaussian() }
        let binned = BinnedMatrix(rows: n, features: d, bins: bins)
        let layout = HistogramLayout(binned: binned, binCounts: binCounts, hasMissing: Array(repeating: false, count: d))
        var checked = 0
        for (size, l2) in [(30, 0.0), (45, 1.0), (120, 0.0), (400, 0.5), (2000, 0.0)] {
            for _ in 0..<4 {
                let rows = (0..<n).filter { _ in gen.nextInt(below: n) < size }.map { Int32($0) }
                var hist = GradientHistogram(slots: layout.slots)
                hist.build(gathering: rows, layout: layout, gradients: gradients)
                let G = rows.reduce(0.0) { $0 + gradients[Int($1)] }, C = Double(rows.count)
                let finder = SplitFinder(binCounts: binCounts, hasMissing: Array(repeating: false, count: d),
                                         offsets: layout.offsets, minSamplesLeaf: 10, l2: l2, rows: n)
                let found = finder.best(hist, grad: G, count: C)
                let expected = plainBest(hist.data, binCounts: binCounts, offsets: layout.offsets, G: G, C: C,
                                         minSamplesLeaf: 10, l2: l2)
                XCTAssertEqual(found?.feature, expected?.feature, "\(rows.count) rows")
                XCTAssertEqual(found?.bin, expected?.bin, "\(rows.count) rows")
                XCTAssertEqual(found?.gain, expected?.gain, "\(rows.count) rows")
                XCTAssertEqual(found?.gradLeft, expected?.gradLeft, "\(rows.count) rows")
                XCTAssertEqual(found?.countLeft, expected?.countLeft, "\(rows.count) rows")
                if expected != nil { checked += 1 }
            }
        }
        XCTAssertGreaterThan(checked, 15, "most nodes have a valid split")
    }

    func testWholeCountReadsEveryCountExactly() {
        for c in [0, 1, 2, 19, 20, 255, 18_644, 1_000_000, 1 << 40] {
            XCTAssertEqual(SplitFinder.wholeCount(Double(c)), c)
        }
    }
}

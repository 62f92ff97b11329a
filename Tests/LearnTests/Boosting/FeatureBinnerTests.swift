import Foundation
@testable import Learn
import Linalg
import XCTest

/// The binner's radix sort and branch-free search must give exactly what the straightforward code gave:
/// the same threshold bits (saved models store them) and the same bin for every value.
final class FeatureBinnerTests: XCTestCase {
    /// The straightforward binner: Swift's stable `sorted()` per column, then a plain binary search per value.
    struct ReferenceBinner {
        let thresholds: [[Double]]
        let hasMissing: [Bool]

        init(fitting x: Matrix, maxBins: Int) {
            var thresholds = [[Double]](), hasMissing = [Bool]()
            for c in 0..<x.cols {
                let column = x.column(c)
                let finite = column.filter { !$0.isNaN }
                thresholds.append(FeatureBinner.edges(sorted: finite.sorted(), maxBins: maxBins))
                hasMissing.append(finite.count < column.count)
            }
            self.thresholds = thresholds
            self.hasMissing = hasMissing
        }

        init(thresholds: [[Double]]) {
            self.thresholds = thresholds
            hasMissing = thresholds.map { _ in false }
        }

        func bin(_ v: Double, feature: Int) -> UInt8 {
            if v.isNaN { return FeatureBinner.missingBin }
            let t = thresholds[feature]
            var lo = 0, hi = t.count
            while lo < hi {
                let mid = (lo + hi) >> 1
                if t[mid] < v { lo = mid + 1 } else { hi = mid }
            }
            return UInt8(lo)
        }

        func transform(_ x: Matrix) -> [UInt8] {
            (0..<x.rows).flatMap { r in (0..<x.cols).map { c in bin(x[r, c], feature: c) } }
        }
    }

    /// Columns built to break a sort or a search: ties, few distinct values, NaN, ±0 in both orders,
    /// subnormals, magnitudes whose midpoints and percentile differences overflow, constant and all-NaN columns,
    /// and 256+ distinct values (the percentile path).
    static func adversarialColumns(rows n: Int, seed: UInt64) -> [[Double]] {
        var g = SeededGenerator(seed: seed)
        func pick(_ pool: [Double]) -> Double { pool[g.nextInt(below: pool.count)] }
        let huge = Double.greatestFiniteMagnitude
        let pools: [[Double]] = [
            [-2, -1, 0, 1, 2.5],
            [0, 1],
            [-0.0, 0.0],
            [-0.0, 0.0, -1, 1, -0.5, 0.5, .nan],
            [huge, -huge, huge.nextDown, -huge.nextDown, 1e308, -1e308, 0],
            [Double.leastNonzeroMagnitude, -Double.leastNonzeroMagnitude, Double.leastNormalMagnitude / 3, -0.0, 0.0, Double.leastNormalMagnitude],
            [7],
            [.nan],
        ]
        var columns = pools.map { pool in (0..<n).map { _ in pick(pool) } }
        // Many distinct values with heavy ties, zeros of both signs and NaN.
        columns.append((0..<n).map { _ in
            switch g.nextInt(below: 10) {
            case 0: -0.0
            case 1: 0.0
            case 2: .nan
            default: Double(g.nextInt(below: 400) - 200) / 8
            }
        })
        // Continuous values, every one distinct, across magnitudes.
        columns.append((0..<n).map { _ in g.nextGaussian() * pow(10, Double(g.nextInt(below: 40) - 20)) })
        // Huge values of both signs with 256+ distinct values: percentiles straddle ±1.8e308.
        columns.append((0..<n).map { _ in (g.nextUnit() * 2 - 1) * huge })
        // Exactly 255, 256 and 257 distinct values: either side of the midpoint/percentile switch.
        for k in [255, 256, 257] { columns.append((0..<n).map { i in Double(i % k) * 0.1 - 3 }) }
        return columns
    }

    /// Every training value, every threshold, its neighbours, ±0, ±inf and NaN.
    static func probes(_ thresholds: [[Double]], training x: Matrix) -> Matrix {
        let extra: [Double] = [0.0, -0.0, .infinity, -.infinity, .nan, .greatestFiniteMagnitude, -.greatestFiniteMagnitude]
        let columns = (0..<x.cols).map { c -> [Double] in
            let near = thresholds[c].flatMap { [$0, $0.nextUp, $0.nextDown] }
            return x.column(c) + near + extra
        }
        let rows = columns.map(\.count).max() ?? 0
        return Matrix(columns: columns.map { col in (0..<rows).map { col[$0 % col.count] } })
    }

    func assertSameAsReference(_ x: Matrix, maxBins: Int, file: StaticString = #filePath, line: UInt = #line) throws {
        let ours = try FeatureBinner(fitting: x, maxBins: maxBins)
        let ref = ReferenceBinner(fitting: x, maxBins: maxBins)
        XCTAssertEqual(ours.hasMissing, ref.hasMissing, file: file, line: line)
        XCTAssertEqual(ours.thresholds.map { $0.map(\.bitPattern) }, ref.thresholds.map { $0.map(\.bitPattern) },
                       "maxBins \(maxBins)", file: file, line: line)
        let probe = Self.probes(ref.thresholds, training: x)
        XCTAssertEqual(try ours.transform(probe).bins, ref.transform(probe), "maxBins \(maxBins)", file: file, line: line)
        XCTAssertEqual(try ours.transform(x).bins, ref.transform(x), "maxBins \(maxBins)", file: file, line: line)
    }

    func testThresholdsAndBinsAreBitIdenticalToTheStraightforwardBinner() throws {
        for (seed, rows) in [(1, 7), (2, 300), (3, 1_000), (4, 5_000)] {
            let x = Matrix(columns: Self.adversarialColumns(rows: rows, seed: UInt64(seed)))
            for maxBins in [2, 3, 16, 255] { try assertSameAsReference(x, maxBins: maxBins) }
        }
    }

    /// Fitting and binning a subset of rows in place (what gradient boosting does for its early-stopping split)
    /// equals doing it on a copy of those rows, bit for bit, in any row order.
    func testRowSubsetsBinAsTheirCopiesDo() throws {
        let x = Matrix(columns: Self.adversarialColumns(rows: 2_000, seed: 9))
        var gen = SeededGenerator(seed: 5, stream: 0)
        let shuffled = gen.permutation(x.rows)
        for subset in [Array(shuffled.prefix(1_800)).sorted(), Array(shuffled.prefix(37)), [3]] {
            let copy = x.selectingRows(subset)
            for maxBins in [3, 255] {
                let inPlace = try FeatureBinner(fitting: x, rows: subset, maxBins: maxBins)
                let copied = try FeatureBinner(fitting: copy, maxBins: maxBins)
                XCTAssertEqual(inPlace.thresholds.map { $0.map(\.bitPattern) }, copied.thresholds.map { $0.map(\.bitPattern) })
                XCTAssertEqual(inPlace.hasMissing, copied.hasMissing)
                XCTAssertEqual(try inPlace.transform(x, rows: subset).bins, try copied.transform(copy).bins)
            }
        }
        XCTAssertThrowsError(try FeatureBinner(fitting: x, rows: []))
    }

    func testTheRadixSortEqualsTheStableSortBitForBit() {
        var g = SeededGenerator(seed: 9)
        for column in Self.adversarialColumns(rows: 2_000, seed: 5) {
            let finite = column.filter { !$0.isNaN }
            XCTAssertEqual(DoubleRadixSort.sorted(finite).map(\.bitPattern), finite.sorted().map(\.bitPattern))
        }
        // Zeros of both signs interleaved: they keep their input order, as under `<` where they are equal.
        let zeros = (0..<500).map { _ in g.nextInt(below: 2) == 0 ? -0.0 : 0.0 } + [-1, 1]
        XCTAssertEqual(DoubleRadixSort.sorted(zeros).map(\.bitPattern), zeros.sorted().map(\.bitPattern))
        XCTAssertEqual(DoubleRadixSort.sorted([]), [])
        XCTAssertEqual(DoubleRadixSort.sorted([3]), [3])
    }

    /// Why the sort must keep the zeros' order: the median of [-2, -1, ±0, ±0, 3] (maxBins 2) is the first
    /// zero in sorted order minus 0, and its sign bit is that zero's.
    func testTheOrderOfSignedZerosDecidesAThresholdsSignBit() throws {
        for (first, second) in [(-0.0, 0.0), (0.0, -0.0)] {
            let x = Matrix(columns: [[3, first, -1, second, -2]])
            let ours = try FeatureBinner(fitting: x, maxBins: 2)
            XCTAssertEqual(ours.thresholds[0].map(\.bitPattern), [first.bitPattern])
            XCTAssertEqual(ours.thresholds[0].map(\.bitPattern), ReferenceBinner(fitting: x, maxBins: 2).thresholds[0].map(\.bitPattern))
        }
    }

    /// A percentile between -1.6e308 and 1.7e308 is NaN (their difference overflows); saved models may hold
    /// unsorted thresholds. Such features keep the plain binary search, so their bins are unchanged too.
    func testUnsearchableThresholdsKeepThePlainBinarySearch() throws {
        let x = Matrix(columns: [[-1.7e308, 1.7e308, -1.6e308, 1.75e308, 1.79e308]])
        let fitted = try FeatureBinner(fitting: x, maxBins: 2)
        XCTAssertTrue(fitted.thresholds[0].allSatisfy(\.isNaN))
        XCTAssertEqual(ThresholdSearch(fitted.thresholds).searchable, [false])
        try assertSameAsReference(x, maxBins: 2)

        let json = Data(#"{"thresholds": [[3, 1, 2, 0.5], [1, 2, 3], []], "hasMissing": [false, false, false]}"#.utf8)
        let saved = try JSONDecoder().decode(FeatureBinner.self, from: json)
        XCTAssertEqual(ThresholdSearch(saved.thresholds).searchable, [false, true, true])
        let probe = Self.probes(saved.thresholds, training: Matrix(columns: [[0, 1.5, 2.5, 4], [0, 1.5, 2.5, 4], [0, 1, 2, 3]]))
        XCTAssertEqual(try saved.transform(probe).bins, ReferenceBinner(thresholds: saved.thresholds).transform(probe))
    }

    func testSearchTableSizesArePowersOfTwoAboveTheThresholdCount() {
        let table = ThresholdSearch([[], [1], [1, 2], [1, 2, 3], Array(repeating: 0, count: 254)])
        XCTAssertEqual(table.levels, [0, 1, 2, 2, 8])
        XCTAssertEqual(table.start, [0, 1, 3, 7, 11])
        XCTAssertEqual(table.padded.count, 11 + 256)
        XCTAssertTrue(table.padded[11 + 254 ..< 11 + 256].allSatisfy { $0 == .infinity })
    }
}

@testable import Learn
import Linalg
import XCTest

final class ForestHistogramSumsTests: XCTestCase {
    /// Rows with `numeric` Gaussian columns, a `levels`-level category one-hot encoded and `tags` rare binary
    /// tags, and two targets driven by all three kinds of column plus noise.
    func wideData(rows n: Int, numeric: Int, levels: Int, tags: Int, seed: UInt64) -> (x: Matrix, y: Matrix) {
        var g = SeededGenerator(seed: seed)
        let d = numeric + levels + tags
        var x = [Double](repeating: 0, count: n * d), y = [Double]()
        let levelEffect = (0..<levels).map { _ in g.nextUnit() * 2 - 1 }, tagEffect = (0..<tags).map { _ in g.nextUnit() - 0.5 }
        for r in 0..<n {
            for c in 0..<numeric { x[r * d + c] = g.nextUnit() * 4 - 2 }
            let level = g.nextInt(below: levels)
            x[r * d + numeric + level] = 1
            var tagSum = 0.0
            for k in 0..<tags where g.nextUnit() < 0.06 { x[r * d + numeric + levels + k] = 1; tagSum += tagEffect[k] }
            let noise = g.nextUnit() - 0.5
            y.append(x[r * d] * 0.7 + levelEffect[level] + tagSum + 0.3 * noise)
            y.append(-0.4 * x[r * d + 1] + 0.5 * levelEffect[level] - tagSum + 0.2 * noise * noise)
        }
        return (Matrix(rows: n, cols: d, values: x), Matrix(rows: n, cols: 2, values: y))
    }

    func binned(_ x: Matrix) throws -> BinnedMatrix { try FeatureBinner(fitting: x).transform(x) }

    func assertSameTrees(_ a: FittedRandomForest, _ b: FittedRandomForest, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(a.trees.count, b.trees.count, file: file, line: line)
        for (s, t) in zip(a.trees, b.trees) {
            XCTAssertEqual(s.feature, t.feature, file: file, line: line)
            XCTAssertEqual(s.threshold, t.threshold, file: file, line: line)
            XCTAssertEqual(s.left, t.left, file: file, line: line)
            XCTAssertEqual(s.values, t.values, file: file, line: line)
        }
    }

    /// The sparse path (frequent bin = node total − other bins) grows exactly the trees that summing every bin
    /// row by row grows with the same exact sums, with and without bootstrap, one and several targets.
    func testSparseColumnsGrowTheSameTreesAsSummingEveryBin() throws {
        let (x, y) = wideData(rows: 700, numeric: 6, levels: 30, tags: 40, seed: 11)
        let sparse = try XCTUnwrap(ForestSparseColumns(try binned(x)))
        XCTAssertEqual(sparse.count, 70, "every one-hot and tag column holds ≥ 80% of rows in one bin")
        let single = Matrix(rows: y.rows, cols: 1, values: y.column(0))
        for (model, targets) in [
            (RandomForestRegressor(nEstimators: 8, maxFeatures: .fraction(0.33), minSamplesLeaf: 2), y),
            (RandomForestRegressor(nEstimators: 4, bootstrap: false, maxFeatures: .fraction(0.5), minSamplesLeaf: 1), single),
            (RandomForestRegressor(nEstimators: 4, maxFeatures: .all, maxDepth: 6, minSamplesLeaf: 5), y),
        ] {
            let fromEntries = try model.fitForest(x, targets, seed: 5, sums: .exact(sparse: sparse))
            let everyBin = try model.fitForest(x, targets, seed: 5, sums: .exact(sparse: nil))
            assertSameTrees(fromEntries, everyBin)
            // The trees do split on the sparse columns (the test exercises the subtraction).
            let sparseSplits = fromEntries.trees.flatMap(\.feature).filter { $0 >= 6 }.count
            XCTAssertGreaterThan(sparseSplits, 5)
        }
    }

    /// Wide data with many sparse columns gets the sparse path by default; its predictions stay close to the
    /// Float sums' (the two differ only where split scores tie to within Float rounding).
    func testDefaultOnWideSparseDataIsTheSparsePath() throws {
        let (x, y) = wideData(rows: 500, numeric: 4, levels: 20, tags: 60, seed: 3)
        let b = try binned(x)
        guard case .exact(let sparse?) = ForestHistogramSums.choose(b, maxFeatures: 27) else {
            return XCTFail("expected exact sums with sparse columns")
        }
        let model = RandomForestRegressor(nEstimators: 10, maxFeatures: .fraction(0.33), minSamplesLeaf: 3)
        assertSameTrees(try model.fitForest(x, y, seed: 2), try model.fitForest(x, y, seed: 2, sums: .exact(sparse: sparse)))
        let float = try model.fitForest(x, y, seed: 2, sums: .float).predict(x)
        let exact = try model.fitForest(x, y, seed: 2).predict(x)
        let spread = y.column(0).max()! - y.column(0).min()!
        XCTAssertLessThan(meanSquaredError(float.column(0), exact.column(0)), 1e-3 * spread * spread)
    }

    /// Narrow dense data, or a few sparse columns among many dense ones, keeps the Float sums (the Deezer
    /// experiments' forests are unchanged).
    func testDenseOrMostlyDenseDataKeepsFloatSums() throws {
        var g = SeededGenerator(seed: 1)
        let n = 400, d = 46
        var values = (0..<(n * d)).map { _ in g.nextUnit() }
        for r in 0..<n where g.nextUnit() < 0.9 { values[r * d] = 0 }   // one column 90% in one bin
        let b = try binned(Matrix(rows: n, cols: d, values: values))
        XCTAssertEqual(ForestSparseColumns(b)?.count, 1)
        guard case .float = ForestHistogramSums.choose(b, maxFeatures: 15) else { return XCTFail("expected Float sums") }
        let dense = try binned(Matrix(rows: n, cols: 5, values: (0..<(n * 5)).map { _ in g.nextUnit() }))
        XCTAssertNil(ForestSparseColumns(dense))
    }

    /// On the grid, weighted sums are exact: any order of addition gives the same Double, and the grid moves
    /// each target by far less than its own magnitude.
    func testGridSumsDoNotDependOnOrder() {
        var g = SeededGenerator(seed: 9)
        let n = 5000
        let y = (0..<n).map { i in (g.nextUnit() - 0.5) * (i % 7 == 0 ? 3e4 : i % 5 == 0 ? 1e-6 : 1) }
        let grid = ExactTargetGrid.rounded(y, rows: n)
        var weights = [Double](repeating: 0, count: n)
        for _ in 0..<n { weights[g.nextInt(below: n)] += 1 }
        let top = y.map(abs).max()!
        for (a, b) in zip(y, grid) { XCTAssertLessThanOrEqual(abs(a - b), top * Double(n) * 0x1p-51) }
        var rows = Array(0..<n)
        let forward = rows.reduce(0.0) { $0 + weights[$1] * grid[$1] }
        for _ in 0..<5 {
            rows.shuffle(using: &g)
            XCTAssertEqual(rows.reduce(0.0) { $0 + weights[$1] * grid[$1] }, forward)
            let half = rows.prefix(n / 2).reduce(0.0) { $0 + weights[$1] * grid[$1] }
            let rest = rows.suffix(n - n / 2).reduce(0.0) { $0 + weights[$1] * grid[$1] }
            XCTAssertEqual(forward - half, rest, "a frequent bin by subtraction equals its sum")
        }
        XCTAssertEqual(ExactTargetGrid.rounded([0, 0], rows: 2), [0, 0])
    }
}

import Learn
import Linalg
import XCTest

final class KNeighborsTests: XCTestCase {
    func testPredictionsAndNeighborsMatchScikitLearn() throws {
        let ref = try LinearReference.load()
        for (k, w) in [(1, "uniform"), (3, "uniform"), (5, "distance"), (60, "uniform")] {
            let weights = try XCTUnwrap(KNeighborsRegressor.Weights(rawValue: w))
            let model = try KNeighborsRegressor(nNeighbors: k, weights: weights).fitNeighbors(ref.x, ref.y)
            let expected = try ref.fit("knn_\(k)_\(w)")
            expectClose(try model.predict(ref.query), expected.predict, tolerance: 1e-12, "knn \(k) \(w)")
            if k < 60 {
                let ids = model.kNeighbors(ref.query).indices
                XCTAssertEqual(ids, try XCTUnwrap(expected.neighbors).flatMap { $0 }, "neighbours k=\(k)")
            }
        }
    }

    func testDistancesAreEuclideanAndSorted() throws {
        let ref = try LinearReference.load()
        let model = try KNeighborsRegressor(nNeighbors: 4).fitNeighbors(ref.x, ref.y)
        let (ids, dists) = model.kNeighbors(ref.query)
        for r in 0..<ref.query.rows {
            for i in 0..<4 {
                let j = ids[r * 4 + i]
                let exact = zip(ref.query.row(r), ref.x.row(j)).map { ($0 - $1) * ($0 - $1) }.reduce(0, +).squareRoot()
                XCTAssertEqual(dists[r * 4 + i], exact, accuracy: 1e-9)
                if i > 0 { XCTAssertLessThanOrEqual(dists[r * 4 + i - 1], dists[r * 4 + i]) }
            }
        }
    }

    func testManyBlocksGiveTheSameAnswerAsOneRowAtATime() throws {
        var g = SeededGenerator(seed: 3)
        let x = Matrix(rows: 300, cols: 4, values: (0..<1200).map { _ in g.nextGaussian() })
        let y = Matrix(rows: 300, cols: 1, values: (0..<300).map { _ in g.nextGaussian() })
        let q = Matrix(rows: 400, cols: 4, values: (0..<1600).map { _ in g.nextGaussian() })
        let model = try KNeighborsRegressor(nNeighbors: 7, weights: .distance).fitNeighbors(x, y)
        let all = try model.predict(q)
        for r in [0, 127, 128, 255, 256, 399] {
            XCTAssertEqual(try model.predict(q.selectingRows([r]))[0, 0], all[r, 0])
        }
    }

    func testExactMatchTakesAllTheWeightWithDistanceWeights() throws {
        let x = Matrix(rowArrays: [[0, 0], [1, 0], [0, 2]])
        let y = Matrix(rowArrays: [[10], [20], [30]])
        let model = try KNeighborsRegressor(nNeighbors: 3, weights: .distance).fitNeighbors(x, y)
        XCTAssertEqual(try model.predict(Matrix(rowArrays: [[1, 0]]))[0, 0], 20)
    }

    func testTooFewTrainingRowsIsAClearError() {
        let x = Matrix(rowArrays: [[0], [1]])
        XCTAssertThrowsError(try KNeighborsRegressor(nNeighbors: 5).fit(x, x, seed: 0)) {
            XCTAssertTrue("\($0)".contains("only 2 training rows"), "\($0)")
        }
    }
}

final class KNeighborsDuplicateRowsTests: XCTestCase {
    /// Exact brute force: sort every training row by (distance, index).
    func naive(_ x: Matrix, _ q: Matrix, k: Int) -> [Int] {
        (0..<q.rows).flatMap { r -> [Int] in
            let d = (0..<x.rows).map { j in zip(q.row(r), x.row(j)).map { ($0 - $1) * ($0 - $1) }.reduce(0, +).squareRoot() }
            return Array(d.indices.sorted { d[$0] != d[$1] ? d[$0] < d[$1] : $0 < $1 }.prefix(k))
        }
    }

    func testRepeatedRowsGiveTheBruteForceNeighboursWithLowerIndicesFirst() throws {
        var g = SeededGenerator(seed: 8)
        let prototypes = (0..<12).map { _ in (0..<3).map { _ in Double(g.nextInt(below: 4)) } }
        let x = Matrix(rowArrays: (0..<200).map { _ in prototypes[g.nextInt(below: 12)] })
        let y = Matrix(rows: 200, cols: 1, values: (0..<200).map { _ in g.nextGaussian() })
        let q = Matrix(rowArrays: (0..<70).map { i in i % 2 == 0 ? prototypes[i % 12] : (0..<3).map { _ in g.nextUnit() * 4 } })
        for k in [1, 4, 17, 60] {
            let model = try KNeighborsRegressor(nNeighbors: k).fitNeighbors(x, y)
            XCTAssertEqual(model.kNeighbors(q).indices, naive(x, q, k: k), "k = \(k)")
        }
    }

    func testDistanceWeightsGiveExactMatchesAllTheWeightAmongDuplicates() throws {
        let x = Matrix(rowArrays: [[0, 0], [1, 1], [0, 0], [1, 1], [3, 3]])
        let y = Matrix(rowArrays: [[1], [10], [3], [20], [100]])
        let model = try KNeighborsRegressor(nNeighbors: 4, weights: .distance).fitNeighbors(x, y)
        XCTAssertEqual(try model.predict(Matrix(rowArrays: [[0, 0], [1, 1]])).values, [2, 15])
    }
}

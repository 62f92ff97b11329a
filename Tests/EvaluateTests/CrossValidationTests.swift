@testable import Evaluate
import Foundation
import Learn
import Linalg
import XCTest

/// Predicts column 0 plus (k − 3)² times column 1: with column 0 = y and column 1 = noise, k = 3 is perfect.
struct OffsetModel: Regressor {
    let k: Int
    func fit(_ x: Matrix, _ y: Matrix, seed: UInt64) throws -> any FittedRegressor { Fitted(k: k) }
    struct Fitted: FittedRegressor {
        let k: Int
        func predict(_ x: Matrix) throws -> Matrix {
            let w = Double((k - 3) * (k - 3))
            return Matrix(columns: [(0..<x.rows).map { x[$0, 0] + w * x[$0, 1] }])
        }
    }
}

/// Records every call to `featurize`.
final class CallLog: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var calls: [(train: [Int], test: [Int])] = []
    func add(_ train: [Int], _ test: [Int]) { lock.lock(); calls.append((train, test)); lock.unlock() }
}

final class CrossValidationTests: XCTestCase {
    func data(rows: Int, seed: UInt64) -> (x: Matrix, y: Matrix) {
        var g = SeededGenerator(seed: seed)
        let y = (0..<rows).map { _ in g.nextGaussian() }
        let noise = (0..<rows).map { _ in g.nextGaussian() }
        return (Matrix(columns: [y, noise]), Matrix(columns: [y]))
    }

    func testFeaturizeNeverSeesATestRowInItsTrainingRows() throws {
        let (x, y) = data(rows: 90, seed: 1)
        let log = CallLog()
        let splits = try KFold(nSplits: 5, seed: 2).splits(rows: 90)
        _ = try CrossValidation.run(splits: splits, y: y, featurize: { train, test, _ in
            log.add(train, test)
            return (x.selectingRows(train), x.selectingRows(test))
        }, factory: { p in OffsetModel(k: p["k"]?.intValue ?? 0) }, grid: ["k": [.int(1), .int(3)]], seed: 0)
        XCTAssertEqual(log.calls.count, 5 * (1 + 3), "one outer and three inner featurizations per fold")
        for call in log.calls {
            XCTAssertTrue(Set(call.train).isDisjoint(with: call.test))
            let owner = splits.first { s in
                Set(call.train).isSubset(of: s.train) && (call.test == s.test || Set(call.test).isSubset(of: s.train))
            }
            XCTAssertNotNil(owner, "a featurize call mixes an outer test row into training")
        }
    }

    func testNestedGridSearchPicksTheKnownBestValueAndRefits() throws {
        let (x, y) = data(rows: 80, seed: 3)
        let outcome = try CrossValidation.run(
            splits: try KFold(nSplits: 4, seed: 1).splits(rows: 80), y: y,
            featurize: { train, test, _ in (x.selectingRows(train), x.selectingRows(test)) },
            factory: { p in OffsetModel(k: p["k"]?.intValue ?? 0) },
            baseParams: ["k": .int(0)], grid: ["k": [1, 2, 3, 4, 6].map { ParamValue.int($0) }], seed: 7)
        for fold in outcome.folds {
            XCTAssertEqual(fold.bestParams, ["k": .int(3)])
            XCTAssertEqual(fold.gridScores.count, 5)
            XCTAssertEqual(fold.metrics[0].pearson, 1, accuracy: 1e-12, "the refit model uses the chosen k")
        }
        XCTAssertFalse(outcome.outOfFold.hasNonFinite)
    }

    func testGridSearchWithRealModelsPrefersSmoothingUnderNoise() throws {
        var g = SeededGenerator(seed: 5)
        let xs = (0..<300).map { _ in g.nextUnit() * 6 }
        let x = Matrix(columns: [xs])
        let y = Matrix(columns: [xs.map { sin($0) + 0.8 * g.nextGaussian() }])
        let outcome = try CrossValidation.run(
            splits: try KFold(nSplits: 3, seed: 1).splits(rows: 300), y: y,
            featurize: { train, test, _ in (x.selectingRows(train), x.selectingRows(test)) },
            factory: { p in KNeighborsRegressor(nNeighbors: p["n_neighbors"]?.intValue ?? 5) },
            grid: ["n_neighbors": [.int(1), .int(25)]], seed: 1)
        XCTAssertEqual(outcome.folds.map { $0.bestParams?["n_neighbors"] }, [.int(25), .int(25), .int(25)])
    }

    func testInvalidGridValuesFailBeforeFitting() {
        let (x, y) = data(rows: 30, seed: 1)
        let factory: ModelFactory = { p in
            let alpha = p["alpha"]?.doubleValue ?? 1
            guard alpha >= 0 else { throw LearnError("alpha must be non-negative, got \(alpha)") }
            return Ridge(alpha: alpha)
        }
        XCTAssertThrowsError(try CrossValidation.run(
            splits: try KFold(nSplits: 3).splits(rows: 30), y: y,
            featurize: { train, test, _ in (x.selectingRows(train), x.selectingRows(test)) },
            factory: factory, grid: ["alpha": [.double(1), .double(-2)]], seed: 0)) {
            XCTAssertTrue("\($0)".contains("alpha=-2.0"), "\($0)")
        }
        XCTAssertThrowsError(try Grid.combinations(["alpha": []]))
    }

    func testResultsAreIdenticalOnOneThreadAndTwo() throws {
        let (x, y) = data(rows: 120, seed: 9)
        func run() throws -> CrossValidationOutcome {
            try CrossValidation.run(splits: try KFold(nSplits: 5, seed: 3).splits(rows: 120), y: y,
                                    featurize: { train, test, _ in (x.selectingRows(train), x.selectingRows(test)) },
                                    factory: { p in Ridge(alpha: p["alpha"]?.doubleValue ?? 1) },
                                    grid: ["alpha": [.double(0.1), .double(10)]], seed: 4)
        }
        let parallel = try run()
        setenv("LABBOOK_THREADS", "1", 1)
        defer { unsetenv("LABBOOK_THREADS") }
        let serial = try run()
        XCTAssertEqual(parallel.outOfFold, serial.outOfFold)
        XCTAssertEqual(parallel.folds.map(\.bestParams), serial.folds.map(\.bestParams))
        XCTAssertEqual(parallel.folds.map(\.metrics), serial.folds.map(\.metrics))
    }

    func testRowsNeverTestedStayNaN() throws {
        let (x, y) = data(rows: 40, seed: 2)
        let column: [String?] = (0..<40).map { ["train", "validation", "test", nil][$0 % 4] }
        let splits = try PredefinedSplit().splits(column: column)
        let featurize: Featurize = { train, test, _ in (x.selectingRows(train), x.selectingRows(test)) }
        let good = try CrossValidation.run(splits: splits, y: y, featurize: featurize,
                                           factory: { _ in OffsetModel(k: 3) }, seed: 0)
        let worse = try CrossValidation.run(splits: splits, y: y, featurize: featurize,
                                            factory: { _ in OffsetModel(k: 4) }, seed: 0)
        XCTAssertEqual((0..<40).filter { !good.outOfFold[$0, 0].isNaN }, splits[0].test)
        XCTAssertEqual((0..<40).filter { !worse.outOfFold[$0, 0].isNaN }, splits[0].test)
    }

    func testConstantPredictionsAreAClearError() throws {
        let (x, y) = data(rows: 30, seed: 1)
        XCTAssertThrowsError(try CrossValidation.run(
            splits: try KFold(nSplits: 3).splits(rows: 30), y: y,
            featurize: { train, test, _ in (x.selectingRows(train), x.selectingRows(test)) },
            factory: { _ in Lasso(alpha: 1000) }, seed: 0)) {
            XCTAssertTrue("\($0)".contains("predictions are all equal"), "\($0)")
        }
    }

    /// Running the folds one at a time (as `evaluate` does, to hold one fold's features) and combining the runs gives
    /// the run of all folds: same seeds, grid choices, predictions and curves.
    func testFoldByFoldRunsCombineIntoTheWholeRun() throws {
        let (x, y) = data(rows: 70, seed: 5)
        let splits = try KFold(nSplits: 5, seed: 4).splits(rows: 70)
        func run(_ only: [Int]?) throws -> CrossValidationOutcome {
            try CrossValidation.run(splits: splits, only: only, y: y, featurize: { train, test, seed in
                // The seed reaches the features, so a fold run with another fold's seed would differ.
                var m = x.selectingRows(train), t = x.selectingRows(test)
                let shift = Double(seed % 1000) / 1000
                for i in 0..<m.rows { m[i, 1] += shift }
                for i in 0..<t.rows { t[i, 1] += shift }
                return (m, t)
            }, factory: { p in OffsetModel(k: p["k"]?.intValue ?? 0) }, grid: ["k": [.int(2), .int(3), .int(5)]], seed: 9)
        }
        let whole = try run(nil)
        let combined = CrossValidationOutcome.combining(try [3, 0, 4, 1, 2].map { try run([$0]) })
        XCTAssertEqual(combined.folds.map(\.fold), [0, 1, 2, 3, 4])
        XCTAssertEqual(combined.outOfFold.values.map(\.bitPattern), whole.outOfFold.values.map(\.bitPattern))
        XCTAssertEqual(combined.actual, whole.actual)
        XCTAssertEqual(combined.folds.map(\.bestParams), whole.folds.map(\.bestParams))
        XCTAssertEqual(combined.folds.map(\.gridScores), whole.folds.map(\.gridScores))
        let one = try run([2])
        XCTAssertEqual(one.folds.map(\.fold), [2])
        XCTAssertEqual(one.outOfFold.values.filter { !$0.isNaN }.count, splits[2].test.count, "untested rows stay NaN")
    }
}

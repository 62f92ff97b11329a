import Foundation
import Learn
import Linalg
import XCTest
@testable import Evaluate

/// Leave-one-group-out, targets standardized within groups per fold, and per-group metrics.
final class GroupTests: XCTestCase {
    func testLeaveOneGroupOutMatchesScikitLearn() throws {
        // sklearn 1.9.1: list(LeaveOneGroupOut().split(X, groups=groups)) for these groups (np.unique order: "Zed" first).
        let groups = ["deam", "amg", "pmemo", "amg", "deam", "deam", "Zed", "pmemo", "amg"]
        let expected: [(train: [Int], test: [Int])] = [
            ([0, 1, 2, 3, 4, 5, 7, 8], [6]),
            ([0, 2, 4, 5, 6, 7], [1, 3, 8]),
            ([1, 2, 3, 6, 7, 8], [0, 4, 5]),
            ([0, 1, 3, 4, 5, 6, 8], [2, 7]),
        ]
        let splits = try LeaveOneGroupOut().splits(groups: groups)
        XCTAssertEqual(splits.map(\.train), expected.map(\.train))
        XCTAssertEqual(splits.map(\.test), expected.map(\.test))
        XCTAssertThrowsError(try LeaveOneGroupOut().splits(groups: ["a", "a"]))
    }

    func testStandardizationUsesTrainingRowsOnly() {
        // Group a: rows 0-3, group b: rows 4-7. Train on rows 0, 1, 2, 4, 5, 6; rows 3 and 7 are test rows.
        let raw: [Double] = [1, 2, 3, 1000, 10, 20, 30, -1000]
        let targets = FoldTargets(Matrix(columns: [raw, raw]), groups: [["a", "a", "a", "a", "b", "b", "b", "b"], nil])
        let train = [0, 1, 2, 4, 5, 6], test = [3, 7]
        let a = (mean: 2.0, sd: (2.0 / 3).squareRoot()), b = (mean: 20.0, sd: (200.0 / 3).squareRoot())
        let trainValues = targets.values(train: train, rows: train)
        XCTAssertEqual(trainValues.column(0), [(1 - a.mean) / a.sd, 0, (3 - a.mean) / a.sd,
                                               (10 - b.mean) / b.sd, 0, (30 - b.mean) / b.sd])
        // Test rows use the training statistics: the extreme test values do not move them.
        let testValues = targets.values(train: train, rows: test)
        XCTAssertEqual(testValues[0, 0], (1000 - a.mean) / a.sd, accuracy: 1e-9)
        XCTAssertEqual(testValues[1, 0], (-1000 - b.mean) / b.sd, accuracy: 1e-9)
        // The second target is not standardized.
        XCTAssertEqual(testValues.column(1), [1000, -1000])
        XCTAssertEqual(targets.unseenGroups(train: train, rows: test, target: 0), [])
    }

    func testAGroupAbsentFromTrainingIsStandardizedWithItsOwnStatistics() {
        let raw: [Double] = [1, 2, 3, 5, 7, 9]
        let targets = FoldTargets(Matrix(columns: [raw]), groups: [["a", "a", "a", "b", "b", "b"]])
        let values = targets.values(train: [0, 1, 2], rows: [3, 4, 5])
        let sd = (8.0 / 3).squareRoot()
        XCTAssertEqual(values.column(0), [-2 / sd, 0, 2 / sd])
        XCTAssertEqual(targets.unseenGroups(train: [0, 1, 2], rows: [3, 4, 5], target: 0), ["b"])
    }

    /// Records the targets every fit saw.
    final class TargetLog: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var seen: [[Double]] = []
        func add(_ y: Matrix) { lock.lock(); seen.append(y.column(0)); lock.unlock() }
    }

    /// Predicts its one feature; records the targets it was fitted on.
    struct MeanModel: Regressor {
        let log: TargetLog
        func fit(_ x: Matrix, _ y: Matrix, seed: UInt64) throws -> any FittedRegressor {
            log.add(y)
            return Fitted()
        }
        struct Fitted: FittedRegressor {
            func predict(_ x: Matrix) throws -> Matrix { Matrix(columns: [x.column(0)]) }
        }
    }

    func testCrossValidationFitsOnTrainingStandardizedTargetsAndScoresOnTheSameScale() throws {
        // Two groups on different scales; changing the test rows' raw values never changes what a fit sees.
        var raw = (0..<40).map { Double($0 % 7) + ($0 < 20 ? 0 : 100) }
        let groups = (0..<40).map { $0 < 20 ? "low" : "high" }
        let x = Matrix(columns: [raw.map { $0 / 10 }])
        let splits = try KFold(nSplits: 4, seed: 1).splits(rows: 40)
        func run(_ values: [Double]) throws -> (TargetLog, CrossValidationOutcome) {
            let log = TargetLog()
            let targets = FoldTargets(Matrix(columns: [values]), groups: [groups])
            let outcome = try CrossValidation.run(
                splits: splits, y: Matrix(columns: [values]),
                featurize: { train, test, _ in (x.selectingRows(train), x.selectingRows(test)) },
                factory: { _ in MeanModel(log: log) }, seed: 0, targets: targets)
            return (log, outcome)
        }
        let (first, outcome) = try run(raw)
        for row in splits[0].test { raw[row] += 1000 }
        let (second, _) = try run(raw)
        // Fold 0's fit never sees its test rows: its targets are unchanged; the other folds' fits differ.
        XCTAssertEqual(first.seen.count, 4)
        XCTAssertEqual(first.seen.filter { second.seen.contains($0) }.count, 1)
        // Scored targets are z-scores: within each group of the training rows mean 0, sd 1, so the pooled actual
        // values stay near the z scale instead of spanning the raw 0..106.
        let scored = (0..<40).map { outcome.actual[$0, 0] }
        XCTAssertLessThan(scored.map(abs).max() ?? .infinity, 4)
    }
}

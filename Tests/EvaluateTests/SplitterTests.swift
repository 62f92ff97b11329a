@testable import Evaluate
import XCTest

final class SplitterTests: XCTestCase {
    func assertPartition(_ splits: [Split], rows: Int, file: StaticString = #filePath, line: UInt = #line) {
        var tested = [Int](repeating: 0, count: rows)
        for s in splits {
            XCTAssertTrue(Set(s.train).isDisjoint(with: s.test), "train and test overlap", file: file, line: line)
            XCTAssertEqual(Set(s.train).union(s.test), Set(0..<rows), "a fold loses rows", file: file, line: line)
            for i in s.test { tested[i] += 1 }
        }
        XCTAssertEqual(tested, [Int](repeating: 1, count: rows), "every row is tested exactly once", file: file, line: line)
    }

    func testKFoldPartitionsWithScikitLearnFoldSizes() throws {
        for (rows, k) in [(10, 3), (23, 5), (5, 5), (1000, 7)] {
            for shuffle in [false, true] {
                let splits = try KFold(nSplits: k, shuffle: shuffle, seed: 4).splits(rows: rows)
                XCTAssertEqual(splits.count, k)
                assertPartition(splits, rows: rows)
                let expected = (0..<k).map { rows / k + ($0 < rows % k ? 1 : 0) }
                XCTAssertEqual(splits.map(\.test.count), expected)
            }
        }
    }

    func testKFoldWithoutShuffleIsContiguousAndShuffleIsSeeded() throws {
        XCTAssertEqual(try KFold(nSplits: 3, shuffle: false).splits(rows: 7).map(\.test), [[0, 1, 2], [3, 4], [5, 6]])
        let a = try KFold(nSplits: 4, seed: 9).splits(rows: 50)
        XCTAssertEqual(a, try KFold(nSplits: 4, seed: 9).splits(rows: 50))
        XCTAssertNotEqual(a, try KFold(nSplits: 4, seed: 10).splits(rows: 50))
    }

    func testKFoldNeedsAsManyRowsAsFolds() {
        XCTAssertThrowsError(try KFold(nSplits: 5).splits(rows: 4)) { XCTAssertTrue("\($0)".contains("at least 5 rows")) }
        XCTAssertThrowsError(try KFold(nSplits: 1).splits(rows: 4))
    }

    func testGroupKFoldMatchesScikitLearn() throws {
        for (k, expected) in [(2, ScikitReference.groupKFold2), (3, ScikitReference.groupKFold3),
                              (5, ScikitReference.groupKFold5)] {
            XCTAssertEqual(try GroupKFold(nSplits: k).foldIndex(groups: ScikitReference.groups), expected, "k = \(k)")
        }
    }

    func testGroupKFoldKeepsGroupsTogether() throws {
        let groups = ScikitReference.groups
        let splits = try GroupKFold(nSplits: 4).splits(groups: groups)
        assertPartition(splits, rows: groups.count)
        for s in splits {
            XCTAssertTrue(Set(s.test.map { groups[$0] }).isDisjoint(with: s.train.map { groups[$0] }))
        }
    }

    func testGroupKFoldNeedsAsManyGroupsAsFolds() {
        XCTAssertThrowsError(try GroupKFold(nSplits: 3).splits(groups: ["a", "a", "b", "b"])) {
            XCTAssertTrue("\($0)".contains("2"), "\($0)")
        }
    }

    func testPredefinedSplitUsesTheConfiguredValues() throws {
        let column: [String?] = ["train", "test", "validation", nil, "test", "train", "other"]
        let s = try PredefinedSplit().splits(column: column)
        XCTAssertEqual(s, [Split(train: [0, 2, 5], test: [1, 4])])
        let only = try PredefinedSplit(trainValues: ["train"], testValues: ["validation"]).splits(column: column)
        XCTAssertEqual(only, [Split(train: [0, 5], test: [2])])
        XCTAssertThrowsError(try PredefinedSplit(trainValues: ["x"]).splits(column: column)) {
            XCTAssertTrue("\($0)".contains("no rows have a train value"))
        }
        XCTAssertThrowsError(try PredefinedSplit(trainValues: ["test"], testValues: ["test"]).splits(column: column))
    }
}

import Evaluate
import Frame
import Learn
import Linalg
import XCTest
@testable import Config
@testable import Runner
@testable import Steps
@testable import Workflows
import Support

/// Inside a fold, the clean pipeline only ever sees training rows.
final class FoldFeaturizerTests: XCTestCase {
    func testHeldOutExtremesNeverShiftTheFittedScaling() throws {
        let values: [Double] = [1, 2, 3, 4, 1e9, -1e9]
        let frame = try DataFrame([("x", .numeric(values)), ("y", .numeric([1, 2, 3, 4, 5, 6]))])
        let pipeline = try CleanStep.pipeline(from: try ConfigDecoder.decode(
            CleanConfig.self, yaml: "numeric: {columns: [x], scale: standard}", file: "t"))
        let featurizer = FoldFeaturizer(frame: frame, pipeline: pipeline, cluster: nil,
                                        targets: FoldTargets(Matrix(columns: [[1, 2, 3, 4, 5, 6]])))
        let (train, test) = try featurizer.closure(for: .all)([0, 1, 2, 3], [4, 5], 0)
        // Standardized on rows 0..3 only: mean 2.5, population sd √1.25.
        let sd = 1.25.squareRoot()
        XCTAssertEqual(train.column(0), [1, 2, 3, 4].map { ($0 - 2.5) / sd })
        XCTAssertEqual(test[0, 0], (1e9 - 2.5) / sd, accuracy: 1e-3)
        // What the cache hands a second model is what a fresh fit of that partition gives.
        let fresh = FoldFeaturizer(frame: frame, pipeline: pipeline, cluster: nil,
                                   targets: FoldTargets(Matrix(columns: [[1, 2, 3, 4, 5, 6]])))
        let refit = try fresh.closure(for: .base)([0, 1, 2, 3], [4, 5], 0)
        XCTAssertEqual(refit.train, train)
        XCTAssertEqual(refit.test, test)
        // The saved model's refit (`fitPipeline`) is the same fit: the same training matrix, the same held-out rows.
        let (fitted, matrix) = try fresh.fitPipeline(train: [0, 1, 2, 3], seed: 0)
        XCTAssertEqual(matrix, train)
        XCTAssertEqual(try fitted.transform(frame, rows: [4, 5]), test)
        // Another partition is fitted on its own rows: rows 2..5 have another mean.
        let other = try featurizer.closure(for: .base)([2, 3, 4, 5], [0, 1], 0)
        XCTAssertNotEqual(other.test, Matrix(columns: [[(1 - 2.5) / sd, (2 - 2.5) / sd]]))
    }

    /// A prefetched fold is computed once, handed to each model that uses it, then dropped; a model asking again
    /// gets the same matrices, recomputed.
    func testPrefetchedFoldIsSharedThenDropped() throws {
        let frame = try DataFrame([("x", .numeric([1, 2, 3, 4, 5, 6])), ("y", .numeric([1, 2, 3, 4, 5, 6]))])
        let pipeline = try CleanStep.pipeline(from: try ConfigDecoder.decode(
            CleanConfig.self, yaml: "numeric: {columns: [x], scale: standard}", file: "t"))
        let featurizer = FoldFeaturizer(frame: frame, pipeline: pipeline, cluster: nil,
                                        targets: FoldTargets(Matrix(columns: [[1, 2, 3, 4, 5, 6]])))
        let splits = [Split(train: [0, 1, 2, 3], test: [4, 5]), Split(train: [2, 3, 4, 5], test: [0, 1])]
        try featurizer.prefetch(splits, folds: [1], features: [.all, .all], seed: 0)
        XCTAssertEqual(featurizer.cachedPartitions, 1)
        let seed = CrossValidation.foldSeed(0, fold: 1)
        let first = try featurizer.closure(for: .all)(splits[1].train, splits[1].test, seed)
        XCTAssertEqual(featurizer.cachedPartitions, 1, "one model of two has taken the fold")
        let second = try featurizer.closure(for: .all)(splits[1].train, splits[1].test, seed)
        XCTAssertEqual(featurizer.cachedPartitions, 0, "both models have taken the fold: dropped")
        XCTAssertEqual(first.train, second.train)
        XCTAssertEqual(first.test, second.test)
        let again = try featurizer.closure(for: .all)(splits[1].train, splits[1].test, seed)
        XCTAssertEqual(again.test, first.test)
        XCTAssertEqual(featurizer.cachedPartitions, 1, "a partition no prefetch announced is kept while small")
    }

    /// Once the grid searches are announced, an inner partition is kept only until each of them has taken it: not at
    /// all when one model searches a grid, until the second take when two do; the matrices are those of a fresh fit.
    func testInnerPartitionsAreKeptOnlyForTheGridSearchesStillToAsk() throws {
        let frame = try DataFrame([("x", .numeric([1, 2, 3, 4, 5, 6])), ("y", .numeric([1, 2, 3, 4, 5, 6]))])
        let pipeline = try CleanStep.pipeline(from: try ConfigDecoder.decode(
            CleanConfig.self, yaml: "numeric: {columns: [x], scale: standard}", file: "t"))
        func featurizer() -> FoldFeaturizer {
            FoldFeaturizer(frame: frame, pipeline: pipeline, cluster: nil,
                           targets: FoldTargets(Matrix(columns: [[1, 2, 3, 4, 5, 6]])))
        }
        let reference = try featurizer().closure(for: .all)([0, 1, 2], [3], 7)
        let one = featurizer()
        one.expectGridSearches([.all])
        XCTAssertEqual(try one.closure(for: .all)([0, 1, 2], [3], 7).train, reference.train)
        XCTAssertEqual(one.cachedPartitions, 0, "the only grid search has taken it")
        let two = featurizer()
        two.expectGridSearches([.all, .base])
        let first = try two.closure(for: .all)([0, 1, 2], [3], 7)
        XCTAssertEqual(two.cachedPartitions, 1, "kept for the second grid search")
        let second = try two.closure(for: .base)([0, 1, 2], [3], 7)
        XCTAssertEqual(two.cachedPartitions, 0, "both grid searches have taken it: dropped")
        XCTAssertEqual(first.train, reference.train)
        XCTAssertEqual(second.test, reference.test)
    }
}

/// Every target-derived statistic (category and tag target encodings) and every text statistic (vocabulary, idf,
/// SVD) is fitted on the training rows only: held-out rows with extreme targets move no feature of any row.
final class FoldLeakageTests: XCTestCase {
    func testExtremeHeldOutTargetsMoveNoEncoding() throws {
        let n = 80
        let artists: [String?] = (0..<n).map { $0 % 9 == 0 ? nil : "artist \($0 % 7)" }
        let titles: [String?] = (0..<n).map { ["love song", "live remix", "night drive", "love live", nil][$0 % 5] }
        let genres: [[String]?] = (0..<n).map { [["pop"], ["rock", "pop"], nil, ["metal"]][$0 % 4] }
        let frame = try DataFrame([("artist", .text(artists)), ("title", .text(titles)), ("genres", .list(genres)),
                                   ("x", .numeric((0..<n).map { Double($0 % 11) }))])
        let config = try ConfigDecoder.decode(CleanConfig.self, yaml: """
            numeric: {columns: [x]}
            categorical: {columns: [artist], encode: target}
            tags: {column: genres, min_count: 1, target_encoding: {min_count: 1, smoothing: 2}}
            text:
              - {column: title, analyzer: word, reduce: {method: truncated_svd, n_components: 2}}
              - {column: title, analyzer: char_wb, ngram_range: [2, 3]}
            """, file: "t")
        let pipeline = try CleanStep.pipeline(from: config, targetNames: ["v", "a"])
        var y = Matrix(rows: n, cols: 2)
        for i in 0..<n { y[i, 0] = Double(i % 7) * 0.3 + Double(i % 3); y[i, 1] = Double(i % 5) }
        let train = Array(0..<60), test = Array(60..<n)
        let before = try FoldFeaturizer(frame: frame, pipeline: pipeline, cluster: nil, targets: FoldTargets(y)).closure(for: .all)(train, test, 3)
        var extreme = y
        for r in test { extreme[r, 0] = 1e9; extreme[r, 1] = -1e9 }
        let after = try FoldFeaturizer(frame: frame, pipeline: pipeline, cluster: nil, targets: FoldTargets(extreme)).closure(for: .all)(train, test, 3)
        XCTAssertEqual(after.train, before.train)
        XCTAssertEqual(after.test, before.test)
        XCTAssertTrue(after.test.values.allSatisfy { abs($0) < 1e3 }, "no held-out target reaches a feature")
        // The target encodings did use the training targets: moving one changes them.
        var moved = y
        moved[5, 0] = 1e6
        let shifted = try FoldFeaturizer(frame: frame, pipeline: pipeline, cluster: nil, targets: FoldTargets(moved)).closure(for: .all)(train, test, 3)
        XCTAssertNotEqual(shifted.test, before.test)
    }
}

import Foundation
import Frame
import Linalg
import XCTest
@testable import Learn

/// The pipeline contract: fit on training rows only, transform any rows, Codable, deterministic.
final class CleanPipelineTests: XCTestCase {
    /// 60 rows: two numerics with missing cells, a category, tags. Rows 50..<60 are "held out" with extreme values.
    func makeFrame() throws -> DataFrame {
        var rng = SeededGenerator(seed: 11)
        var a: [Double] = [], b: [Double] = [], cat: [String?] = [], tags: [[String]?] = []
        let vocabulary = ["pop", "rock", "jazz", "metal", "folk", "soul"]
        for i in 0..<60 {
            let heldOut = i >= 50
            a.append(i % 7 == 3 ? .nan : (heldOut ? 1e6 : rng.nextGaussian()))
            b.append(i % 5 == 1 ? .nan : (heldOut ? -1e6 : 10 + 3 * rng.nextGaussian()))
            cat.append(i % 9 == 0 ? nil : (heldOut ? "unseen" : ["x", "y", "z"][i % 3]))
            tags.append(i % 8 == 0 ? nil : (heldOut ? ["heldout-only"] : (0..<(1 + i % 3)).map { vocabulary[(i + $0 * 2) % 6] }))
        }
        return try DataFrame([("a", .numeric(a)), ("b", .numeric(b)), ("cat", .text(cat)), ("genres", .list(tags))])
    }

    var pipeline: CleanPipeline {
        CleanPipeline(numeric: NumericSpec(columns: ["a", "b"], impute: .mean, missingIndicators: true, scale: .standard),
                      categorical: CategoricalSpec(columns: ["cat"]),
                      tags: TagSpec(column: "genres", minCount: 1, reduce: TruncatedSVD(nComponents: 3)))
    }

    func testFitNeverSeesHeldOutRows() throws {
        let frame = try makeFrame()
        let train = Array(0..<50)
        let fitted = try pipeline.fit(frame, rows: train, targets: nil, seed: 1)
        let numeric = try XCTUnwrap(fitted.numeric)
        // The fitted statistics equal those computed from the training rows alone.
        let allA = try frame.numeric("a")
        let trainA = train.map { allA[$0] }.filter { !$0.isNaN }
        XCTAssertEqual(try XCTUnwrap(numeric.imputer).statistics[0], trainA.reduce(0, +) / Double(trainA.count), accuracy: 1e-12)
        XCTAssertLessThan(abs(numeric.scaler.mean[0]), 5, "held-out 1e6 values would shift the mean")
        XCTAssertLessThan(abs(numeric.scaler.mean[1] - 10), 5)
        XCTAssertFalse(try XCTUnwrap(fitted.categorical).categories[0].contains("unseen"))
        XCTAssertFalse(try XCTUnwrap(fitted.tags).vocabulary.contains("heldout-only"))
        // Refitting with the held-out rows changed would not change anything fitted.
        var altered = frame
        try altered.set("a", .numeric(try frame.numeric("a").enumerated().map { $0.offset >= 50 ? -7e9 : $0.element }))
        XCTAssertEqual(try pipeline.fit(altered, rows: train, targets: nil, seed: 1), fitted)
        // Held-out rows transform fine: unseen category and unknown tags → zeros.
        let x = try fitted.transform(frame, rows: Array(50..<60))
        XCTAssertEqual(x.cols, fitted.featureNames.count)
        let svdColumns = fitted.featureNames.indices.filter { fitted.featureNames[$0].hasPrefix("genres_svd") }
        for r in 0..<x.rows { for c in svdColumns { XCTAssertEqual(x[r, c], 0) } }
    }

    func testFeatureNamesAndReport() throws {
        let fitted = try pipeline.fit(try makeFrame(), rows: Array(0..<50), targets: nil, seed: 1)
        XCTAssertEqual(fitted.featureNames, ["a", "b", "a_missing", "b_missing", "cat=x", "cat=y", "cat=z",
                                             "genres_svd1", "genres_svd2", "genres_svd3"])
        let report = fitted.report
        XCTAssertEqual(report.featuresBefore, 4)
        XCTAssertEqual(report.featuresExpanded, 4 + 3 + 6)
        XCTAssertEqual(report.featuresAfter, 10)
        XCTAssertEqual(report.tagsKept, 6)
        XCTAssertEqual(report.imputed.map(\.column), ["a", "b"])
        XCTAssertEqual(report.imputed.map(\.count), [(0..<50).filter { $0 % 7 == 3 }.count, (0..<50).filter { $0 % 5 == 1 }.count])
        XCTAssertEqual(report.reductions.first?.components, 3)
        XCTAssertEqual(report.reductions.first?.explainedVarianceRatio.count, 3)
    }

    func testTransformedTrainingRowsAreStandardised() throws {
        let frame = try makeFrame()
        let fitted = try pipeline.fit(frame, rows: Array(0..<50), targets: nil, seed: 1)
        let x = try fitted.transform(frame, rows: Array(0..<50))
        XCTAssertFalse(x.hasNonFinite)
        for c in 0..<2 {
            let column = x.column(c)
            XCTAssertEqual(column.reduce(0, +) / 50, 0, accuracy: 1e-12)
            XCTAssertEqual((column.reduce(0) { $0 + $1 * $1 } / 50).squareRoot(), 1, accuracy: 1e-12)
        }
    }

    func testCodableRoundTripTransformsIdentically() throws {
        let frame = try makeFrame()
        var spec = pipeline
        spec.tags?.tfidf = true
        spec.pca = PCA(nComponents: .fraction(0.9))
        let fitted = try spec.fit(frame, rows: Array(0..<50), targets: nil, seed: 3)
        let data = try JSONEncoder().encode(fitted)
        let restored = try JSONDecoder().decode(FittedCleanPipeline.self, from: data)
        XCTAssertEqual(restored, fitted)
        XCTAssertEqual(try restored.transform(frame, rows: Array(0..<60)), try fitted.transform(frame, rows: Array(0..<60)))
        XCTAssertTrue(fitted.featureNames.allSatisfy { $0.hasPrefix("pc") })
    }

    func testDeterministicForASeed() throws {
        let frame = try makeFrame()
        XCTAssertEqual(try pipeline.fit(frame, rows: Array(0..<50), targets: nil, seed: 9),
                       try pipeline.fit(frame, rows: Array(0..<50), targets: nil, seed: 9))
    }

    func testErrorsAreActionable() throws {
        let frame = try makeFrame()
        XCTAssertThrowsError(try pipeline.fit(frame, rows: [0, 99], targets: nil, seed: 1)) {
            XCTAssertTrue("\($0)".contains("outside"))
        }
        let strict = CleanPipeline(categorical: CategoricalSpec(columns: ["cat"], handleUnknown: .error))
        let fitted = try strict.fit(frame, rows: Array(0..<50), targets: nil, seed: 1)
        XCTAssertThrowsError(try fitted.transform(frame, rows: [55])) { XCTAssertTrue("\($0)".contains("unseen")) }
        let logNegative = CleanPipeline(numeric: NumericSpec(columns: ["b"], log1p: ["b"]))
        XCTAssertThrowsError(try logNegative.fit(frame, rows: Array(0..<60), targets: nil, seed: 1)) {
            XCTAssertTrue("\($0)".contains("clip"))
        }
        let missing = CleanPipeline(numeric: NumericSpec(columns: ["nope"]))
        XCTAssertThrowsError(try missing.fit(frame, rows: [0], targets: nil, seed: 1))
    }

    func testClipAndLog1p() throws {
        let frame = try DataFrame([("v", .numeric([-5, 0, 3, 100, .nan]))])
        let spec = CleanPipeline(numeric: NumericSpec(columns: ["v"], clip: ["v": ClipBounds(lower: 0, upper: 10)],
                                                      log1p: ["v"], impute: nil, scale: .none))
        let x = try spec.fit(frame, rows: [0, 1, 2, 3, 4], targets: nil, seed: 0).transform(frame, rows: [0, 1, 2, 3, 4])
        XCTAssertEqual(Array(x.values.prefix(4)), [0, 0, log1p(3), log1p(10)])
        XCTAssertTrue(x.values[4].isNaN, "without imputation NaN stays NaN")
    }
}

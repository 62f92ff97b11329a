import Frame
import Linalg
import XCTest
@testable import Learn

/// Tag target encoding: the smoothed closed form, out-of-fold training rows, no use of held-out targets.
final class TagTargetEncoderTests: XCTestCase {
    func testTableIsTheSmoothedMeanPerTag() throws {
        let lists: [[String]?] = [["pop"], ["pop", "rock"], ["rock"], nil, ["pop", "pop"]]
        let y = Matrix(rowArrays: [[1, 10], [3, 20], [5, 30], [7, 40], [9, 50]])
        let table = try TagTargetEncoding(minCount: 2, smoothing: 2, targetNames: ["valence"])
            .fitTable(column: "genres", lists: lists, targets: y)
        XCTAssertEqual(table.tags, ["pop", "rock"])
        XCTAssertEqual(table.globalMeans, [5, 30])
        // pop: rows 0, 1, 4 → sum 13 (valence), 80 (arousal); (13 + 2·5) / (3 + 2) = 4.6.
        XCTAssertEqual(table.means[0][0], 4.6, accuracy: 1e-12)
        XCTAssertEqual(table.means[0][1], (80 + 60) / 5.0, accuracy: 1e-12)
        XCTAssertEqual(table.means[1][0], (8 + 10) / 4.0, accuracy: 1e-12)
        XCTAssertEqual(table.featureNames, ["genres_te_valence", "genres_te_target2"])
        let encoded = table.encode([["pop", "rock"], nil, ["jazz"]])
        XCTAssertEqual(encoded[0][0], (4.6 + 4.5) / 2, accuracy: 1e-12)
        XCTAssertEqual(encoded[0][1], 5, "missing list → global mean")
        XCTAssertEqual(encoded[1][2], 30, "unknown tag → global mean")
    }

    func frame() throws -> (DataFrame, Matrix) {
        var rng = SeededGenerator(seed: 4)
        let vocabulary = ["a", "b", "c", "d"]
        var lists: [[String]?] = []
        for i in 0..<100 {
            let pair: [String] = [vocabulary[i % 4], vocabulary[(i / 4) % 4]]
            lists.append(i % 10 == 0 ? nil : pair)
        }
        let y = Matrix(rows: 100, cols: 2, values: (0..<200).map { _ in rng.nextGaussian() })
        return (try DataFrame([("genres", .list(lists))]), y)
    }

    func testTrainingRowsAreEncodedWithoutTheirOwnTarget() throws {
        let (data, y) = try frame()
        let rows = Array(0..<80)
        let spec = CleanPipeline(tags: TagSpec(column: "genres", minCount: 1, targetEncoding: TagTargetEncoding(minCount: 1)))
        let (fitted, x) = try spec.fitTransform(data, rows: rows, targets: y.selectingRows(rows), seed: 1)
        XCTAssertEqual(Array(fitted.featureNames.prefix(2)), ["genres_te_target1", "genres_te_target2"])
        // Moving row 7's own target far away leaves row 7's training feature unchanged (out-of-fold)...
        var moved = y.selectingRows(rows)
        moved[7, 0] = 1e6
        let (refitted, x2) = try spec.fitTransform(data, rows: rows, targets: moved, seed: 1)
        XCTAssertEqual(x2[7, 0], x[7, 0])
        // ...while the full table (used for held-out rows) does move.
        XCTAssertNotEqual(try refitted.transform(data, rows: [7])[0, 0], try fitted.transform(data, rows: [7])[0, 0])
        // Held-out rows' targets are never passed in: the held-out matrix depends only on training targets.
        XCTAssertEqual(try fitted.transform(data, rows: Array(80..<100)).cols, x.cols)
    }

    func testNeedsTargets() throws {
        let (data, _) = try frame()
        let spec = CleanPipeline(tags: TagSpec(column: "genres", targetEncoding: TagTargetEncoding()))
        XCTAssertThrowsError(try spec.fit(data, rows: Array(0..<80), targets: nil, seed: 1)) {
            XCTAssertTrue("\($0)".contains("targets"))
        }
    }
    /// With one group per fold, each group's out-of-fold encodings are exactly what the table fitted on the other
    /// groups' rows gives them (the cross-fitting shares its tag coding between folds without changing a value).
    func testCrossFittedRowsUseTheTableOfTheOtherFolds() throws {
        let vocabulary = ["pop", "rock", "jazz", "Pop", "ambient", "metal"]
        var rng = SeededGenerator(seed: 9)
        let lists: [[String]?] = (0..<90).map { i in
            i % 11 == 0 ? nil : (0..<(1 + i % 3)).map { _ in vocabulary[Int(rng.nextUnit() * Double(vocabulary.count))] }
        }
        let y = Matrix(rows: 90, cols: 2, values: (0..<180).map { _ in rng.nextGaussian() })
        let groups: [String?] = (0..<90).map { "g\($0 % 5)" }
        let encoding = TagTargetEncoding(minCount: 3, smoothing: 4, folds: 5)
        let out = try encoding.crossFitted(column: "tags", lists: lists, targets: y, seed: 2, groups: groups)
        for g in 0..<5 {
            let inside = (0..<90).filter { $0 % 5 != g }, held = (0..<90).filter { $0 % 5 == g }
            let table = try encoding.fitTable(column: "tags", lists: inside.map { lists[$0] }, targets: y.selectingRows(inside))
            let expected = table.encode(held.map { lists[$0] })
            for c in 0..<2 { XCTAssertEqual(held.map { out[c][$0] }, expected[c], "group \(g), target \(c)") }
        }
        // Rows are not all encoded alike: the tags carry information.
        XCTAssertGreaterThan(Set(out[0]).count, 5)
    }
}

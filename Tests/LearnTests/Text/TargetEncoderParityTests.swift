import Frame
import Learn
import Linalg
import XCTest

/// `CategoryTargetEncoding` against scikit-learn's `TargetEncoder` (fixtures from `make_encoding_text.py`):
/// cross-fitted training encodings on a fixed fold scheme and full-fit encodings of held-out rows, within 1e-9.
final class TargetEncoderParityTests: XCTestCase {
    func testMatchesScikitLearnOnAFixedFoldScheme() throws {
        let fixture = try loadFixture("target_encoder", folder: "text")
        let train = try XCTUnwrap(fixture["train"] as? [Any]).map { $0 as? String }
        let test = try XCTUnwrap(fixture["test"] as? [Any]).map { $0 as? String }
        let y = try matrix(fixture["y"])
        let fold = try numbers(fixture["fold"]).map { Int($0) }
        let cases = try XCTUnwrap(fixture["cases"] as? [[String: Any]])
        XCTAssertEqual(cases.count, 2)
        for c in cases {
            let smooth: TargetSmoothing = (c["smooth"] as? String) == "auto" ? .auto : .fixed(try XCTUnwrap(c["smooth"] as? Double))
            let encoding = CategoryTargetEncoding(columns: ["artist"], smooth: smooth, targetNames: ["a", "b"])
            let oof = try encoding.crossFitted(values: [train], targets: y, folds: fold)
            let expectedTrain = try XCTUnwrap(c["train_encoded"] as? [Any]).map { try numbers($0) }
            let table = try encoding.fitTable(values: [train], targets: y)
            let held = table.encode([test])
            let expectedTest = try XCTUnwrap(c["test_encoded"] as? [Any]).map { try numbers($0) }
            for t in 0..<2 {
                assertClose(oof[t], expectedTrain[t], tolerance: 1e-9, "\(smooth) train target \(t)")
                assertClose(held[t], expectedTest[t], tolerance: 1e-9, "\(smooth) test target \(t)")
            }
            XCTAssertEqual(table.featureNames, ["artist_te_a", "artist_te_b"])
        }
    }

    /// A held-out row with an extreme target cannot move any encoding: the table is fitted on training rows only,
    /// and a training row's own target never reaches its own cross-fitted encoding.
    func testEncodingsIgnoreHeldOutAndOwnTargets() throws {
        let cats: [String?] = (0..<60).map { "c\($0 % 6)" }
        var rng = SeededGenerator(seed: 3)
        let y = Matrix(rowArrays: (0..<60).map { _ in [Double.random(in: -1...1, using: &rng)] })
        let frame = try DataFrame([("artist", .text(cats))])
        let pipeline = CleanPipeline(categoryTarget: CategoryTargetEncoding(columns: ["artist"]))
        let train = Array(0..<50), test = Array(50..<60)
        let fitted = try pipeline.fit(frame, rows: train, targets: y.selectingRows(train), seed: 1)
        let before = try fitted.transform(frame, rows: test)
        // The same fit with the held-out rows' targets made extreme: nothing changes (they are not passed).
        var extreme = y
        for r in test { extreme[r, 0] = 1e9 }
        let again = try pipeline.fit(frame, rows: train, targets: extreme.selectingRows(train), seed: 1)
        XCTAssertEqual(try again.transform(frame, rows: test).values, before.values)
        // Cross-fitting: changing one training row's target leaves that row's own encoding unchanged.
        let (_, base) = try pipeline.fitTransform(frame, rows: train, targets: y.selectingRows(train), seed: 1)
        var moved = y
        moved[7, 0] = 1e6
        let (_, shifted) = try pipeline.fitTransform(frame, rows: train, targets: moved.selectingRows(train), seed: 1)
        XCTAssertEqual(shifted[7, 0], base[7, 0])
        XCTAssertNotEqual(shifted.values, base.values, "other rows of its category do see it")
    }
}

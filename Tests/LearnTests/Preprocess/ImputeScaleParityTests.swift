import Frame
import Linalg
import XCTest
@testable import Learn

/// SimpleImputer, StandardScaler and MinMaxScaler against scikit-learn 1.9 (fixture impute_scale.json), to 1e-12.
final class ImputeScaleParityTests: XCTestCase {
    func testImputersMatchScikitLearn() throws {
        let f = try loadFixture("impute_scale")
        let x = try matrix(f["x"])
        let imputers = try XCTUnwrap(f["imputers"] as? [String: Any])
        for strategy in ImputeStrategy.allCases {
            let expected = try XCTUnwrap(imputers[strategy.rawValue] as? [String: Any])
            let fitted = SimpleImputer(strategy: strategy, fillValue: 7.5).fit(columns: columnsOf(x))
            assertClose(fitted.statistics, try numbers(expected["statistics"]), tolerance: 1e-12, "\(strategy) statistics")
            let out = Matrix(columns: columnsOf(x).enumerated().map { fitted.transform($1, column: $0) })
            assertClose(out.values, try matrix(expected["transformed"]).values, tolerance: 1e-12, "\(strategy) transformed")
        }
    }

    func testMissingCountsArePerColumn() throws {
        let x = try matrix(loadFixture("impute_scale")["x"])
        let fitted = SimpleImputer(strategy: .median).fit(columns: columnsOf(x))
        XCTAssertEqual(fitted.missingCounts, columnsOf(x).map { $0.filter(\.isNaN).count })
        XCTAssertGreaterThan(fitted.missingCounts.reduce(0, +), 0)
    }

    func testScalersMatchScikitLearn() throws {
        let f = try loadFixture("impute_scale")
        let x = try matrix(f["x"])
        let median = SimpleImputer(strategy: .median).fit(columns: columnsOf(x))
        let filled = columnsOf(x).enumerated().map { median.transform($1, column: $0) }

        let standard = try XCTUnwrap(f["standard"] as? [String: Any])
        let s = FittedScaler.fit(.standard, columns: filled)
        assertClose(s.mean, try numbers(standard["mean"]), tolerance: 1e-12, "standard mean")
        assertClose(s.scale, try numbers(standard["scale"]), tolerance: 1e-12, "standard scale")
        let scaled = Matrix(columns: filled.enumerated().map { s.transform($1, column: $0) })
        assertClose(scaled.values, try matrix(standard["transformed"]).values, tolerance: 1e-12, "standard transformed")
        XCTAssertEqual(s.scale[4], 1, "a constant column keeps scale 1")

        let minmax = try XCTUnwrap(f["minmax"] as? [String: Any])
        let m = FittedScaler.fit(.minmax, columns: filled)
        let mmScaled = Matrix(columns: filled.enumerated().map { m.transform($1, column: $0) })
        assertClose(mmScaled.values, try matrix(minmax["transformed"]).values, tolerance: 1e-12, "minmax transformed")
    }

    func testStandardScalerIgnoresMissingValuesLikeScikitLearn() throws {
        let f = try loadFixture("impute_scale")
        let x = try matrix(f["x"])
        let expected = try XCTUnwrap(f["standard_with_nan"] as? [String: Any])
        let s = FittedScaler.fit(.standard, columns: columnsOf(x))
        assertClose(s.mean, try numbers(expected["mean"]), tolerance: 1e-12, "mean")
        assertClose(s.scale, try numbers(expected["scale"]), tolerance: 1e-12, "scale")
        let out = Matrix(columns: columnsOf(x).enumerated().map { s.transform($1, column: $0) })
        assertClose(out.values, try matrix(expected["transformed"]).values, tolerance: 1e-12, "transformed")
    }
}

/// The numeric block (log1p → median imputation + missing indicators → scaling) fitted on training rows and
/// applied to held-out rows, against the same scikit-learn pipeline (fixture numeric_pipeline.json).
final class NumericPipelineParityTests: XCTestCase {
    func testHeldOutRowsMatchScikitLearnPipeline() throws {
        let f = try loadFixture("numeric_pipeline")
        let x = try matrix(f["x"])
        let train = try XCTUnwrap(f["train"] as? [Int]), test = try XCTUnwrap(f["test"] as? [Int])
        let frame = try DataFrame(["a", "b", "c"].enumerated().map { ($1, Column.numeric(x.column($0))) })
        let outputs = try XCTUnwrap(f["outputs"] as? [String: Any])
        for scale in [ScaleKind.standard, .minmax] {
            let spec = CleanPipeline(numeric: NumericSpec(columns: ["a", "b", "c"], log1p: ["b"], impute: .median,
                                                          missingIndicators: true, scale: scale))
            let fitted = try spec.fit(frame, rows: train, targets: nil, seed: 0)
            XCTAssertEqual(try XCTUnwrap(fitted.numeric).indicators, try XCTUnwrap(f["indicator_features"] as? [Int]))
            let ours = try fitted.transform(frame, rows: test)
            assertClose(ours.values, try matrix(outputs[scale.rawValue]).values, tolerance: 1e-12, "\(scale) held-out rows")
        }
    }
}

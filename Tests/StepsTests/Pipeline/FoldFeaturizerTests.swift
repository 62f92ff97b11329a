import Evaluate
import Frame
import Learn
import Linalg
import XCTest
@testable import Steps

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
        // A second model asking for the same partition gets the same matrices (shared, not refitted differently).
        let again = try featurizer.closure(for: .base)([0, 1, 2, 3], [4, 5], 0)
        XCTAssertEqual(again.train, train)
    }
}

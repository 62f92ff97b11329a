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

/// Tags from a delimited text column and a list column, refitted inside each fold: the vocabulary and
/// `min_count` see training rows only.
final class TagSourceLeakageTests: XCTestCase {
    func testVocabularyAndMinCountComeFromTrainingRowsOnly() throws {
        let frame = try DataFrame([
            ("Genre", .text(["Pop-Rock", "Pop", "Rock-Jazz", "Pop", "Jazz-Folk", "Folk-Jazz"])),
            ("genres", .list([["x"], nil, ["x", "y"], [], ["y"], ["y", "z"]])),
            ("target", .numeric([1, 2, 3, 4, 5, 6])),
        ])
        let config = try ConfigDecoder.decode(CleanConfig.self, yaml: "tags: {columns: [Genre, genres], separator: \"-\", min_count: 2}", file: "t")
        let pipeline = try CleanStep.pipeline(from: config)
        let featurizer = FoldFeaturizer(frame: frame, pipeline: pipeline, cluster: nil,
                                        targets: FoldTargets(Matrix(columns: [[1, 2, 3, 4, 5, 6]])))
        let (train, test) = try featurizer.closure(for: .all)([0, 1, 2, 3], [4, 5], 0)
        // Training rows 0..3: Pop 3, Rock 2, x 2 pass min_count 2; Jazz 1, y 1 do not. With the held-out rows
        // counted, Jazz (3), Folk (2) and y (3) would pass too.
        let inFold = try pipeline.fit(frame, rows: [0, 1, 2, 3], targets: nil, seed: 0)
        XCTAssertEqual(inFold.featureNames, ["Genre+genres:Pop", "Genre+genres:Rock", "Genre+genres:x"])
        XCTAssertEqual(try pipeline.fit(frame, rows: Array(0..<6), targets: nil, seed: 0).featureNames.count, 6)
        XCTAssertEqual(train.cols, 3)
        XCTAssertEqual(train.values, [1, 1, 1, 1, 0, 0, 0, 1, 1, 1, 0, 0])
        XCTAssertEqual(test.values, [0, 0, 0, 0, 0, 0], "held-out rows' own tags were never learned")
    }
}

import XCTest
import Learn
import Linalg
@testable import Config
@testable import Runner
@testable import Steps
@testable import Workflows
import Support

final class ModelFileTests: XCTestCase {
    private func model() throws -> SavedModel {
        let linear = FittedLinearModel(coefficients: Matrix(rows: 2, cols: 2, values: [1, 2, 3, 4]), intercept: [0.5, -0.25])
        let pipelineJSON = #"{"featureNames":["a","b"],"report":{"rows":0,"featuresBefore":0,"featuresExpanded":0,"featuresAfter":0,"transforms":[],"imputed":[],"reductions":[]}}"#
        let pipeline = try JSONDecoder().decode(FittedCleanPipeline.self, from: Data(pipelineJSON.utf8))
        return SavedModel(experiment: "x", labbookVersion: "t", trainedOn: "all rows", trainingRows: 3, overrides: [],
                          loadYAML: "sources: {songs: {file: a.csv}}\n", targets: ["valence", "arousal"],
                          pipeline: pipeline,
                          models: [TargetModel(target: "valence", model: "ridge", kind: "ridge", protocolName: "official",
                                               reportedPearson: 0.3, params: [:], clusters: nil, fitted: .linear(linear),
                                               column: 0)])
    }

    func testRoundTripKeepsTheFittedModel() throws {
        let original = try model()
        let decoded = try ModelFile.decode(try ModelFile.encode(original), name: "m.model")
        let x = Matrix(rows: 1, cols: 2, values: [1, 1])
        XCTAssertEqual(try decoded.models[0].fitted.regressor.predict(x).values,
                       try original.models[0].fitted.regressor.predict(x).values)
        XCTAssertEqual(decoded.targets, original.targets)
        XCTAssertEqual(decoded.pipeline, original.pipeline)
    }

    func testDamagedFileFailsItsChecksum() throws {
        var data = try ModelFile.encode(try model())
        let index = try XCTUnwrap(data.lastIndex(of: UInt8(ascii: "3")))
        data[index] = UInt8(ascii: "4")
        XCTAssertThrowsError(try ModelFile.decode(data, name: "m.model")) {
            XCTAssertTrue("\($0)".contains("damaged"), "\($0)")
        }
    }

    func testOtherVersionsAndOtherFilesAreRefused() throws {
        let data = try ModelFile.encode(try model())
        let text = String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\"version\":\(ModelFile.version)", with: "\"version\":9")
        XCTAssertThrowsError(try ModelFile.decode(Data(text.utf8), name: "m.model")) {
            XCTAssertTrue("\($0)".contains("version 9"), "\($0)")
        }
        XCTAssertThrowsError(try ModelFile.decode(Data("a,b\n1,2\n".utf8), name: "m.csv")) {
            XCTAssertTrue("\($0)".contains("not a labbook model file"), "\($0)")
        }
    }
}

import XCTest
@testable import Config
@testable import Runner
@testable import Steps
@testable import Workflows
import Support

/// Found by fuzzing: a k range with min above max crashed (an invalid ClosedRange) instead of failing cleanly.
final class ClusterConfigTests: XCTestCase {
    func testKMinAboveMaxIsAnErrorNotACrash() {
        XCTAssertThrowsError(try ConfigDecoder.decode(ClusterConfig.self, yaml: "k: {min: 5, max: 3}\n", file: "x.md")) {
            XCTAssertTrue("\($0)".contains("k.min (5) is larger than k.max (3)"), "\($0)")
        }
    }

    func testKBelowTwoIsAnError() {
        XCTAssertThrowsError(try ConfigDecoder.decode(ClusterConfig.self, yaml: "k: 1\n", file: "x.md")) {
            XCTAssertTrue("\($0)".contains("k must be at least 2"), "\($0)")
        }
    }
}

import Evaluate
import Results
@testable import Steps
import XCTest

/// Per-group metrics, and whether the pooled r mostly reflects differences between the groups.
final class GroupBreakdownTests: XCTestCase {
    func testGroupBreakdownOfPureOffsets() throws {
        // Within each group the predictions are unrelated to the values; the group offsets make the pooled r high.
        let actual: [Double] = [0, 1, 0, 1, 10, 11, 10, 11]
        let predicted: [Double] = [0.5, 0.4, 0.6, 0.5, 10.5, 10.6, 10.4, 10.5]
        let groups = ["a", "a", "a", "a", "b", "b", "b", "b"]
        let b = GroupMetrics.breakdown(protocolName: "p", target: "t", model: "m", column: "g", groups: groups,
                                       actual: actual, predicted: predicted)
        // η² = SS_between / SS_total = 8 · 25 / (8 · 25 + 8 · 0.25).
        XCTAssertEqual(b.betweenShare, 200 / 202, accuracy: 1e-12)
        XCTAssertGreaterThan(b.pooledPearson, 0.99)
        XCTAssertEqual(b.withinPearson ?? .nan, try Metric.pearson([-0.5, 0.5, -0.5, 0.5, -0.5, 0.5, -0.5, 0.5],
                                                                   [0, -0.1, 0.1, 0, 0, 0.1, -0.1, 0]), accuracy: 1e-12)
        XCTAssertTrue(b.dominated)
        XCTAssertEqual(b.groups.map(\.n), [4, 4])
        XCTAssertEqual(b.groups[0].metrics, try Metrics(actual: [0, 1, 0, 1], predicted: [0.5, 0.4, 0.6, 0.5]))
    }

    func testNoWarningWhenTheGroupsShareOneScale() {
        let actual: [Double] = [0, 1, 2, 3, 0, 1, 2, 3]
        let predicted: [Double] = [0.1, 1.2, 1.8, 3.1, 0.2, 0.9, 2.2, 2.9]
        let b = GroupMetrics.breakdown(protocolName: "p", target: "t", model: "m", column: "g",
                                       groups: ["a", "a", "a", "a", "b", "b", "b", "b"], actual: actual, predicted: predicted)
        XCTAssertEqual(b.betweenShare, 0, accuracy: 1e-12)
        XCTAssertFalse(b.dominated)
    }
}

import Foundation
import Report
import Results
import XCTest

final class ZZRealRenderTests: XCTestCase {
    func testRenderReal() throws {
        let dir = URL(fileURLWithPath: "/tmp/report2-out")
        let reg = try ResultsJSON.read(dir.appendingPathComponent("va-regression.results.json"))
        let deep = try ResultsJSON.read(dir.appendingPathComponent("va-deeplearning.results.json"))
        try ReportRenderer.write(ReportInput(results: reg, experimentMarkdown: String(contentsOf: dir.appendingPathComponent("exp/va-regression.md"), encoding: .utf8)), to: dir)
        try ReportRenderer.write(ReportInput(results: deep, experimentMarkdown: String(contentsOf: dir.appendingPathComponent("exp/va-deeplearning.md"), encoding: .utf8), reference: reg), to: dir)
    }
}

import Results
import SyntheticStudy
import Support
import Foundation
import Report
import Config
import Runner
import Steps
import XCTest

/// `index.html` is rebuilt from every results file in `reports/`: one it cannot read is listed, never fatal.
final class IndexFolderTests: XCTestCase {
    func testAnUnreadableResultsFileIsListedAndTheOthersStay() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("labbook-index-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try ResultsJSON.write(TestResults.make([(model: "ridge", target: "y", r: 0.3)]),
                              to: folder.appendingPathComponent("x.results.json"))
        try Data("{\"schema\": \"from an older labbook\"}".utf8).write(to: folder.appendingPathComponent("old.results.json"))

        try ReportWriter.writeIndex(in: folder)

        let index = try String(contentsOf: folder.appendingPathComponent("index.html"), encoding: .utf8)
        XCTAssertTrue(index.contains("<code>old.results.json</code> could not be read"), index)
        XCTAssertTrue(index.contains("<a href=\"x.html\">"), "the readable experiment is still listed")
        XCTAssertTrue(index.contains("0.300"), "its headline r is shown")
    }

    func testAFolderOfReadableResultsHasNoWarning() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("labbook-index-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try ResultsJSON.write(TestResults.make([(model: "ridge", target: "y", r: 0.3)]),
                              to: folder.appendingPathComponent("x.results.json"))
        try ReportWriter.writeIndex(in: folder)
        let index = try String(contentsOf: folder.appendingPathComponent("index.html"), encoding: .utf8)
        XCTAssertFalse(index.contains("could not be read"))
    }
}

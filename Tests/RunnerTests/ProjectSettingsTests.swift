import XCTest
@testable import Config
@testable import Runner
@testable import Steps
@testable import Workflows
import Support

final class ProjectSettingsTests: XCTestCase {
    func testDataRootPriorities() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("labbook-project-\(UUID().uuidString)")
        let nested = root.appendingPathComponent("experiments")
        try FileManager.default.createDirectory(at: nested, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let base = root.standardizedFileURL.path

        let defaults = try ProjectSettings.load(from: nested)
        // No labbook.yml: the project root is the starting folder, data is ../shared/data from there.
        XCTAssertEqual(defaults.dataRoot.url.path, base + "/shared/data")
        XCTAssertEqual(defaults.seed, 0)

        try Data("data_root: mydata\nseed: 5\n".utf8).write(to: root.appendingPathComponent("labbook.yml"))
        let configured = try ProjectSettings.load(from: nested)
        XCTAssertEqual(configured.root.path, base)
        XCTAssertEqual(configured.dataRoot.url.path, base + "/mydata")
        XCTAssertEqual(configured.seed, 5)

        let overridden = try ProjectSettings.load(from: nested, dataOverride: "/tmp/elsewhere", seedOverride: 9)
        XCTAssertEqual(overridden.dataRoot.url.path, "/tmp/elsewhere")
        XCTAssertEqual(overridden.seed, 9)

        try Data("data_rot: x\n".utf8).write(to: root.appendingPathComponent("labbook.yml"))
        XCTAssertThrowsError(try ProjectSettings.load(from: nested)) {
            XCTAssertTrue("\($0)".contains("labbook.yml:1:1: error: unknown key `data_rot` — did you mean `data_root`?"), "\($0)")
        }
    }
}

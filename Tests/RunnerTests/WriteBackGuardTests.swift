import XCTest
import Literate
@testable import Config
@testable import Runner
@testable import Steps
@testable import Workflows
import Support

/// The runner writes outputs back only into the file it planned: a step block edited during the run makes
/// it refuse (the outputs would describe the old configuration), and the file is left as the user saved it.
final class WriteBackGuardTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("labbook-guard-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    private let text = "# Sums\n\n```yaml load\nnumbers: [1, 2, 3]\n```\n\n```yaml train\nfactor: 2\n```\n"

    private func runAfterEditing(_ edited: String) throws -> (Error?, String) {
        let url = folder.appendingPathComponent("exp.md")
        try Data(text.utf8).write(to: url)
        let plan = try ExperimentPlanner(registry: .testing).plan(fileAt: url, displayName: "exp.md")
        XCTAssertTrue(plan.isValid, "\(plan.diagnostics)")
        try Data(edited.utf8).write(to: url)  // the user saves a new version while the steps run
        var failure: Error?
        do {
            _ = try ExperimentRunner().run(plan, options: RunOptions(dataRoot: DataRoot(url: folder), seed: 0))
        } catch {
            failure = error
        }
        return (failure, try String(contentsOf: url, encoding: .utf8))
    }

    func testAnEditedStepBlockIsNotWrittenBack() throws {
        let edited = text.replacingOccurrences(of: "factor: 2", with: "factor: 5")
        let (failure, after) = try runAfterEditing(edited)
        XCTAssertEqual("\(failure.map { "\($0)" } ?? "none")",
                       "exp.md:7:9: error: the file changed during the run (this step's block or the step list is no longer "
                       + "what was run), so its outputs were not written back: run it again")
        XCTAssertEqual(after, edited)
    }

    func testARemovedStepIsNotWrittenBack() throws {
        let edited = "# Sums\n\n```yaml load\nnumbers: [1, 2, 3]\n```\n"
        let (failure, after) = try runAfterEditing(edited)
        XCTAssertNotNil(failure)
        XCTAssertEqual(after, edited)
    }

    func testEditedProseStillGetsTheOutputs() throws {
        let edited = text.replacingOccurrences(of: "# Sums", with: "# Sums, with notes\n\nMore prose.")
        let (failure, after) = try runAfterEditing(edited)
        XCTAssertNil(failure)
        XCTAssertTrue(after.hasPrefix("# Sums, with notes\n\nMore prose.\n"), after)
        XCTAssertTrue(after.contains("<!-- labbook:output train -->"), after)
    }
}

import XCTest
import Literate
@testable import Config
@testable import Runner
@testable import Steps
@testable import Workflows
import Support

final class RunnerTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("labbook-runner-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    private func write(_ text: String, name: String = "exp.md") throws -> URL {
        let url = folder.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url
    }

    private func plan(_ text: String) throws -> ExperimentPlan {
        try ExperimentPlanner(registry: .testing).plan(fileAt: write(text), displayName: "exp.md")
    }

    private var options: RunOptions { RunOptions(dataRoot: DataRoot(url: folder), seed: 3) }

    func testRunsStepsInOrderPassesArtifactsAndWritesBack() throws {
        let text = "# Sums\r\n\r\n```yaml load\r\nnumbers: [1, 2, 3]\r\n```\r\n\r\n```yaml train\r\nfactor: 2\r\n```\r\nEnd\r\n"
        let plan = try plan(text)
        XCTAssertTrue(plan.isValid, "\(plan.diagnostics)")
        let run = try ExperimentRunner().run(plan, options: options)
        XCTAssertEqual(run.outputs["train"]?.markdown, "doubled: 12, seed 3")
        XCTAssertTrue(run.fileChanged)
        XCTAssertEqual(run.context.results.title, "Sums")
        XCTAssertEqual(run.context.results.provenance.stepDurations.map(\.step), ["load", "train"])
        XCTAssertEqual(run.context.results.provenance.configs["train"], "factor: 2\n")
        let written = try String(contentsOf: plan.fileURL, encoding: .utf8)
        XCTAssertTrue(written.contains("```\r\n<!-- labbook:output train -->\r\n\r\ndoubled: 12, seed 3\r\n\r\n<!-- labbook:end train -->\r\nEnd\r\n"))
        // Same results: the second run leaves the file byte-identical.
        let again = try ExperimentRunner().run(try ExperimentPlanner(registry: .testing).plan(fileAt: plan.fileURL), options: options)
        XCTAssertFalse(again.fileChanged)
        XCTAssertEqual(try String(contentsOf: plan.fileURL, encoding: .utf8), written)
    }

    func testUnimplementedStepsAreSkippedWithANote() throws {
        let plan = try plan("```yaml cluster\nanything: [goes\n```\n")
        XCTAssertEqual(plan.errors.first?.message.hasPrefix("malformed YAML"), true)
        let skipPlan = try self.plan("```yaml cluster\nk: 3\n```\n```yaml load\nnumbers: [1]\n```\n")
        XCTAssertTrue(skipPlan.isValid)
        XCTAssertEqual(skipPlan.diagnostics.map(\.severity), [.note])
        let run = try ExperimentRunner().run(skipPlan, options: options)
        XCTAssertEqual(run.skipped, ["cluster"])
        XCTAssertEqual(Array(run.outputs.keys), ["load"])
    }

    func testAllErrorsAreReportedInFileOrder() throws {
        let plan = try plan("""
            ```yaml laod
            x: 1
            ```

            ```yaml load
            numbrs: [1]
            ```

            ```yaml train
            factor: many
            ```

            ```yaml load
            numbers: []
            ```
            """)
        XCTAssertEqual(plan.errors.map(\.location.line), [1, 6, 10, 13])
        XCTAssertEqual(plan.errors[0].message.hasPrefix("unknown step `laod` — did you mean `load`?"), true)
        XCTAssertEqual(plan.errors[1].message, "unknown key `numbrs` — did you mean `numbers`?")
        XCTAssertEqual(plan.errors[2].message, "expected an integer for `factor`, got `many`")
        XCTAssertTrue(plan.errors[3].message.hasPrefix("duplicate step `load`"))
    }

    func testCheckErrorsAreLocatedByPath() throws {
        let plan = try plan("Intro\n\n```yaml load\nnumbers: [1]\ndeclared: [a]\nuse: b\n```\n")
        XCTAssertEqual(plan.errors.count, 1)
        XCTAssertEqual(plan.errors.first?.location, SourceLocation(file: "exp.md", line: 6, column: 6))
    }

    func testFailingStepLeavesTheFileUntouched() throws {
        let text = "```yaml load\nnumbers: [1]\n```\n```yaml train\nfactor: 0\n```\n"
        let plan = try plan(text)
        XCTAssertThrowsError(try ExperimentRunner().run(plan, options: options)) { error in
            let failure = error as? StepFailure
            XCTAssertEqual(failure?.diagnostic.location.line, 4)
            XCTAssertEqual(failure?.diagnostic.message, "step `train` failed: factor 0 makes everything zero")
        }
        XCTAssertEqual(try String(contentsOf: plan.fileURL, encoding: .utf8), text)
    }

    func testMissingArtifactAndMissingDataFileMessages() throws {
        XCTAssertThrowsError(try ExperimentRunner().run(try plan("```yaml train\nfactor: 1\n```\n"), options: options)) {
            XCTAssertTrue("\($0)".contains("`total` is not available"))
        }
        XCTAssertThrowsError(try ExperimentRunner().run(try plan("```yaml clean\nfile: deezer/none.csv\n```\n"),
                                                        options: options)) {
            XCTAssertTrue("\($0)".contains("data file not found: \(self.folder.standardizedFileURL.path)/deezer/none.csv"),
                          "\($0)")
        }
        _ = try write("x", name: "present.csv")
        let run = try ExperimentRunner().run(try plan("```yaml clean\nfile: present.csv\n```\n"), options: options)
        XCTAssertEqual(run.context.dataFilesRead, ["present.csv"])
    }

    func testObserverSeesResultsBeforeWriteBack() throws {
        final class Recorder: RunObserver, @unchecked Sendable {
            var titles: [String] = []
            var outputs: [String] = []
            /// The experiment file as the observer found it.
            var fileDuringObserver = ""
            func experimentDidRun(_ run: CompletedRun) throws {
                titles.append(run.context.results.experiment)
                outputs = run.outputs.values.map(\.markdown)
                fileDuringObserver = String(decoding: try Data(contentsOf: run.plan.fileURL), as: UTF8.self)
            }
        }
        let recorder = Recorder()
        let text = "```yaml load\nnumbers: [1, 2]\n```\n"
        let run = try ExperimentRunner(observers: [recorder]).run(try plan(text), options: options)
        XCTAssertEqual(recorder.titles, ["exp"])
        // The observer already has the step's output, while the file does not have it yet ...
        XCTAssertEqual(recorder.outputs, ["| total |\n| --- |\n| 3 |"])
        XCTAssertEqual(recorder.fileDuringObserver, text)
        // ... and write-back comes after it.
        XCTAssertTrue(run.fileChanged)
        let after = String(decoding: try Data(contentsOf: run.plan.fileURL), as: UTF8.self)
        XCTAssertTrue(after.contains("| 3 |"), after)
    }

    func testAFailingObserverStopsWriteBack() throws {
        struct Failing: RunObserver {
            func experimentDidRun(_ run: CompletedRun) throws { throw RunError("cannot save the report") }
        }
        let text = "```yaml load\nnumbers: [1, 2]\n```\n"
        let url = try write(text)
        let plan = try ExperimentPlanner(registry: .testing).plan(fileAt: url, displayName: "exp.md")
        XCTAssertThrowsError(try ExperimentRunner(observers: [Failing()]).run(plan, options: options)) {
            XCTAssertTrue("\($0)".contains("cannot save the report"), "\($0)")
        }
        XCTAssertEqual(String(decoding: try Data(contentsOf: url), as: UTF8.self), text)
    }
}

import XCTest
import Literate
@testable import Config
@testable import Runner
@testable import Steps
@testable import Workflows
import Support
import Results

/// The runner writes outputs back only into the file it planned: a step block edited during the run makes
/// it refuse (the outputs would describe the old configuration), and the file is left as the user saved it.
/// It writes them once: observers and reports get the very text that is saved.
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

    // The run writes its outputs into the experiment once: the file saved and the report rendered are the same
    // text, and each data file is hashed once, for the cache and the provenance alike.

    private var experiment: URL { folder.appendingPathComponent("exp.md") }
    private var options: RunOptions { RunOptions(dataRoot: DataRoot(url: folder), seed: 0) }

    private func plan(_ text: String) throws -> ExperimentPlan {
        try Data(text.utf8).write(to: experiment)
        return try ExperimentPlanner(registry: .testing).plan(fileAt: experiment, displayName: "exp.md")
    }

    /// Records what the observers were given.
    final class Spy: RunObserver, @unchecked Sendable {
        var written: [UInt8] = []
        var onOutputs: () throws -> Void = {}
        var onSave: () throws -> Void = {}
        func outputs(of run: CompletedRun) throws -> [String: StepOutput] {
            try onOutputs()
            return run.outputs
        }
        func experimentDidRun(_ run: CompletedRun) throws {
            written = run.written.lines.bytes
            try onSave()
        }
    }

    func testObserversSeeExactlyTheBytesThatAreSaved() throws {
        let spy = Spy()
        let run = try ExperimentRunner(observers: [spy]).run(try plan(text), options: options)
        XCTAssertTrue(run.fileChanged)
        XCTAssertEqual(try FileRead.bytes(experiment), spy.written)
        XCTAssertEqual(run.written.lines.bytes, spy.written)
        XCTAssertEqual(run.written.stepBlocks.compactMap(\.output).count, 2, "the written text is parsed, outputs and all")
    }

    func testProseEditedDuringTheRunIsInTheReportAsInTheFile() throws {
        let plan = try plan(text)
        let edited = text.replacingOccurrences(of: "# Sums", with: "# Sums\n\nA note added while the steps ran.")
        try Data(edited.utf8).write(to: experiment)
        let reports = folder.appendingPathComponent("reports")
        _ = try ExperimentRunner(observers: [ReportWriter(reportsFolder: reports)]).run(plan, options: options)
        let file = try String(contentsOf: experiment, encoding: .utf8)
        let report = try String(contentsOf: reports.appendingPathComponent("exp.md"), encoding: .utf8)
        XCTAssertTrue(file.contains("A note added while the steps ran."), file)
        XCTAssertTrue(file.contains("<!-- labbook:output train -->"), file)
        XCTAssertTrue(report.hasPrefix(file.replacingOccurrences(of: "\n\n## Report", with: "")
            .trimmingCharacters(in: .newlines)), "the report's workspace is the file as written back:\n\(report)")
    }

    func testAnEditWhileSavingIsKeptAndNotOverwritten() throws {
        let spy = Spy()
        let edited = text + "\nA last-second note.\n"
        spy.onSave = { try Data(edited.utf8).write(to: self.experiment) }
        XCTAssertThrowsError(try ExperimentRunner(observers: [spy]).run(try plan(text), options: options)) {
            XCTAssertEqual("\($0)", "exp.md:1:1: error: the file changed while the outputs were being saved, so they were "
                + "not written back: run it again")
        }
        XCTAssertEqual(try String(contentsOf: experiment, encoding: .utf8), edited)
    }

    func testEachDataFileIsHashedOnceForTheCacheAndTheProvenance() throws {
        let data = folder.appendingPathComponent("rows.csv")
        try Data("a,b\n1,2\n".utf8).write(to: data)
        let spy = Spy()
        // Changes the data file after the step read it: a second hash would disagree with the first.
        spy.onOutputs = { try Data("a,b\n1,2\n3,4\n".utf8).write(to: data) }
        let reports = folder.appendingPathComponent("reports")
        let run = try ExperimentRunner(observers: [spy, ReportWriter(reportsFolder: reports)])
            .run(try plan("# Files\n\n```yaml clean\nfile: rows.csv\n```\n"), options: options)
        let expected = [DataFileHash(path: "rows.csv", sha256: SHA256.hex("a,b\n1,2\n"), bytes: 8)]
        XCTAssertEqual(run.context.results.provenance.dataFiles, expected)
        let saved = try ResultsJSON.read(reports.appendingPathComponent("exp.results.json"))
        XCTAssertEqual(saved.provenance.dataFiles, expected, "the report records the hash the step's cache key used")
    }
}

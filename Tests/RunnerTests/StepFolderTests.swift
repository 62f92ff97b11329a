import Config
import Foundation
import Literate
import Report
import Results
import Runner
import Steps
import XCTest

/// "A step is one folder and one registry line": `ExampleStep` (a type of the tests, not of the tool) is added
/// with one `registering` call, and the planner, checker, runner, step cache and write-back handle it with no
/// other change, and its results section reaches the Report without a line in `Report`. The `labbook` binary does
/// not know it.
final class StepFolderTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("labbook-step-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    private let registry = StepRegistry.standard.registering(ExampleStep.self)

    private func write(_ text: String) throws -> URL {
        let url = folder.appendingPathComponent("exp.md")
        try Data(text.utf8).write(to: url)
        return url
    }

    func testTheStandardRegistryDoesNotShipTheTestStep() {
        XCTAssertNil(StepRegistry.standard.entry(for: "example"))
        XCTAssertFalse(StepRegistry.standard.knownSteps.contains("example"))
        XCTAssertNotNil(registry.entry(for: "example"))
        XCTAssertEqual(Array(registry.knownSteps.prefix(6)), StepRegistry.knownStepNames)
    }

    func testOneRegistryLineMakesTheStepPlannedCheckedRunCachedAndWrittenBack() throws {
        let url = try write("# Example\n\n```yaml example\nnumbers: [2, 3.5]\nmode: product\nlabel: area\n```\n")
        let plan = try ExperimentPlanner(registry: registry).plan(fileAt: url, displayName: "exp.md")
        XCTAssertEqual(plan.errors, [])
        XCTAssertEqual(plan.steps.map(\.name), ["example"])

        let cache = StepCache(folder: folder.appendingPathComponent("cache"))
        let options = RunOptions(dataRoot: DataRoot(url: folder), seed: 1, cache: CacheSettings(cache: cache))
        let first = try ExperimentRunner().run(plan, options: options)
        XCTAssertEqual(first.outputs["example"]?.markdown, "area: 7.0")
        XCTAssertEqual(first.cacheReports.map(\.reused), [false])
        let written = String(decoding: try Data(contentsOf: url), as: UTF8.self)
        XCTAssertTrue(written.contains("area: 7.0"), written)

        // Its codec makes it cacheable: the second run reuses it.
        let again = try ExperimentPlanner(registry: registry).plan(fileAt: url, displayName: "exp.md")
        let second = try ExperimentRunner().run(again, options: options)
        XCTAssertEqual(second.cacheReports.map(\.reused), [true])
        XCTAssertEqual(second.outputs["example"]?.markdown, "area: 7.0")
    }

    func testItsResultsSectionIsCachedAndAppearsInTheReportWithoutALineInReport() throws {
        let url = try write("# Example\n\n```yaml example\nnumbers: [2, 3.5]\nmode: product\nlabel: area\n```\n")
        let cache = StepCache(folder: folder.appendingPathComponent("cache"))
        let options = RunOptions(dataRoot: DataRoot(url: folder), seed: 1, cache: CacheSettings(cache: cache))
        let first = try ExperimentRunner().run(try ExperimentPlanner(registry: registry).plan(fileAt: url, displayName: "exp.md"),
                                               options: options)
        let section = ResultsSection(step: "example", title: "Example product", markdown: "area: 7.0")
        XCTAssertEqual(first.context.results.sections, [section])

        // Restored from the cache, the step's slot comes back with no line for it in the cache.
        let second = try ExperimentRunner().run(try ExperimentPlanner(registry: registry).plan(fileAt: url, displayName: "exp.md"),
                                                options: options)
        XCTAssertEqual(second.cacheReports.map(\.reused), [true])
        XCTAssertEqual(second.context.results.sections, [section])

        // Its section is in the Report when the workspace does not show its output block; under the step otherwise.
        let bare = ReportRenderer.markdown(ReportInput(results: second.context.results, experimentMarkdown: "# Example\n"))
        XCTAssertTrue(bare.contains("## Report\n\n"), bare)
        XCTAssertTrue(bare.contains("\n### Example product\n\narea: 7.0\n\n### Discussion\n"), bare)
        XCTAssertTrue(ReportRenderer.html(ReportInput(results: second.context.results, experimentMarkdown: "# Example\n"))
            .contains("<h3 id=\"step-example\">Example product</h3>\n<p>area: 7.0</p>"))
        let written = String(decoding: try Data(contentsOf: url), as: UTF8.self)
        let shown = ReportRenderer.markdown(ReportInput(results: second.context.results, experimentMarkdown: written))
        XCTAssertFalse(shown.contains("### Example product"), shown)
        XCTAssertEqual(shown.components(separatedBy: "area: 7.0").count, 2, "once, under the step: \(shown)")
    }

    func testItsConfigIsCheckedLikeEveryStepsWithPositionsAndSuggestions() throws {
        let url = try write("# Example\n\n```yaml example\nmode: sum\nnumbrs: [1]\n```\n")
        let plan = try ExperimentPlanner(registry: registry).plan(fileAt: url, displayName: "exp.md")
        XCTAssertEqual(plan.errors.map(\.description), ["exp.md:5:1: error: unknown key `numbrs` — did you mean `numbers`?"])

        let empty = try write("```yaml example\nnumbers: []\nmode: sum\n```\n")
        let checked = try ExperimentPlanner(registry: registry).plan(fileAt: empty, displayName: "exp.md")
        XCTAssertEqual(checked.errors.map(\.message), ["`numbers` needs at least one number"])
    }

    func testWithoutTheRegistryLineTheStepIsUnknown() throws {
        let url = try write("```yaml example\nnumbers: [1]\nmode: sum\n```\n")
        let plan = try ExperimentPlanner(registry: .standard).plan(fileAt: url, displayName: "exp.md")
        XCTAssertEqual(plan.errors.count, 1)
        XCTAssertTrue(plan.errors[0].message.contains("unknown step `example`"), plan.errors[0].message)
    }
}

import SyntheticStudy
import XCTest
import Literate
import Results
@testable import Config
@testable import Runner
@testable import Steps
@testable import Workflows
import Support

final class OverrideTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("labbook-overrides-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    private let text = "# Sums\n\n```yaml load\nnumbers: [1, 2, 3]\n```\n\n```yaml train\nfactor: 2\n```\n"

    private func plan(_ sets: [String]) throws -> ExperimentPlan {
        let url = folder.appendingPathComponent("exp.md")
        try Data(text.utf8).write(to: url)
        let overrides = try sets.map(Override.parse)
        return try ExperimentPlanner(registry: .testing, overrides: overrides).plan(fileAt: url, displayName: "exp.md")
    }

    func testParsesStepPathAndValues() throws {
        let single = try Override.parse("train.models.hgb.params.learning_rate=0.05")
        XCTAssertEqual(single, Override(step: "train", path: "models.hgb.params.learning_rate", values: ["0.05"]))
        XCTAssertFalse(single.isSweep)
        let sweep = try Override.parse("train.models.mlp.params.hidden_layer_sizes=[64, 32],[128],'a,b'")
        XCTAssertEqual(sweep.values, ["[64, 32]", "[128]", "'a,b'"])
        XCTAssertEqual(sweep.text, "train.models.mlp.params.hidden_layer_sizes=[64, 32],[128],'a,b'")
        XCTAssertThrowsError(try Override.parse("train.factor"))
        XCTAssertThrowsError(try Override.parse("factor=2"))
        XCTAssertThrowsError(try Override.parse("train.factor=1,,2"))
    }

    func testCombinationsAreTheCartesianProductInOrder() throws {
        let combos = Override.combinations([try Override.parse("a.x=1,2"), try Override.parse("b.y=3"),
                                            try Override.parse("c.z=4,5")])
        XCTAssertEqual(combos.map { $0.map(\.text) }, [
            ["a.x=1", "b.y=3", "c.z=4"], ["a.x=1", "b.y=3", "c.z=5"],
            ["a.x=2", "b.y=3", "c.z=4"], ["a.x=2", "b.y=3", "c.z=5"],
        ])
    }

    func testUnknownKeyFailsWithASuggestionAtTheBlock() throws {
        let plan = try plan(["train.factr=3"])
        XCTAssertEqual(plan.errors.map(\.description), [
            "exp.md:7:9: error: unknown key `factr` — did you mean `factor`? (from `--set train.factr=3`)",
        ])
    }

    func testWrongTypeFailsNamingTheOverride() throws {
        let plan = try plan(["load.numbers[1]=many"])
        XCTAssertEqual(plan.errors.map(\.message),
                       ["expected an integer for `numbers[1]`, got `many` (from `--set load.numbers[1]=many`)"])
    }

    func testUnknownStepAndMissingBlockAreErrors() throws {
        XCTAssertEqual(try plan(["trian.factor=3"]).errors.map(\.message), [
            "`--set trian.factor=3`: there is no step `trian` — did you mean `train`? (steps in this file: load, train)",
        ])
        XCTAssertEqual(try plan(["evaluate.bootstrap=100"]).errors.count, 1)
    }

    func testValidOverrideChangesTheResultIsRecordedAndIsNotWrittenBack() throws {
        let plan = try plan(["train.factor=5", "load.numbers=[10, 20]"])
        XCTAssertTrue(plan.isValid, "\(plan.diagnostics)")
        XCTAssertEqual(plan.overrides, ["train.factor=5", "load.numbers=[10, 20]"])
        let run = try ExperimentRunner().run(plan, options: RunOptions(dataRoot: DataRoot(url: folder), seed: 1))
        XCTAssertEqual(run.outputs["train"]?.markdown, "doubled: 150, seed 1")
        XCTAssertEqual(run.context.results.provenance.overrides, ["train.factor=5", "load.numbers=[10, 20]"])
        XCTAssertFalse(run.fileChanged)
        XCTAssertEqual(try String(contentsOf: plan.fileURL, encoding: .utf8), text)
    }

    func testModelHyperparametersAreCheckedAgainstTheModelKind() throws {
        let url = folder.appendingPathComponent("train.md")
        try Data("# T\n\n```yaml train\nmodels:\n  hgb: {kind: hist_gradient_boosting}\n```\n".utf8).write(to: url)
        func errors(_ set: String) throws -> [String] {
            try ExperimentPlanner(registry: .standard, overrides: [Override.parse(set)])
                .plan(fileAt: url, displayName: "train.md").errors.map(\.description)
        }
        XCTAssertEqual(try errors("train.models.hgb.params.learning_rat=0.05"), [
            "train.md:3:9: error: unknown key `learning_rat` in `models.hgb.params` — did you mean `learning_rate`? "
                + "(from `--set train.models.hgb.params.learning_rat=0.05`)",
        ])
        XCTAssertEqual(try errors("train.models.hgb.params.learning_rate=fast"), [
            "train.md:3:9: error: expected a number for `models.hgb.params.learning_rate`, got `fast` "
                + "(from `--set train.models.hgb.params.learning_rate=fast`)",
        ])
        XCTAssertEqual(try errors("train.models.hgb.params.learning_rate=0.05"), [])
    }

    func testSweepTableHasOneRowPerValue() throws {
        func results(_ r: Double) -> RunResults { TestResults.make([("hgb", "valence", r)]) }
        let sweep = try Override.parse("train.models.hgb.params.learning_rate=0.05,0.1")
        let runs = Override.combinations([sweep]).enumerated().map { i, combo in
            SweepRun(overrides: combo, results: results(i == 0 ? 0.41 : 0.4349))
        }
        let markdown = SweepReport.markdown(experiment: "x", swept: [sweep], runs: runs)
        XCTAssertTrue(markdown.contains("| train.models.hgb.params.learning_rate | valence · official |"), markdown)
        XCTAssertTrue(markdown.contains("| `0.05` | 0.410 |"), markdown)
        XCTAssertTrue(markdown.contains("| `0.1` | 0.435 |"), markdown)
        XCTAssertEqual(SweepReport.focusModel([sweep]), "hgb")
    }
}

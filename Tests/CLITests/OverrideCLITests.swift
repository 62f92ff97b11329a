import Foundation
import XCTest

/// `labbook run --set`, `compare` and (on the real data) `run` + `predict` through the built binary.
final class OverrideCLITests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("labbook-override-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try write("t.csv", "id,x,y\n1,0.5,1\n2,0.7,2\n3,0.1,3\n")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    var repository: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    func labbook(_ arguments: [String]) throws -> CLIHarness.Outcome {
        try CLIHarness(existing: folder).run(arguments)
    }

    func write(_ name: String, _ text: String) throws {
        let url = folder.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func read(_ name: String) throws -> String {
        try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
    }

    private let example = "# Load\n\n```yaml load\nsources:\n  t:\n    files: [t.csv]\ntargets: [y]\n```\n"

    func testUnknownKeyAndWrongTypeFailWithSuggestions() throws {
        try write("x.md", example)
        let unknown = try labbook(["run", "--data", ".", "x.md", "--set", "load.tragets=[x]"])
        XCTAssertEqual(unknown.status, 2)
        XCTAssertEqual(unknown.stderr,
                       "x.md:3:9: error: unknown key `tragets` — did you mean `targets`? (from `--set load.tragets=[x]`)\n")
        let wrong = try labbook(["run", "--data", ".", "x.md", "--set", "load.targets=many"])
        XCTAssertEqual(wrong.status, 2)
        XCTAssertTrue(wrong.stderr.contains("expected a list for `targets`, got `many` (from `--set load.targets=many`)"),
                      wrong.stderr)
        let value = try labbook(["run", "--data", ".", "x.md", "--set", "load.sources.t.types.x=numerc"])
        XCTAssertTrue(value.stderr.contains("did you mean `numeric`?"), value.stderr)
        XCTAssertEqual(try read("x.md"), example)
    }

    func testValidOverrideChangesTheResultAndIsRecordedNotWrittenBack() throws {
        try write("x.md", example)
        let outcome = try labbook(["run", "--data", ".", "x.md", "--set", "load.targets=[x]"])
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        XCTAssertTrue(outcome.stdout.contains("not written back"), outcome.stdout)
        XCTAssertEqual(try read("x.md"), example)
        let results = try read("reports/x.results.json")
        XCTAssertTrue(results.contains("load.targets=[x]"), results)
        // The report describes the overridden target: x's mean, (0.5 + 0.7 + 0.1) / 3.
        let report = try read("reports/x.md")
        XCTAssertTrue(report.contains("| x | 0.433 |"), report)
        XCTAssertTrue(try read("reports/x.md").contains("load.targets=[x]"))
    }

    func testSweepRunsEveryValueAndWritesATable() throws {
        try write("x.md", example)
        let outcome = try labbook(["run", "--data", ".", "x.md", "--set", "load.targets=[x],[y]",
                                   "--set", "load.select=[id, x, y],[x, y]"])
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        XCTAssertEqual(outcome.stdout.components(separatedBy: "not written back").count - 1, 4, outcome.stdout)
        let table = try read("reports/x.sweep.md")
        XCTAssertTrue(table.contains("| load.targets | load.select |"), table)
        for row in ["| `[x]` | `[id, x, y]` |", "| `[x]` | `[x, y]` |", "| `[y]` | `[id, x, y]` |", "| `[y]` | `[x, y]` |"] {
            XCTAssertTrue(table.contains(row), table)
        }
        let runs = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(read("reports/x.sweep.json").utf8)) as? [[String: Any]])
        XCTAssertEqual(runs.compactMap { ($0["provenance"] as? [String: Any])?["overrides"] as? [String] }.last,
                       ["load.targets=[y]", "load.select=[x, y]"])
        XCTAssertEqual(try read("x.md"), example)
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("reports/x.results.json").path))
    }

    func testCompareShowsMetricAndConfigDifferences() throws {
        try write("x.md", example)
        XCTAssertEqual(try labbook(["run", "--data", ".", "x.md"]).status, 0)
        try FileManager.default.moveItem(at: folder.appendingPathComponent("reports/x.results.json"),
                                         to: folder.appendingPathComponent("before.results.json"))
        XCTAssertEqual(try labbook(["run", "--data", ".", "x.md", "--set", "load.targets=[x]"]).status, 0)
        let compare = try labbook(["compare", "before.results.json", "x"])
        XCTAssertEqual(compare.status, 0, compare.stderr)
        XCTAssertTrue(compare.stdout.contains("| `load.targets` | `[y]` | `[x]` |"), compare.stdout)
        XCTAssertEqual(try labbook(["compare", "x", "missing"]).status, 2)
    }
}

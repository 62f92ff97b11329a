import Foundation
import XCTest

/// `labbook run --set`, `compare` and (on the real data) `run` + `predict` through the built binary.
final class OverrideCLITests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("labbook-override-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    var repository: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    func labbook(_ arguments: [String]) throws -> CLIHarness.Outcome {
        try CLIHarness(existing: folder).run(arguments, environment: ["LABBOOK_EXAMPLE_STEP": "1"])
    }

    func write(_ name: String, _ text: String) throws {
        let url = folder.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func read(_ name: String) throws -> String {
        try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
    }

    private let example = "# Sum\n\n```yaml example\nnumbers: [1, 2.5]\nmode: sum\n```\n"

    func testUnknownKeyAndWrongTypeFailWithSuggestions() throws {
        try write("x.md", example)
        let unknown = try labbook(["run", "x.md", "--set", "example.mdoe=product"])
        XCTAssertEqual(unknown.status, 2)
        XCTAssertEqual(unknown.stderr,
                       "x.md:3:9: error: unknown key `mdoe` — did you mean `mode`? (from `--set example.mdoe=product`)\n")
        let wrong = try labbook(["run", "x.md", "--set", "example.numbers=many"])
        XCTAssertEqual(wrong.status, 2)
        XCTAssertTrue(wrong.stderr.contains("expected a list for `numbers`, got `many` (from `--set example.numbers=many`)"),
                      wrong.stderr)
        let value = try labbook(["run", "x.md", "--set", "example.mode=prodct"])
        XCTAssertTrue(value.stderr.contains("did you mean `product`?"), value.stderr)
        XCTAssertEqual(try read("x.md"), example)
    }

    func testValidOverrideChangesTheResultAndIsRecordedNotWrittenBack() throws {
        try write("x.md", example)
        let outcome = try labbook(["run", "x.md", "--set", "example.mode=product", "--set", "example.label=times"])
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        XCTAssertTrue(outcome.stdout.contains("not written back"), outcome.stdout)
        XCTAssertEqual(try read("x.md"), example)
        let results = try read("reports/x.results.json")
        XCTAssertTrue(results.contains("example.mode=product"), results)
        XCTAssertTrue(try read("reports/x.md").contains("times: 2.5"))
        XCTAssertTrue(try read("reports/x.md").contains("example.mode=product"))
    }

    func testSweepRunsEveryValueAndWritesATable() throws {
        try write("x.md", example)
        let outcome = try labbook(["run", "x.md", "--set", "example.numbers=[1, 2],[5]", "--set", "example.mode=sum,product"])
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        XCTAssertEqual(outcome.stdout.components(separatedBy: "not written back").count - 1, 4, outcome.stdout)
        let table = try read("reports/x.sweep.md")
        XCTAssertTrue(table.contains("| example.numbers | example.mode |"), table)
        for row in ["| `[1, 2]` | `sum` |", "| `[1, 2]` | `product` |", "| `[5]` | `sum` |", "| `[5]` | `product` |"] {
            XCTAssertTrue(table.contains(row), table)
        }
        let runs = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(read("reports/x.sweep.json").utf8)) as? [[String: Any]])
        XCTAssertEqual(runs.compactMap { ($0["provenance"] as? [String: Any])?["overrides"] as? [String] }.last,
                       ["example.numbers=[5]", "example.mode=product"])
        XCTAssertEqual(try read("x.md"), example)
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("reports/x.results.json").path))
    }

    func testCompareShowsMetricAndConfigDifferences() throws {
        try write("x.md", example)
        XCTAssertEqual(try labbook(["run", "x.md"]).status, 0)
        try FileManager.default.moveItem(at: folder.appendingPathComponent("reports/x.results.json"),
                                         to: folder.appendingPathComponent("before.results.json"))
        XCTAssertEqual(try labbook(["run", "x.md", "--set", "example.numbers=[3]"]).status, 0)
        let compare = try labbook(["compare", "before.results.json", "x"])
        XCTAssertEqual(compare.status, 0, compare.stderr)
        XCTAssertTrue(compare.stdout.contains("| `example.numbers` | `[1, 2.5]` | `[3]` |"), compare.stdout)
        XCTAssertEqual(try labbook(["compare", "x", "missing"]).status, 2)
    }
}

import Foundation
import XCTest

/// Runs the built `labbook` binary and checks its output and exit codes.
final class CLITests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("labbook-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    private func labbook(_ arguments: [String]) throws -> CLIHarness.Outcome {
        try CLIHarness(existing: folder).run(arguments, environment: ["LABBOOK_EXAMPLE_STEP": "1"])
    }

    private func file(_ name: String, _ text: String) throws {
        try Data(text.utf8).write(to: folder.appendingPathComponent(name))
    }

    /// Checks a one-file experiment and returns its error output, asserting exit code 2.
    private func checkFails(_ text: String, line: UInt = #line) throws -> String {
        try file("x.md", text)
        let outcome = try labbook(["check", "x.md"])
        XCTAssertEqual(outcome.status, 2, outcome.stderr, line: line)
        return outcome.stderr
    }

    func testHelpShowsAnExample() throws {
        let outcome = try labbook(["--help"])
        XCTAssertEqual(outcome.status, 0)
        XCTAssertTrue(outcome.stdout.contains("labbook init my-study && cd my-study && labbook run"), outcome.stdout)
        XCTAssertTrue(outcome.stdout.contains("labbook check experiments/"))
        XCTAssertTrue(outcome.stdout.contains("check"))
    }

    func testGoodFileExitsZero() throws {
        try file("good.md", "# Good\n\n```yaml example\nnumbers: [1, 2.5]\nmode: sum\n```\n")
        let outcome = try labbook(["check", "good.md"])
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        XCTAssertEqual(outcome.stdout, "good.md: ok (example)\n")
    }

    func testMisspelledKeyPointsAtTheKeyWithSuggestion() throws {
        let stderr = try checkFails("# T\n\nText.\n\n```yaml example\nmode: sum\nnumbrs: [1]\n```\n")
        XCTAssertEqual(stderr, "x.md:7:1: error: unknown key `numbrs` — did you mean `numbers`?\n")
    }

    func testUnknownKeyWithoutCloseMatch() throws {
        let stderr = try checkFails("```yaml example\nnumbers: [1]\nmode: sum\n  \ncolour: red\n```\n")
        XCTAssertEqual(stderr, "x.md:5:1: error: unknown key `colour` (valid keys: numbers, mode, label, file)\n")
    }

    func testUnknownStep() throws {
        let stderr = try checkFails("```yaml trian\nx: 1\n```\n")
        XCTAssertTrue(stderr.hasPrefix("x.md:1:9: error: unknown step `trian` — did you mean `train`?"), stderr)
    }

    func testWrongTypeAndInvalidValue() throws {
        let stderr = try checkFails("- item\n\n  ```yaml example\n  numbers: [1, two]\n  mode: sun\n  ```\n")
        XCTAssertEqual(stderr, "x.md:4:16: error: expected a number for `numbers[1]`, got `two`\n")
        let invalid = try checkFails("```yaml example\nnumbers: [1]\nmode: sun\n```\n")
        XCTAssertEqual(invalid,
            "x.md:3:7: error: invalid value `sun` for `mode` — did you mean `sum`? (expected one of: sum, product)\n")
    }

    func testMissingKeyAndCheckError() throws {
        let stderr = try checkFails("```yaml example\nnumbers: [1]\n```\n")
        XCTAssertEqual(stderr, "x.md:2:1: error: missing required key `mode`\n")
        let empty = try checkFails("```yaml example\nnumbers: []\nmode: sum\n```\n")
        XCTAssertEqual(empty, "x.md:2:10: error: `numbers` needs at least one number\n")
    }

    func testMalformedYAML() throws {
        let stderr = try checkFails("# T\n```yaml example\nnumbers: [1, 2\nmode: sum\n```\n")
        XCTAssertTrue(stderr.hasPrefix("x.md:"), stderr)
        XCTAssertTrue(stderr.contains(": error: malformed YAML:"), stderr)
    }

    func testUnterminatedFence() throws {
        let stderr = try checkFails("# T\n\n```yaml example\nnumbers: [1]\nmode: sum\n\nMore prose.\n")
        XCTAssertTrue(stderr.hasPrefix("x.md:3:1: error: unterminated code fence"), stderr)
    }

    func testDuplicateStepReportsAllErrors() throws {
        let stderr = try checkFails("""
            ```yaml example
            numbers: [1]
            mode: sum
            ```

            ```yaml example
            numbers: [2]
            mode: product
            ```

            ```yaml lod
            ```
            """)
        XCTAssertEqual(stderr.split(separator: "\n").count, 2, stderr)
        XCTAssertTrue(stderr.hasPrefix("x.md:6:9: error: duplicate step `example`: it is already configured at line 1"))
        XCTAssertTrue(stderr.contains("x.md:11:9: error: unknown step `lod` — did you mean `load`?"))
    }

    func testUsageErrorsExitTwo() throws {
        XCTAssertEqual(try labbook(["check"]).status, 2)
        XCTAssertEqual(try labbook(["check", "missing.md"]).status, 2)
        XCTAssertEqual(try labbook(["frobnicate"]).status, 2)
    }

    func testRunWritesBackOnceAndFailuresExitOne() throws {
        let text = "# Run\r\n\r\n```yaml example\r\nnumbers: [2, 3]\r\nmode: product\r\n```\r\nAfter\r\n"
        try file("run.md", text)
        let first = try labbook(["run", "."])
        XCTAssertEqual(first.status, 0, first.stderr)
        let written = try String(contentsOf: folder.appendingPathComponent("run.md"), encoding: .utf8)
        XCTAssertEqual(written, "# Run\r\n\r\n```yaml example\r\nnumbers: [2, 3]\r\nmode: product\r\n```\r\n"
                       + "<!-- labbook:output example -->\r\n\r\nproduct: 6.0\r\n\r\n<!-- labbook:end example -->\r\nAfter\r\n")
        XCTAssertEqual(try labbook(["run", "run.md"]).status, 0)
        XCTAssertEqual(try String(contentsOf: folder.appendingPathComponent("run.md"), encoding: .utf8), written)

        try file("fail.md", "```yaml example\nnumbers: [1]\nmode: sum\nfile: deezer/none.csv\n```\n")
        let failed = try labbook(["run", "--data", "nowhere", "fail.md"])
        XCTAssertEqual(failed.status, 1)
        let expectedPath = folder.standardizedFileURL.path + "/nowhere/deezer/none.csv"
        XCTAssertTrue(failed.stderr.contains("fail.md:1:9: error: step `example` failed: data file not found: \(expectedPath)"),
                      failed.stderr)
    }
}

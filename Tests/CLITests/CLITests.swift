import Foundation
import XCTest

/// Runs the built `labbook` binary and checks its output and exit codes.
final class CLITests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("labbook-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try file("t.csv", "id,x,y\n1,0.5,1\n2,0.7,2\n3,0.1,3\n")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    private func labbook(_ arguments: [String]) throws -> CLIHarness.Outcome {
        try CLIHarness(existing: folder).run(arguments)
    }

    private func file(_ name: String, _ text: String) throws {
        try Data(text.utf8).write(to: folder.appendingPathComponent(name))
    }

    /// A load step over `t.csv` (columns id, x, y), with `extra` lines appended to its block.
    private func load(_ extra: String = "targets: [y]\n") -> String {
        "```yaml load\nsources:\n  t:\n    files: [t.csv]\n" + extra + "```\n"
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
        try file("good.md", "# Good\n\n" + load())
        let outcome = try labbook(["check", "good.md"])
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        XCTAssertEqual(outcome.stdout, "good.md: ok (load)\n")
    }

    func testYAMLEncodingVariableDoesNotReachStandardOutput() throws {
        try file("good.md", "# Good\n\n" + load())
        let outcome = try CLIHarness(existing: folder).run(["check", "good.md"],
                                                           environment: ["YAMS_DEFAULT_ENCODING": "UTF16"])
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        XCTAssertEqual(outcome.stdout, "good.md: ok (load)\n")
    }

    func testCheckRejectsALoadBlockWithoutTargets() throws {
        let stderr = try checkFails("# T\n\n" + load(""))
        XCTAssertTrue(stderr.hasPrefix("x.md:4:1: "), stderr)
        XCTAssertTrue(stderr.contains("error: declare the target columns in `targets`"), stderr)
        XCTAssertEqual(stderr.split(separator: "\n").count, 1, stderr)
    }

    /// The load step's own checks point at the offending key or value, like the decoder's errors.
    func testLoadCheckErrorsPointAtTheKey() throws {
        let twice = try checkFails(load("    split_column: part\n  u:\n    files: [u.csv, u.csv]\njoin: {left: t, right: v, on: k}\n"
                                        + "targets: [y]\n"))
        XCTAssertEqual(twice, "x.md:7:12: error: source `u` lists a file twice: list each file once\n")
        let unknown = try checkFails(load("  u:\n    file: u.csv\njoin: {left: t, right: v, on: k}\ntargets: [y]\n"))
        XCTAssertEqual(unknown, "x.md:7:24: error: join refers to `v`, which is not a source (sources: t, u)\n")
        let both = try checkFails(load("    file: t.csv\ntargets: [y]\n"))
        XCTAssertEqual(both, "x.md:4:12: error: a source has both `file` and `files`: give one\n")
        let standardized = try checkFails(load("targets:\n  - y\n  - {name: z, standardize: {by: y}}\n"))
        XCTAssertEqual(standardized, "x.md:7:33: error: target `z` is standardized within groups of `y`, which is a target\n")
    }

    func testMisspelledKeyPointsAtTheKeyWithSuggestion() throws {
        let stderr = try checkFails("# T\n\nText.\n\n" + load("targts: [y]\n"))
        XCTAssertEqual(stderr, "x.md:9:1: error: unknown key `targts` — did you mean `targets`?\n")
    }

    func testUnknownKeyWithoutCloseMatch() throws {
        let stderr = try checkFails(load("  \ncolour: red\n"))
        XCTAssertEqual(stderr, "x.md:6:1: error: unknown key `colour` (valid keys: sources, join, where, select, rename, targets)\n")
    }

    func testUnknownStep() throws {
        let stderr = try checkFails("```yaml trian\nx: 1\n```\n")
        XCTAssertTrue(stderr.hasPrefix("x.md:1:9: error: unknown step `trian` — did you mean `train`?"), stderr)
    }

    func testWrongTypeAndInvalidValue() throws {
        let stderr = try checkFails("- item\n\n  ```yaml load\n  sources:\n    t:\n      files: [t.csv]\n"
                                    + "      trim_whitespace: maybe\n  targets: [y]\n  ```\n")
        XCTAssertEqual(stderr, "x.md:7:24: error: expected true or false for `sources.t.trim_whitespace`, got `maybe`\n")
        // Values of the libraries' own enums (a column kind, ragged rows) get the config enums' message.
        let kind = try checkFails(load("    types: {x: numerc}\ntargets: [y]\n"))
        XCTAssertEqual(kind, "x.md:5:16: error: invalid value `numerc` for `sources.t.types.x` — did you mean `numeric`? "
                       + "(expected one of: numeric, text, list)\n")
        let ragged = try checkFails(load("    ragged_rows: pad\ntargets: [y]\n"))
        XCTAssertEqual(ragged, "x.md:5:18: error: invalid value `pad` for `sources.t.ragged_rows` (expected one of: error, skip)\n")
    }

    func testMissingKeyAndCheckError() throws {
        let stderr = try checkFails("```yaml load\ntargets: [y]\n```\n")
        XCTAssertEqual(stderr, "x.md:2:1: error: missing required key `sources`\n")
        let empty = try checkFails("```yaml load\nsources: {}\ntargets: [y]\n```\n")
        XCTAssertEqual(empty, "x.md:2:10: error: declare at least one source under `sources`\n")
    }

    func testMalformedYAML() throws {
        let stderr = try checkFails("# T\n```yaml load\ntargets: [y, x\nsources: {}\n```\n")
        XCTAssertTrue(stderr.hasPrefix("x.md:"), stderr)
        XCTAssertTrue(stderr.contains(": error: malformed YAML:"), stderr)
    }

    func testUnterminatedFence() throws {
        let stderr = try checkFails("# T\n\n```yaml load\ntargets: [y]\n\nMore prose.\n")
        XCTAssertTrue(stderr.hasPrefix("x.md:3:1: error: unterminated code fence"), stderr)
    }

    func testDuplicateStepReportsAllErrors() throws {
        let stderr = try checkFails("""
            ```yaml load
            sources: {t: {files: [t.csv]}}
            targets: [y]
            ```

            ```yaml load
            sources: {t: {files: [t.csv]}}
            targets: [x]
            ```

            ```yaml lod
            ```
            """)
        XCTAssertEqual(stderr.split(separator: "\n").count, 2, stderr)
        XCTAssertTrue(stderr.hasPrefix("x.md:6:9: error: duplicate step `load`: it is already configured at line 1"))
        XCTAssertTrue(stderr.contains("x.md:11:9: error: unknown step `lod` — did you mean `load`?"))
    }

    func testUsageErrorsExitTwo() throws {
        XCTAssertEqual(try labbook(["check"]).status, 2)
        XCTAssertEqual(try labbook(["check", "missing.md"]).status, 2)
        XCTAssertEqual(try labbook(["frobnicate"]).status, 2)
    }

    func testRunWritesBackOnceAndFailuresExitOne() throws {
        let block = "```yaml load\r\nsources:\r\n  t:\r\n    files: [t.csv]\r\ntargets: [y]\r\n```\r\n"
        try file("run.md", "# Run\r\n\r\n" + block + "After\r\n")
        let first = try labbook(["run", "--data", ".", "run.md"])
        XCTAssertEqual(first.status, 0, first.stderr)
        let written = try String(contentsOf: folder.appendingPathComponent("run.md"), encoding: .utf8)
        // The output block follows the step's block, with the file's own CRLF line ends.
        XCTAssertTrue(written.hasPrefix("# Run\r\n\r\n" + block + "<!-- labbook:output load -->\r\n\r\n**3 rows × 3 columns.**\r\n"),
                      written)
        XCTAssertTrue(written.hasSuffix("<!-- labbook:end load -->\r\nAfter\r\n"), written)
        XCTAssertFalse(written.replacingOccurrences(of: "\r\n", with: "").contains("\n"), written)
        XCTAssertEqual(try labbook(["run", "--data", ".", "run.md"]).status, 0)
        XCTAssertEqual(try String(contentsOf: folder.appendingPathComponent("run.md"), encoding: .utf8), written)

        try file("fail.md", "```yaml load\nsources: {t: {files: [deezer/none.csv]}}\ntargets: [y]\n```\n")
        let failed = try labbook(["run", "--data", "nowhere", "fail.md"])
        XCTAssertEqual(failed.status, 1)
        let expectedPath = folder.standardizedFileURL.path + "/nowhere/deezer/none.csv"
        XCTAssertTrue(failed.stderr.contains("fail.md:1:9: error: step `load` failed: data file not found: \(expectedPath)"),
                      failed.stderr)
    }
}

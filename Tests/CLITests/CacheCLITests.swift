import Foundation
import XCTest

/// `labbook run --explain/--no-cache/--quiet/--verbose` and `labbook render`, through the built binary.
final class CacheCLITests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("labbook-cache-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("data"), withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    private func labbook(_ arguments: [String]) throws -> CLIHarness.Outcome {
        try CLIHarness(existing: folder).run(arguments)
    }

    private func file(_ name: String, _ text: String) throws {
        try Data(text.utf8).write(to: folder.appendingPathComponent(name))
    }

    /// A one-step experiment loading `n.csv` (columns a, b) with these targets.
    private func experiment(_ targets: String) throws {
        try file("x.md", "# X\n\n```yaml load\nsources:\n  n:\n    files: [n.csv]\ntargets: \(targets)\n```\n")
    }

    func testExplainSaysWhatWasReusedAndWhy() throws {
        try file("data/n.csv", "a,b\n1,2\n3,5\n4,4\n")
        try experiment("[a]")
        let first = try labbook(["run", "--data", "data", "--explain", "x.md"])
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertTrue(first.stdout.contains("  load: ran (no cached result)"), first.stdout)
        let second = try labbook(["run", "--data", "data", "--explain", "x.md"])
        XCTAssertTrue(second.stdout.contains("x.md: 1 steps run (1 reused from the cache)"), second.stdout)
        XCTAssertTrue(second.stdout.contains("  load: reused (unchanged)"), second.stdout)
        try file("data/n.csv", "a,b\n1,2\n3,5\n4,6\n")
        let data = try labbook(["run", "--data", "data", "--explain", "x.md"])
        XCTAssertTrue(data.stdout.contains("  load: ran (data file n.csv changed)"), data.stdout)
        try experiment("[a, b]")
        let config = try labbook(["run", "--data", "data", "--explain", "x.md"])
        XCTAssertTrue(config.stdout.contains("  load: ran (config key load.targets changed [a] → [a, b])"), config.stdout)
        let forced = try labbook(["run", "--data", "data", "--explain", "--no-cache", "x.md"])
        XCTAssertTrue(forced.stdout.contains("  load: ran (--no-cache)"), forced.stdout)
        XCTAssertEqual(try labbook(["why", "--data", "data", "x.md"]).stdout, "x.md:\n  load: would be reused (unchanged)\n")
        try experiment("[b]")
        let why = try labbook(["why", "--data", "data", "x.md"])
        XCTAssertEqual(why.stdout, "x.md:\n  load: would run (config key load.targets changed [a, b] → [b])\n", why.stderr)
        XCTAssertFalse(try String(contentsOf: folder.appendingPathComponent("x.md"), encoding: .utf8).contains("labbook:output"))
    }

    func testRenderRebuildsReportsFromTheCacheOnly() throws {
        try file("data/n.csv", "a,b\n1,2\n3,5\n4,4\n")
        try experiment("[a]")
        XCTAssertEqual(try labbook(["run", "--data", "data", "x.md"]).status, 0)
        let report = folder.appendingPathComponent("reports/x.md")
        let fresh = try String(contentsOf: report, encoding: .utf8)
        try FileManager.default.removeItem(at: folder.appendingPathComponent("reports"))
        let before = try String(contentsOf: folder.appendingPathComponent("x.md"), encoding: .utf8)
        let render = try labbook(["render", "--data", "data", "x.md"])
        XCTAssertEqual(render.status, 0, render.stderr)
        XCTAssertEqual(render.stdout, "x.md: reports rebuilt from the cache\n")
        let rebuilt = try String(contentsOf: report, encoding: .utf8)
        let withoutRunLine = { (text: String) in text.split(separator: "\n").filter { !$0.hasPrefix("Run ") } }
        XCTAssertEqual(withoutRunLine(rebuilt), withoutRunLine(fresh))
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder.appendingPathComponent("reports/index.html").path))
        XCTAssertEqual(try String(contentsOf: folder.appendingPathComponent("x.md"), encoding: .utf8), before)

        try file("y.md", "# Y\n\n```yaml load\nsources: {n: {files: [n.csv]}}\ntargets: [b]\n```\n")
        let missing = try labbook(["render", "--data", "data", "y.md"])
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.stderr.contains("has no usable cached result (no cached result): run `labbook run y.md` first"),
                      missing.stderr)
    }

    func testProgressIsTimestampedWhenPipedAndSilentWhenQuiet() throws {
        try file("data/n.csv", "a,b\n1,2\n3,5\n4,4\n")
        try experiment("[a]")
        let normal = try labbook(["run", "--data", "data", "x.md"])
        let lines = normal.stderr.split(separator: "\n")
        XCTAssertEqual(lines.count, 3, normal.stderr)  // started, done, saving
        XCTAssertTrue(lines.allSatisfy { $0.range(of: #"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ labbook: "#, options: .regularExpression) != nil },
                      normal.stderr)
        XCTAssertTrue(lines[0].hasSuffix("labbook: x: step 1/1 `load` started"), normal.stderr)
        XCTAssertTrue(lines[1].contains("labbook: x: step 1/1 `load` reused from the cache")
                      || lines[1].contains("labbook: x: step 1/1 `load` done in"), normal.stderr)
        XCTAssertTrue(lines[2].hasSuffix("labbook: saving results, reports and outputs"), normal.stderr)
        let quiet = try labbook(["run", "--quiet", "--data", "data", "x.md"])
        XCTAssertEqual(quiet.status, 0)
        XCTAssertEqual(quiet.stderr, "")
        let both = try labbook(["run", "--quiet", "--verbose", "x.md"])
        XCTAssertEqual(both.status, 2)
        XCTAssertTrue(both.stderr.contains("--quiet and --verbose cannot be combined"), both.stderr)
    }
}

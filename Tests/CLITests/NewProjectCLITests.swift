import Foundation
import XCTest

/// `labbook init` and `labbook new`: a project of one's own, from nothing, through the built binary.
final class NewProjectCLITests: XCTestCase {
    private var harness: CLIHarness!

    override func setUpWithError() throws { harness = try CLIHarness(prefix: "labbook-new-project") }
    override func tearDownWithError() throws { harness.cleanUp() }

    private var folder: URL { harness.folder }

    private func read(_ path: String) throws -> String {
        try String(contentsOf: folder.appendingPathComponent(path), encoding: .utf8)
    }

    /// Every file and folder under `url`, with the bytes of the files (folders map to empty data).
    static func snapshot(_ url: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let enumerator = try XCTUnwrap(FileManager.default.enumerator(at: url, includingPropertiesForKeys: [.isDirectoryKey]))
        for case let item as URL in enumerator {
            let relative = String(item.standardizedFileURL.path.dropFirst(url.standardizedFileURL.path.count))
            let isFolder = try item.resourceValues(forKeys: [.isDirectoryKey]).isDirectory ?? false
            files[relative] = isFolder ? Data() : try Data(contentsOf: item)
        }
        return files
    }

    func testInitWritesAProjectWhoseSettingsAreAllCommented() throws {
        let outcome = try harness.run(["init", "study"])
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        XCTAssertEqual(outcome.stderr, "")
        for path in ["labbook.yml", ".gitignore", "data/example.csv", "experiments/example.md"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: folder.appendingPathComponent("study/\(path)").path), path)
        }
        var isFolder: ObjCBool = false
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder.appendingPathComponent("study/reports").path,
                                                     isDirectory: &isFolder) && isFolder.boolValue)
        let settings = try read("study/labbook.yml")
        XCTAssertTrue(settings.contains("\ndata_root: data\n"), settings)
        // Every setting labbook.yml accepts is there, the unused ones commented out.
        for key in ["seed", "entity", "cache_dir", "cache_limit_mb"] {
            XCTAssertTrue(settings.contains("\n# \(key): "), key)
        }
        XCTAssertTrue(try read("study/.gitignore").contains(".labbook/"))
        // The data is generated, the same on every init: 300 rows, 7 columns, a tenth of soil_ph missing.
        let csv = try read("study/data/example.csv")
        let lines = csv.split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertEqual(lines.first, "sample_id,site,temperature,rainfall,soil_ph,fertilizer,growth")
        XCTAssertEqual(lines.count, 302)
        XCTAssertEqual(lines.dropFirst().filter { $0.contains(",,") }.count, 30)
        XCTAssertEqual(try harness.run(["init", "again"]).status, 0)
        XCTAssertEqual(try read("again/data/example.csv"), csv)
        XCTAssertEqual(try read("again/experiments/example.md"), try read("study/experiments/example.md"))
    }

    func testInitRefusesWhenAnythingExistsAndWritesNothing() throws {
        try harness.write("here/experiments/mine.md", "# Mine\n")
        try harness.write("here/.gitignore", "build/\n")
        let before = try Self.snapshot(folder)
        let outcome = try harness.run(["init", "here"])
        XCTAssertEqual(outcome.status, 2)
        XCTAssertEqual(outcome.stdout, "")
        XCTAssertEqual(outcome.stderr, "here: error: here/.gitignore, here/experiments/ already exist: init creates a new "
                       + "project and overwrites nothing (nothing was written)\n")
        XCTAssertEqual(try Self.snapshot(folder), before)

        try harness.write("file", "not a folder\n")
        let onFile = try harness.run(["init", "file"])
        XCTAssertEqual(onFile.status, 2)
        XCTAssertEqual(onFile.stderr, "file: error: exists and is not a folder: give a new or existing folder\n")
    }

    func testNewWithoutAProjectSaysToInit() throws {
        let outcome = try harness.run(["new", "fresh"])
        XCTAssertEqual(outcome.status, 2)
        XCTAssertEqual(outcome.stderr, "\(folder.standardizedFileURL.path): error: no labbook.yml here or in a folder above: "
                       + "run `labbook init` to create a project (it sets the data folder new experiments read)\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("experiments").path))
    }

    func testRunWithoutAProjectOrDataSaysToInit() throws {
        let fallback = folder.appendingPathComponent("../shared/data").standardizedFileURL
        if FileManager.default.fileExists(atPath: fallback.path) { throw XCTSkip("\(fallback.path) exists") }
        try harness.write("t.md", "# T\n\n```yaml load\nsources:\n  s:\n    file: a.csv\ntargets: [y]\n```\n")
        let before = try Self.snapshot(folder)
        let outcome = try harness.run(["run", "t.md"])
        XCTAssertEqual(outcome.status, 2)
        XCTAssertEqual(outcome.stderr, "t.md: error: no labbook.yml here or in a folder above, and no --data: run "
                       + "`labbook init` to make a project (its data_root is data/), or pass --data DIR\n")
        XCTAssertEqual(try Self.snapshot(folder), before)
    }

    func testNewUsesTheProjectDataAndPassesCheck() throws {
        try harness.write("labbook.yml", "data_root: measurements\n")
        try harness.write("measurements/plots/field.csv",
                          "plot,code,\"soil type\",depth,moisture,yield\n"
                          + (0..<40).map { "p\($0),\(1000 + $0),\(["clay", "sand", "loam"][$0 % 3]),\($0 % 7),\(Double($0) / 10),\($0 * 3 % 11)\n" }.joined())
        try harness.write("notes/todo.txt", "")
        // From a subfolder: the experiment goes to the project's experiments/ folder.
        let created = try CLIHarness(existing: folder.appendingPathComponent("notes")).run(["new", "fresh"])
        XCTAssertEqual(created.status, 0, created.stderr)
        XCTAssertTrue(created.stdout.hasPrefix("created \(folder.standardizedFileURL.path)/experiments/fresh.md on "
                                               + "plots/field.csv, predicting yield"), created.stdout)
        let text = try read("experiments/fresh.md")
        XCTAssertTrue(text.contains("    file: plots/field.csv"), text)
        XCTAssertTrue(text.contains("targets: [yield]"), text)
        // Identifiers (plot: text, code: whole numbers that differ on every row) are left out.
        XCTAssertTrue(text.contains("  columns: [depth, moisture]"), text)
        XCTAssertTrue(text.contains("  columns: [\"soil type\"]"), text)
        XCTAssertTrue(text.contains("by_soil_type: {kind: group_kfold, folds: 3, column: \"soil type\"}"), text)
        // The comments say what is required and what each step needs.
        XCTAssertTrue(text.contains("# a name for the table (required)"), text)
        XCTAssertTrue(text.contains("Needs `load`, `clean` and `train`"), text)
        // The report adds its own `## Report` section: the template must not have one, or the contents show it twice.
        XCTAssertFalse(text.contains("## Report"))
        let check = try harness.run(["check", "experiments/fresh.md"])
        XCTAssertEqual(check.status, 0, check.stderr)
        XCTAssertEqual(check.stdout, "experiments/fresh.md: ok (load, clean, cluster, train, evaluate, report)\n")
        XCTAssertFalse(check.stdout.contains("implemented"))
        XCTAssertEqual(try harness.run(["new", "fresh"]).status, 2)
        XCTAssertEqual(try read("experiments/fresh.md"), text)
    }
}

import Foundation
import XCTest

/// `labbook plan`, `run-cell`, `gather` and `run --executor local` on a small generated project: the same
/// sweep table as the sequential run, cells reused from a shared cache, failures listed with their log.
final class SweepExecutorCLITests: XCTestCase {
    private var harness: CLIHarness!

    override func setUpWithError() throws {
        harness = try CLIHarness(prefix: "labbook-sweep-cli")
        try harness.write("labbook.yml", "data_root: data\n")
        var rows = ["a,b,c,y"]
        var state: UInt64 = 7
        func next() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        for _ in 0..<240 {
            let (a, b, c) = (next(), next(), next())
            rows.append(String(format: "%.5f,%.5f,%.5f,%.5f", a, b, c, a - 0.5 * b + 0.3 * c * c + 0.2 * next()))
        }
        try harness.write("data/rows.csv", rows.joined(separator: "\n") + "\n")
        try harness.write("x.md", """
            # Sweep fixture

            ```yaml load
            sources:
              rows: {file: rows.csv}
            targets: [y]
            ```

            ```yaml clean
            numeric: {columns: [a, b, c], scale: standard}
            ```

            ```yaml train
            models:
              knn: {kind: knn, params: {n_neighbors: 5}}
              ridge: {kind: ridge}
            ```

            ```yaml evaluate
            protocols:
              random: {kind: kfold, folds: 3}
            bootstrap: 100
            ```

            """)
    }

    override func tearDownWithError() throws { harness.cleanUp() }

    private let sweep = ["x.md", "--set", "train.models.knn.params.n_neighbors=3,9", "--set", "train.models.knn.params.weights=uniform,distance"]

    private func labbook(_ arguments: [String], cache: String) throws -> CLIHarness.Outcome {
        try harness.run(arguments, environment: ["LABBOOK_CACHE": harness.folder.appendingPathComponent(cache).path])
    }

    /// The sweep JSON without the fields that record timings (the JSON's equivalent of the run line).
    private func untimed(_ text: String) -> String {
        text.split(separator: "\n").filter { line in
            !["\"timestamp\"", "\"seconds\"", "\"totalSeconds\"", "\"cached\""].contains { line.contains($0) }
        }.joined(separator: "\n")
    }

    func testLocalExecutorGivesTheSequentialTableAndReusesTheCache() throws {
        let sequential = try labbook(["run"] + sweep, cache: "cache-a")
        XCTAssertEqual(sequential.status, 0, sequential.stderr)
        let table = try harness.read("reports/x.sweep.md")
        let json = try harness.read("reports/x.sweep.json")
        XCTAssertTrue(table.contains("| `9` | `distance` |"), table)

        let local = try labbook(["run"] + sweep + ["--executor", "local", "--jobs", "2", "--out", "sweep"], cache: "cache-b")
        XCTAssertEqual(local.status, 0, local.stderr)
        XCTAssertTrue(local.stdout.contains("4 cells, 0 already cached, 4 to run"), local.stdout)
        XCTAssertTrue(local.stdout.contains("gathered 4 cells: 4 run by workers, 0 reused from the cache, 0 failed"), local.stdout)
        XCTAssertTrue(local.stderr.contains("labbook: cells: 4 done, 0 failed, 0 pending"), local.stderr)
        XCTAssertEqual(try harness.read("reports/x.sweep.md"), table)
        XCTAssertEqual(untimed(try harness.read("reports/x.sweep.json")), untimed(json))
        XCTAssertTrue(FileManager.default.fileExists(atPath: harness.folder.appendingPathComponent("cache-b/entries").path))
        XCTAssertFalse(FileManager.default.fileExists(atPath: harness.folder.appendingPathComponent(".labbook/cache").path))

        // Rerunning runs nothing: every cell comes from the shared cache, and the table is the same.
        let again = try labbook(["run"] + sweep + ["--executor", "local", "--jobs", "2", "--out", "sweep"], cache: "cache-b")
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertTrue(again.stdout.contains("4 cells, 4 already cached, 0 to run"), again.stdout)
        XCTAssertTrue(again.stdout.contains("gathered 4 cells: 0 run by workers, 4 reused from the cache"), again.stdout)
        XCTAssertEqual(try harness.read("reports/x.sweep.md"), table)
    }

    func testPlanWritesOneLinePerCellAndCountsCachedCells() throws {
        let before = try labbook(["plan"] + sweep + ["--out", "plan"], cache: "cache")
        XCTAssertEqual(before.status, 0, before.stderr)
        XCTAssertTrue(before.stdout.hasSuffix("4 cells, 0 already cached: manifest \(harness.folder.path)/plan/cells.jsonl\n")
                      || before.stdout.contains("4 cells, 0 already cached"), before.stdout)
        let lines = try harness.read("plan/cells.jsonl").split(separator: "\n")
        XCTAssertEqual(lines.count, 4)
        let cell = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(lines[3].utf8)) as? [String: Any])
        XCTAssertEqual(cell["index"] as? Int, 3)
        XCTAssertEqual(cell["cached"] as? Bool, false)
        XCTAssertEqual((cell["key"] as? String)?.count, 64)
        let overrides = try XCTUnwrap(cell["overrides"] as? [[String: Any]])
        XCTAssertEqual(overrides.map { $0["values"] as? [String] }, [["9"], ["distance"]])

        // Run two cells by hand (what a worker does), then plan again: those two are cached.
        let worker = try labbook(["run-cell", "plan/cells.jsonl", "0", "3"], cache: "cache")
        XCTAssertEqual(worker.status, 0, worker.stderr)
        XCTAssertTrue(worker.stdout.contains("cell 3: x.md [train.models.knn.params.n_neighbors=9 train.models.knn.params.weights=distance]"),
                      worker.stdout)
        let after = try labbook(["plan"] + sweep + ["--out", "plan"], cache: "cache")
        XCTAssertTrue(after.stdout.contains("cell 0: x.md [train.models.knn.params.n_neighbors=3 train.models.knn.params.weights=uniform]: cached"),
                      after.stdout)
        XCTAssertTrue(after.stdout.contains("4 cells, 2 already cached"), after.stdout)

        // Gathering now lists the two missing cells and fails; after running them it writes the table.
        let partial = try labbook(["gather", "plan"], cache: "cache")
        XCTAssertEqual(partial.status, 1)
        XCTAssertTrue(partial.stderr.contains("cell 1 x.md [train.models.knn.params.n_neighbors=3 train.models.knn.params.weights=distance]: did not finish"),
                      partial.stderr)
        XCTAssertEqual(try labbook(["run-cell", "plan", "1", "2"], cache: "cache").status, 0)
        let gathered = try labbook(["gather", "plan/cells.jsonl"], cache: "cache")
        XCTAssertEqual(gathered.status, 0, gathered.stderr)
        XCTAssertTrue(gathered.stdout.contains("gathered 4 cells: 2 run by workers, 2 reused from the cache, 0 failed"), gathered.stdout)
        let sequential = try labbook(["run"] + sweep, cache: "cache-fresh")
        XCTAssertEqual(sequential.status, 0)
        let fresh = try harness.read("reports/x.sweep.md")
        XCTAssertEqual(try labbook(["gather", "plan"], cache: "cache").status, 0)
        XCTAssertEqual(try harness.read("reports/x.sweep.md"), fresh)
    }

    func testFailedCellIsListedWithItsLogAndErrorLine() throws {
        let run = try labbook(["run", "x.md", "--set", "load.sources.rows.file=rows.csv,missing.csv",
                               "--executor", "local", "--jobs", "2", "--out", "failing"], cache: "cache")
        XCTAssertEqual(run.status, 1, run.stdout)
        let log = harness.folder.appendingPathComponent("failing/logs/cell-1.log").path
        XCTAssertTrue(run.stderr.contains("cell 1 x.md [load.sources.rows.file=missing.csv]: failed: "), run.stderr)
        XCTAssertTrue(run.stderr.contains("data file not found"), run.stderr)
        XCTAssertTrue(run.stderr.contains("(log: \(log))"), run.stderr)
        XCTAssertTrue(try String(contentsOfFile: log, encoding: .utf8).contains("missing.csv"))
        XCTAssertTrue(run.stderr.contains("1 of 2 cells have no results: rerun the same command to run only those"), run.stderr)
        XCTAssertEqual(try harness.read("reports/x.sweep.md").components(separatedBy: "| `rows.csv` |").count, 2)
    }

    func testAFolderOfExperimentsRunsAsCellsWithReportsAndWriteBack() throws {
        try harness.write("data/a.csv", "id,v\n1,3\n2,5\n")
        try harness.write("data/b.csv", "id,v\n1,10\n2,20\n3,30\n")
        try harness.write("exps/a.md", "# A\n\n```yaml load\nsources: {a: {files: [a.csv]}}\ntargets: [v]\n```\n")
        try harness.write("exps/b.md", "# B\n\n```yaml load\nsources: {b: {files: [b.csv]}}\ntargets: [v]\n```\n")
        let outcome = try harness.run(["run", "exps", "--executor", "local", "--jobs", "2"],
                                      environment: ["LABBOOK_CACHE": "cache"])
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        XCTAssertTrue(outcome.stdout.contains("gathered 2 cells: 2 run by workers"), outcome.stdout)
        let a = try harness.read("exps/a.md"), b = try harness.read("exps/b.md")
        XCTAssertTrue(a.contains("**2 rows × 2 columns.**"), a)
        XCTAssertTrue(b.contains("**3 rows × 2 columns.**"), b)
        let index = try harness.read("reports/index.html")
        XCTAssertTrue(index.contains("a.html") && index.contains("b.html"), index)
        XCTAssertFalse(FileManager.default.fileExists(atPath: harness.folder.appendingPathComponent("reports/x.sweep.md").path))
    }

    func testAReportComparingWithAnotherExperimentWaitsForIt() throws {
        try harness.write("data/a.csv", "id,v\n1,3\n2,5\n")
        try harness.write("exps/a.md", "# A\n\n```yaml load\nsources: {a: {files: [a.csv]}}\ntargets: [v]\n```\n\n"
                          + "```yaml report\ncompare_with: b\n```\n")
        try harness.write("exps/b.md", "# B\n\n```yaml load\nsources: {a: {files: [a.csv]}}\ntargets: [id]\n```\n")
        let outcome = try harness.run(["run", "exps", "--executor", "local", "--jobs", "2", "--out", "m"],
                                      environment: ["LABBOOK_CACHE": "cache"])
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        let cells = try harness.read("m/cells.jsonl").split(separator: "\n").map {
            try XCTUnwrap(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        XCTAssertEqual(cells.map { $0["name"] as? String }, ["b", "a"])
        XCTAssertEqual(cells.map { $0["after"] as? [Int] }, [[], [0]])
        XCTAssertTrue(try harness.read("reports/a.md").contains("b"))
    }

    func testExecutorOptionsAreChecked() throws {
        for (arguments, message) in [
            (["--jobs", "2"], "--jobs needs --executor local or --executor slurm"),
            (["--executor", "local", "--partition", "p"], "--partition is an option of --executor slurm"),
            (["--executor", "slurm", "--jobs", "2"], "--jobs is an option of --executor local"),
            (["--executor", "local", "--jobs", "0"], "--jobs must be at least 1, got 0"),
            (["--executor", "cloud"], "cloud"),
        ] {
            let outcome = try labbook(["run"] + sweep + arguments, cache: "cache")
            XCTAssertEqual(outcome.status, 2, "\(arguments)")
            XCTAssertTrue(outcome.stderr.contains(message), outcome.stderr)
        }
        let missing = try labbook(["run-cell", "nowhere", "0"], cache: "cache")
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.stderr.contains("nowhere/cells.jsonl: error: cannot read the manifest"), missing.stderr)
        XCTAssertEqual(try labbook(["plan"] + sweep + ["--out", "p"], cache: "cache").status, 0)
        let index = try labbook(["run-cell", "p", "4"], cache: "cache")
        XCTAssertEqual(index.status, 2)
        XCTAssertTrue(index.stderr.contains("error: no cell 4 in"), index.stderr)
    }

    func testSlurmExecutorWithoutSlurmSaysWhatFailed() throws {
        let outcome = try harness.run(["run"] + sweep + ["--executor", "slurm", "--out", "s", "--partition", "short",
                                                         "--time", "0:10:00", "--cells-per-task", "3", "--max-parallel", "2"],
                                      environment: ["PATH": "/nonexistent", "LABBOOK_CACHE": harness.folder.appendingPathComponent("c").path])
        XCTAssertEqual(outcome.status, 1, outcome.stderr)
        XCTAssertTrue(outcome.stderr.contains("sbatch is not on PATH"), outcome.stderr)
        let script = try harness.read("s/slurm-1.sbatch")
        for line in ["#SBATCH --array=0-1%2\n", "#SBATCH --partition=short\n", "#SBATCH --time=0:10:00\n",
                     "#SBATCH --output=\(harness.folder.path)/s/logs/slurm-%A_%a.out\n"] {
            XCTAssertTrue(script.contains(line), script)
        }
        XCTAssertEqual(try harness.read("s/slurm-1.tasks"), "0 1 2\n3\n")
        XCTAssertTrue(script.contains("run-cell \(harness.folder.path)/s/cells.jsonl $cells"), script)
    }
}

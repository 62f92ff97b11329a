import Foundation
import XCTest

/// Issue 13 item 8 (the command line) and the write-back and saved-model guarantees of issue 14, through the
/// built binary on the error catalogue's synthetic project.
final class TrustCLITests: XCTestCase {
    func testVersion() throws {
        let project = try CatalogProject()
        defer { project.remove() }
        let outcome = try LabbookBinary.run(["--version"], in: project.project)
        XCTAssertEqual(outcome.status, 0)
        XCTAssertEqual(outcome.stdout, "0.1.0\n")
    }

    func testCheckAndRunWithoutAPathUseExperimentsFolder() throws {
        let project = try CatalogProject()
        defer { project.remove() }
        try project.write("proj/experiments/x.md", CatalogProject.experiment)
        let check = try LabbookBinary.run(["check"], in: project.project)
        XCTAssertEqual(check.status, 0, check.stderr)
        XCTAssertEqual(check.stdout, "experiments/x.md: ok (load, clean, train, evaluate)\n")
        // From a subfolder: the project's experiments/ folder.
        try FileManager.default.createDirectory(at: project.project.appendingPathComponent("notes"), withIntermediateDirectories: true)
        let run = try LabbookBinary.run(["run", "--quiet"], in: project.project.appendingPathComponent("notes"))
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.hasSuffix("experiments/x.md: 4 steps run, outputs written back\n"), run.stdout)
        XCTAssertTrue(FileManager.default.fileExists(atPath: project.project.appendingPathComponent("reports/x.model").path))
    }

    /// Run from outside the project: reports go to the experiment's project, never to the current folder.
    func testProjectRootIsFoundFromTheExperimentsFolder() throws {
        let project = try CatalogProject()
        defer { project.remove() }
        let outcome = try LabbookBinary.run(["run", "--quiet", "proj/x.md"], in: project.root)
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: project.root.appendingPathComponent("reports").path))
        XCTAssertFalse(FileManager.default.fileExists(atPath: project.root.appendingPathComponent(".labbook").path))
        XCTAssertTrue(FileManager.default.fileExists(atPath: project.project.appendingPathComponent("reports/x.model").path))
        XCTAssertTrue(FileManager.default.fileExists(atPath: project.project.appendingPathComponent(".labbook/cache").path))
    }

    func testSetHonoursNoCacheQuietAndExplain() throws {
        let project = try CatalogProject()
        defer { project.remove() }
        let set = ["--set", "evaluate.bootstrap=200"]
        let first = try LabbookBinary.run(["run"] + set + ["x.md"], in: project.project)
        XCTAssertEqual(first.status, 0, first.stderr)
        let explained = try LabbookBinary.run(["run", "--quiet", "--explain"] + set + ["x.md"], in: project.project)
        XCTAssertEqual(explained.status, 0, explained.stderr)
        XCTAssertEqual(explained.stderr, "", "--quiet prints nothing but errors")
        XCTAssertTrue(explained.stdout.contains("  evaluate: reused"), explained.stdout)
        let fresh = try LabbookBinary.run(["run", "--quiet", "--explain", "--no-cache"] + set + ["x.md"], in: project.project)
        XCTAssertEqual(fresh.status, 0, fresh.stderr)
        XCTAssertEqual(fresh.stderr, "")
        XCTAssertFalse(fresh.stdout.contains(": reused"), fresh.stdout)
        XCTAssertTrue(fresh.stdout.contains("  evaluate: ran"), fresh.stdout)
    }

    /// Not on a terminal (a pipe here), a long step prints its next finished fold once nothing was printed for
    /// `LABBOOK_PROGRESS_SECONDS`; by default (a minute) a short run prints only its step lines.
    func testPlainProgressPrintsFoldsOfALongStep() throws {
        let project = try CatalogProject()
        defer { project.remove() }
        let harness = CLIHarness(existing: project.project)
        let folds = #"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ labbook: evaluate: \w+ · \w+: fold \d+/\d+ done"#
        let often = try harness.run(["run", "--no-cache", "x.md"], environment: ["LABBOOK_PROGRESS_SECONDS": "0"])
        XCTAssertEqual(often.status, 0, often.stderr)
        let foldLines = often.stderr.split(separator: "\n").filter { $0.range(of: folds, options: .regularExpression) != nil }
        XCTAssertFalse(foldLines.isEmpty, often.stderr)
        let quietly = try harness.run(["run", "--no-cache", "x.md"])
        XCTAssertEqual(quietly.status, 0, quietly.stderr)
        XCTAssertTrue(quietly.stderr.contains("step 4/4 `evaluate` done"), quietly.stderr)
        XCTAssertFalse(quietly.stderr.contains(": fold "), quietly.stderr)
    }

    func testWriteBackThroughASymlinkKeepsTheLink() throws {
        let project = try CatalogProject()
        defer { project.remove() }
        let link = project.project.appendingPathComponent("x.md")
        let target = project.root.appendingPathComponent("elsewhere/x.md")
        try project.write("elsewhere/x.md", CatalogProject.experiment)
        try FileManager.default.removeItem(at: link)
        XCTAssertEqual(symlink(target.path, link.path), 0)
        let outcome = try LabbookBinary.run(["run", "--quiet", "x.md"], in: project.project)
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: link.path), target.path)
        XCTAssertTrue(try String(contentsOf: target, encoding: .utf8).contains("<!-- labbook:end evaluate -->"))
    }

    func testCacheInfoAndPrune() throws {
        let project = try CatalogProject()
        defer { project.remove() }
        XCTAssertEqual(try LabbookBinary.run(["run", "--quiet", "x.md"], in: project.project).status, 0)
        let info = try LabbookBinary.run(["cache", "info"], in: project.project)
        XCTAssertEqual(info.status, 0, info.stderr)
        XCTAssertTrue(info.stdout.contains("entries: 4 step results, 1 stored files\n"), info.stdout)
        XCTAssertTrue(info.stdout.contains(" of 1024.0 MB "), info.stdout)
        let prune = try LabbookBinary.run(["cache", "prune", "--all"], in: project.project)
        XCTAssertEqual(prune.status, 0, prune.stderr)
        XCTAssertTrue(prune.stdout.hasPrefix("cache: removed 5 files"), prune.stdout)
        let after = try LabbookBinary.run(["cache", "info"], in: project.project)
        XCTAssertTrue(after.stdout.contains("entries: 0 step results, 0 stored files\n"), after.stdout)
    }

    /// The saved model is the evaluated pipeline (clean, cluster features, model refitted on the predefined
    /// protocol's training rows): `predict` on the test file reproduces the r the results report for it.
    func testPredictOnTheTestRowsReproducesTheReportedR() throws {
        let experiment = """
            # Split

            ```yaml load
            sources:
              songs:
                files: [train.csv, test.csv]
                split_column: split
            targets: [valence, arousal]
            ```

            ```yaml clean
            numeric:
              columns: [energy, tempo]
              impute: median
              scale: standard
            categorical: {columns: [genre]}
            ```

            ```yaml cluster
            k: 3
            features: [onehot, distances]
            ```

            ```yaml train
            models:
              ridge: {kind: ridge, grid: {alpha: [0.1, 10]}}
              knn: {kind: knn, params: {n_neighbors: 5}}
            inner_folds: 2
            ```

            ```yaml evaluate
            protocols:
              holdout: {kind: predefined, column: split, train: [train], test: [test]}
            bootstrap: 100
            ```

            """
        let all = CatalogProject.songRows(90).split(separator: "\n")
        let train = CatalogProject.header + all.prefix(60).joined(separator: "\n") + "\n"
        let test = CatalogProject.header + all.suffix(30).joined(separator: "\n") + "\n"
        let project = try CatalogProject(experiment: experiment, dataFiles: ["train.csv": train, "test.csv": test])
        defer { project.remove() }
        let run = try LabbookBinary.run(["run", "--quiet", "x.md"], in: project.project)
        XCTAssertEqual(run.status, 0, run.stderr)
        let predict = try LabbookBinary.run(["predict", "--model", "reports/x.model", "--input", "../data/test.csv",
                                             "--output", "p.csv"], in: project.project)
        XCTAssertEqual(predict.status, 0, predict.stderr)
        let results = try XCTUnwrap(JSONSerialization.jsonObject(
            with: Data(contentsOf: project.project.appendingPathComponent("reports/x.results.json"))) as? [String: Any])
        let models = try XCTUnwrap((results["evaluation"] as? [String: Any])?["models"] as? [[String: Any]])
        let lines = try String(contentsOf: project.project.appendingPathComponent("p.csv"), encoding: .utf8)
            .split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = try XCTUnwrap(lines.first)
        XCTAssertEqual(lines.count - 1, 30)
        for target in ["valence", "arousal"] {
            let actual = try column(target, header: header, lines: lines)
            let predicted = try column("predicted_\(target)", header: header, lines: lines)
            let best = models.filter { $0["target"] as? String == target && $0["protocolName"] as? String == "holdout" }
                .compactMap { ($0["pooled"] as? [String: Any])?["pearson"] as? Double }
            XCTAssertFalse(best.isEmpty)
            // The saved model is the best of the models under the protocol: its r is among the reported ones.
            let r = pearson(actual, predicted)
            XCTAssertTrue(best.contains { abs($0 - r) < 1e-9 }, "\(target): predict r \(r), reported \(best)")
        }
    }

    /// A full disk: one line naming the folder and "no space left on device"; the experiment is untouched.
    /// Needs a small tmpfs (root with mount rights); skipped elsewhere.
    func testFullDiskSaysNoSpaceAndNamesTheFolder() throws {
        let project = try CatalogProject()
        defer { project.remove() }
        let tiny = project.root.appendingPathComponent("tiny")
        try FileManager.default.createDirectory(at: tiny, withIntermediateDirectories: true)
        guard shell("/bin/mount", ["-t", "tmpfs", "-o", "size=48k", "tmpfs", tiny.path]) == 0 else {
            throw XCTSkip("cannot mount a small tmpfs here (needs root)")
        }
        defer { _ = shell("/bin/umount", [tiny.path]) }
        let proj = tiny.appendingPathComponent("proj")
        try FileManager.default.createDirectory(at: proj, withIntermediateDirectories: true)
        try Data("data_root: \(project.data.path)\n".utf8).write(to: proj.appendingPathComponent("labbook.yml"))
        try Data(CatalogProject.experiment.utf8).write(to: proj.appendingPathComponent("x.md"))
        let outcome = try LabbookBinary.run(["run", "--quiet", "x.md"], in: proj)
        XCTAssertEqual(outcome.status, 1)
        let line = try XCTUnwrap(outcome.stderr.split(separator: "\n").first.map(String.init))
        XCTAssertTrue(line.hasPrefix("x.md:1:1: error: after the run: cannot write "), line)
        XCTAssertTrue(line.hasSuffix(" in \(proj.path)/reports: no space left on device"), line)
        XCTAssertEqual(try String(contentsOf: proj.appendingPathComponent("x.md"), encoding: .utf8), CatalogProject.experiment)
    }

    private func shell(_ tool: String, _ arguments: [String]) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return -1 }
        process.waitUntilExit()
        return process.terminationStatus
    }

    private func column(_ name: String, header: [String], lines: [[String]]) throws -> [Double] {
        let index = try XCTUnwrap(header.firstIndex(of: name), name)
        return try lines.dropFirst().map { try XCTUnwrap(Double($0[index])) }
    }
}

import Support
import Foundation
import Literate
import Report
import Results
import XCTest
@testable import Config
@testable import Runner
@testable import Steps
@testable import Workflows
import Support

/// The real steps, end to end, on small synthetic data: load → clean → cluster → train → evaluate → report.
final class PipelineRunTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("labbook-pipeline-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("data"), withIntermediateDirectories: true)
        // 240 songs by 40 artists; valence and arousal depend on two artist features and a tag.
        var songs = "id,artist,valence,arousal,part\n"
        var artists = "name,energy,mood,genres\n"
        var g = LCG(seed: 11)
        for a in 0..<40 {
            let energy = g.next(), mood = g.next()
            let tags = a % 3 == 0 ? "\"['happy pop', 'pop']\"" : (a % 3 == 1 ? "['metal']" : "[]")
            artists += "The Artist \(a),\(energy),\(mood),\(tags)\n"
        }
        for s in 0..<240 {
            let a = s % 40
            var h = LCG(seed: UInt64(a) &+ 1000)
            let energy = h.next(), mood = h.next()
            let happy = a % 3 == 0 ? 0.5 : 0
            songs += "\(s),artist \(a),\(mood + happy + 0.3 * g.next()),\(energy + 0.3 * g.next()),\(s % 5 == 0 ? "test" : "train")\n"
        }
        try Data(songs.utf8).write(to: folder.appendingPathComponent("data/songs.csv"))
        try Data(artists.utf8).write(to: folder.appendingPathComponent("data/artists.csv"))
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    private let experiment = """
        # Synthetic moods

        ```yaml load
        sources:
          songs: {file: songs.csv, types: {id: text}}
          artists: {file: artists.csv, types: {genres: list}}
        join: {left: songs, right: artists, on: [artist, name], how: left, normalize: [case, leading-the], indicator: matched}
        targets: [valence, arousal]
        ```

        ```yaml clean
        numeric: {columns: [energy, mood, matched], impute: median, scale: standard}
        tags: {column: genres, min_count: 2}
        ```

        ```yaml cluster
        k: {min: 2, max: 4}
        n_init: 2
        ```

        ```yaml train
        models:
          ridge: {kind: ridge, grid: {alpha: [0.1, 10]}}
          hgb: {kind: hist_gradient_boosting, params: {max_iter: 30, min_samples_leaf: 5}}
          mlp: {kind: mlp, features: base, params: {hidden_layer_sizes: [8], max_iter: 20}}
        inner_folds: 2
        ```

        ```yaml evaluate
        protocols:
          random: {kind: kfold, folds: 3}
          by_artist: {kind: group_kfold, folds: 3, column: artist}
          official: {kind: predefined, column: part, train: [train], test: [test]}
        bootstrap: 200
        ```

        """

    private func run() throws -> (CompletedRun, URL) {
        let file = folder.appendingPathComponent("synthetic.md")
        if !FileManager.default.fileExists(atPath: file.path) { try Data(experiment.utf8).write(to: file) }
        let plan = try ExperimentPlanner(registry: .standard).plan(fileAt: file, displayName: "synthetic.md")
        XCTAssertTrue(plan.isValid, "\(plan.diagnostics)")
        let reports = folder.appendingPathComponent("reports")
        let runner = ExperimentRunner(observers: [ReportWriter(reportsFolder: reports)])
        let completed = try runner.run(plan, options: RunOptions(dataRoot: DataRoot(url: folder.appendingPathComponent("data")), seed: 5))
        return (completed, reports)
    }

    func testRunsEveryStepAndWritesResultsAndReports() throws {
        let (run, reports) = try run()
        let results = run.context.results
        XCTAssertEqual(results.load?.rows, 240)
        XCTAssertEqual(results.load?.join?.matchedRows, 240)
        XCTAssertNotNil(results.cluster)
        let evaluation = try XCTUnwrap(results.evaluation)
        XCTAssertEqual(evaluation.protocols.map(\.name), ["random", "by_artist", "official"])
        XCTAssertEqual(evaluation.protocols.map(\.folds), [3, 3, 1])
        XCTAssertEqual(evaluation.models.count, 3 * 2 * 3)  // models × targets × protocols
        // The signal is strong: the best model of each target clears r = 0.4 under the random split.
        for target in ["valence", "arousal"] {
            let best = evaluation.models.filter { $0.target == target && $0.protocolName == "random" }
                .map(\.pooled.pearson).max() ?? 0
            XCTAssertGreaterThan(best, 0.4, target)
        }
        // Grid search reported a choice in every outer fold of the ridge model.
        let ridge = try XCTUnwrap(evaluation.models.first { $0.model == "ridge" && $0.protocolName == "random" })
        XCTAssertEqual(ridge.bestParams.count, 3)
        for name in ["synthetic.results.json", "synthetic.md", "synthetic.html", "index.html"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: reports.appendingPathComponent(name).path), name)
        }
        let saved = try ResultsJSON.read(reports.appendingPathComponent("synthetic.results.json"))
        XCTAssertEqual(saved.evaluation?.models.map(\.pooled.pearson), evaluation.models.map(\.pooled.pearson))
        XCTAssertEqual(saved.provenance.dataFiles.map(\.path), ["songs.csv", "artists.csv"])
        XCTAssertEqual(saved.provenance.dataFiles.first?.sha256,
                       SHA256.hex(try Data(contentsOf: folder.appendingPathComponent("data/songs.csv"))))
        let written = try String(contentsOf: run.plan.fileURL, encoding: .utf8)
        for step in ["load", "clean", "cluster", "train", "evaluate"] {
            XCTAssertTrue(written.contains("<!-- labbook:output \(step) -->"), step)
        }
    }

    func testSameSeedGivesIdenticalReportsApartFromTheRunLine() throws {
        let (_, reports) = try run()
        let first = try String(contentsOf: reports.appendingPathComponent("synthetic.html"), encoding: .utf8)
        let experimentAfterFirst = try Data(contentsOf: folder.appendingPathComponent("synthetic.md"))
        let (second, _) = try run()
        XCTAssertFalse(second.fileChanged, "a second run with the same seed must leave the experiment byte-identical")
        XCTAssertEqual(try Data(contentsOf: folder.appendingPathComponent("synthetic.md")), experimentAfterFirst)
        let again = try String(contentsOf: reports.appendingPathComponent("synthetic.html"), encoding: .utf8)
        let differing = zip(first.split(separator: "\n"), again.split(separator: "\n")).filter { $0 != $1 }
        XCTAssertLessThanOrEqual(differing.count, 1)
        XCTAssertTrue(differing.allSatisfy { $0.0.contains("Run ") }, "\(differing)")
    }
}

/// A tiny seeded generator for fixture data.
private struct LCG {
    var state: UInt64
    init(seed: UInt64) { state = seed &* 6364136223846793005 &+ 1442695040888963407 }
    mutating func next() -> Double {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Double(state >> 11) / Double(1 << 53)
    }
}

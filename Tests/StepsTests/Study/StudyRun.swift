import Foundation
import Report
import Results
import XCTest
@testable import Config
@testable import Runner
@testable import Steps
@testable import Workflows
import Support

/// One experiment on data files written by a test, run in-process with the report writer and model saver,
/// in a temporary folder (data in `data/`, reports in `reports/`).
struct StudyRun {
    let root: URL
    var data: URL { root.appendingPathComponent("data") }
    var reports: URL { root.appendingPathComponent("reports") }

    init(files: [String: String]) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("labbook-study-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        for (path, text) in files { try Data(text.utf8).write(to: data.appendingPathComponent(path)) }
    }

    func remove() { try? FileManager.default.removeItem(at: root) }

    /// Runs `experiment` (Markdown) as `NAME.md` against `dataRoot` (default: the test's own data folder).
    @discardableResult
    func run(_ experiment: String, name: String = "study", dataRoot: URL? = nil, entity: String? = nil) throws -> Outcome {
        let file = root.appendingPathComponent("\(name).md")
        try Data(experiment.utf8).write(to: file)
        let plan = try ExperimentPlanner(registry: .standard).plan(fileAt: file, displayName: "\(name).md")
        XCTAssertTrue(plan.isValid, "\(plan.diagnostics)")
        let runner = ExperimentRunner(observers: [ReportWriter(reportsFolder: reports), ModelSaver(reportsFolder: reports)])
        let completed = try runner.run(plan, options: RunOptions(dataRoot: DataRoot(url: dataRoot ?? data), seed: 3,
                                                                 entity: entity))
        return Outcome(run: completed,
                       experiment: try String(contentsOf: file, encoding: .utf8),
                       markdown: try String(contentsOf: reports.appendingPathComponent("\(name).md"), encoding: .utf8),
                       html: try String(contentsOf: reports.appendingPathComponent("\(name).html"), encoding: .utf8),
                       index: try String(contentsOf: reports.appendingPathComponent("index.html"), encoding: .utf8))
    }

    struct Outcome {
        let run: CompletedRun
        /// The experiment file after write-back.
        let experiment: String
        let markdown: String
        let html: String
        let index: String
        var results: RunResults { run.context.results }
        var evaluation: EvaluationSummary? { results.evaluation }
        /// The generated discussion's sentences.
        var discussion: [Sentence] { Discussion.sentences(results, reference: nil) }
    }
}

/// A seeded generator for fixture data (uniform in [0, 1)).
struct FixtureRandom {
    var state: UInt64
    init(seed: UInt64) { state = seed &* 6364136223846793005 &+ 1442695040888963407 }
    mutating func next() -> Double {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Double(state >> 11) / Double(1 << 53)
    }
}

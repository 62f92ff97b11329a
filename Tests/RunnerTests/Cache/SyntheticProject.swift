import Foundation
@testable import Config
@testable import Runner
@testable import Steps
@testable import Workflows
import Support
import SyntheticStudy

/// A small experiment (load → clean → cluster → train → evaluate → report) on generated data in a
/// temporary folder, for exercising the step cache end to end in well under a second per run.
struct SyntheticProject {
    let root: URL
    var data: URL { root.appendingPathComponent("data") }
    var experiment: URL { root.appendingPathComponent("synthetic.md") }
    var cache: StepCache { .project(root: root) }

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("labbook-cache-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: data.appendingPathComponent("songs"), withIntermediateDirectories: true)
        try writeData()
        try writeExperiment(components: 2)
    }

    func remove() { try? FileManager.default.removeItem(at: root) }

    /// 30 artists with two features and genre tags; 150 songs whose targets follow the features.
    func writeData(artistShift: Double = 0) throws {
        for (path, text) in SyntheticStudy.dataFiles(artistShift: artistShift) {
            try Data(text.utf8).write(to: data.appendingPathComponent(path))
        }
    }

    /// The experiment, with the tags' SVD components as the one knob tests change.
    func writeExperiment(components: Int, seedComment: String = "") throws {
        try Data(SyntheticStudy.experiment(components: components, prose: seedComment).utf8).write(to: experiment)
    }

    func plan() throws -> ExperimentPlan {
        try ExperimentPlanner(registry: .standard).plan(fileAt: experiment, displayName: "synthetic.md")
    }

    func options(_ mode: CacheMode = .readWrite, seed: UInt64 = 1) -> RunOptions {
        RunOptions(dataRoot: DataRoot(url: data), seed: seed, cache: CacheSettings(cache: cache, mode: mode))
    }

    /// Plans and runs the experiment, with reports written to `root/reports`.
    func run(_ mode: CacheMode = .readWrite, seed: UInt64 = 1, writeBack: Bool = true) throws -> CompletedRun {
        var options = options(mode, seed: seed)
        options.writeBack = writeBack
        let runner = ExperimentRunner(observers: [ReportWriter(reportsFolder: root.appendingPathComponent("reports"))])
        return try runner.run(try plan(), options: options)
    }
}

extension CompletedRun {
    /// The steps that were computed (not reused), in order.
    var recomputed: [String] { cacheReports.filter { !$0.reused }.map(\.step) }
    var reused: [String] { cacheReports.filter(\.reused).map(\.step) }
}

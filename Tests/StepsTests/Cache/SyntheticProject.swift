import Foundation
@testable import Steps

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
        let genres = ["rock", "pop", "jazz", "metal", "folk"]
        var artists = "artists,energy,danceability,genres\n"
        for a in 0..<30 {
            let energy = Double((a * 7) % 11) / 10 + artistShift
            let dance = Double((a * 5) % 13) / 12
            artists += "Artist \(a),\(energy),\(dance),\"['\(genres[a % 5])', '\(genres[(a / 5) % 5])']\"\n"
        }
        try text(artists, to: "artists.csv")
        var train = "id,artist_name,valence,arousal\n", test = train
        for s in 0..<150 {
            let a = (s * 13) % 30
            let energy = Double((a * 7) % 11) / 10, dance = Double((a * 5) % 13) / 12
            let wobble = Double((s * 17) % 19) / 19 - 0.5
            let row = "\(s),artist \(a),\(dance - 0.5 + 0.3 * wobble),\(energy - 0.5 - 0.2 * wobble)\n"
            if s % 5 == 0 { test += row } else { train += row }
        }
        try text(train, to: "songs/train.csv")
        try text(test, to: "songs/test.csv")
    }

    private func text(_ text: String, to path: String) throws {
        try Data(text.utf8).write(to: data.appendingPathComponent(path))
    }

    /// The experiment, with the tags' SVD components as the one knob tests change.
    func writeExperiment(components: Int, seedComment: String = "") throws {
        let text = """
            # Synthetic
            \(seedComment)
            ```yaml load
            sources:
              songs:
                files: [songs/train.csv, songs/test.csv]
                split_column: split
                types: {id: text}
              artists:
                file: artists.csv
                types: {genres: list}
            join: {left: songs, right: artists, on: [artist_name, artists], how: left, normalize: [case]}
            targets: [valence, arousal]
            ```

            ```yaml clean
            numeric: {columns: [energy, danceability], impute: median, scale: standard}
            tags:
              column: genres
              min_count: 1
              reduce: {method: truncated_svd, n_components: \(components)}
            ```

            ```yaml cluster
            k: {min: 2, max: 4}
            n_init: 2
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
              random: {kind: kfold, folds: 3}
            benchmark: 0.4
            bootstrap: 100
            ```

            ```yaml report
            {}
            ```

            """
        try Data(text.utf8).write(to: experiment)
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

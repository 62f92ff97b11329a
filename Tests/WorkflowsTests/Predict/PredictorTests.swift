import XCTest
import Frame
import Results
@testable import Config
@testable import Runner
@testable import Steps
@testable import Workflows
import Support

/// Runs a small synthetic experiment (songs joined to artists, cluster features, ridge) with `ModelSaver`,
/// then predicts its test split through `Predictor`: the r must equal the one the results state.
final class PredictorTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("labbook-predict-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("data/songs"), withIntermediateDirectories: true)
        try writeData()
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    /// 40 artists with two features; 240 songs whose targets depend on their artist's features plus noise.
    private func writeData() throws {
        var state: UInt64 = 12345
        func unit() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        var artists = ["artists,x1,x2,genres"]
        var features: [(Double, Double)] = []
        for a in 0..<40 {
            let f = (unit() * 4 - 2, unit() * 4 - 2)
            features.append(f)
            artists.append("The Artist \(a),\(f.0),\(f.1),\"['g\(a % 3)', 'g\(a % 5)']\"")
        }
        try Data((artists.joined(separator: "\n") + "\n").utf8).write(to: folder.appendingPathComponent("data/artists.csv"))
        for (split, count) in [("train", 180), ("test", 60)] {
            var lines = ["id,artist_name,valence,arousal"]
            for i in 0..<count {
                let a = Int(unit() * 40) % 40
                let (x1, x2) = features[a]
                lines.append("\(split)\(i),artist \(a),\(x1 + 0.5 * (unit() - 0.5)),\(x2 - x1 + 0.5 * (unit() - 0.5))")
            }
            try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: folder.appendingPathComponent("data/songs/\(split).csv"))
        }
    }

    private let experiment = """
        # Synthetic

        ```yaml load
        sources:
          songs: {files: [songs/train.csv, songs/test.csv], split_column: split}
          artists: {file: artists.csv, types: {genres: list}}
        join: {left: songs, right: artists, on: [artist_name, artists], normalize: [case, leading-the]}
        targets: [valence, arousal]
        ```

        ```yaml clean
        numeric: {columns: [x1, x2], impute: median, scale: standard}
        tags: {column: genres, min_count: 1}
        ```

        ```yaml cluster
        k: 3
        features: [onehot, distances]
        ```

        ```yaml train
        models:
          ridge: {kind: ridge, grid: {alpha: [0.1, 10]}}
          plain: {kind: linear, features: base}
        ```

        ```yaml evaluate
        protocols:
          official: {kind: predefined, column: split, train: [train], test: [test]}
          random: {kind: kfold, folds: 3}
        bootstrap: 100
        ```

        """

    private func runExperiment(_ text: String? = nil) throws -> (SavedModel, RunResults) {
        let url = folder.appendingPathComponent("synthetic.md")
        try Data((text ?? experiment).utf8).write(to: url)
        let plan = try ExperimentPlanner(registry: .standard).plan(fileAt: url, displayName: "synthetic.md")
        XCTAssertTrue(plan.isValid, "\(plan.diagnostics)")
        let reports = folder.appendingPathComponent("reports")
        let run = try ExperimentRunner(observers: [ModelSaver(reportsFolder: reports)])
            .run(plan, options: RunOptions(dataRoot: DataRoot(url: folder.appendingPathComponent("data")), seed: 4,
                                           writeBack: false))
        return (try ModelFile.read(reports.appendingPathComponent("synthetic.model")), run.context.results)
    }

    func testPredictionsReproduceTheOfficialSplitsR() throws {
        let (model, results) = try runExperiment()
        XCTAssertEqual(model.trainingRows, 180)
        XCTAssertEqual(model.models.map(\.target), ["valence", "arousal"])
        let predictions = try Predictor(model: model, dataRoot: DataRoot(url: folder.appendingPathComponent("data")))
            .predict(inputAt: folder.appendingPathComponent("data/songs/test.csv"))
        XCTAssertEqual(predictions.rowCount, 60)
        XCTAssertEqual(Array(predictions.names.prefix(4)), ["id", "artist_name", "valence", "arousal"])
        for saved in model.models {
            let reported = try XCTUnwrap(results.evaluation?.models.first {
                $0.model == saved.model && $0.target == saved.target && $0.protocolName == "official"
            })
            let best = results.evaluation?.models.filter { $0.target == saved.target && $0.protocolName == "official" }
                .map(\.pooled.pearson).max()
            XCTAssertEqual(reported.pooled.pearson, best)
            let r = pearson(try predictions.numeric(saved.target), try predictions.numeric("predicted_\(saved.target)"))
            XCTAssertEqual(r, reported.pooled.pearson, accuracy: 1e-9)
        }
        // Valence: ridge with the cluster features and its grid's alpha; arousal: the plain linear model without.
        XCTAssertEqual(model.models.map(\.model), ["ridge", "plain"])
        XCTAssertEqual(model.models.map { $0.clusters != nil }, [true, false])
        XCTAssertNotNil(model.models[0].params["alpha"])
    }

    /// One model wins both targets: it is fitted once and both target models hold that fit, which still reproduces each
    /// target's reported r (a forest: a second fit with another seed or on other rows would predict otherwise).
    func testTheSameWinnerForBothTargetsIsFittedOnceAndReproducesBothRs() throws {
        let single = experiment.replacingOccurrences(
            of: "  ridge: {kind: ridge, grid: {alpha: [0.1, 10]}}\n  plain: {kind: linear, features: base}\n",
            with: "  forest: {kind: random_forest, params: {n_estimators: 8, min_samples_leaf: 3}}\n")
        XCTAssertNotEqual(single, experiment)
        let (model, results) = try runExperiment(single)
        XCTAssertEqual(model.models.map(\.model), ["forest", "forest"])
        XCTAssertEqual(model.models.map(\.column), [0, 1])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        XCTAssertEqual(try encoder.encode(model.models[0].fitted), try encoder.encode(model.models[1].fitted))
        XCTAssertEqual(model.models.map(\.sharesFitOf), [nil, 0])
        // The file holds the forest once: the second target names the first one's fit.
        let file = String(decoding: try Data(contentsOf: folder.appendingPathComponent("reports/synthetic.model")), as: UTF8.self)
        XCTAssertEqual(file.components(separatedBy: "\"randomForest\"").count - 1, 1, file.prefix(300).description)
        XCTAssertTrue(file.contains("\"sharedFit\":{\"column\":0}"), file.prefix(300).description)
        // A file whose shared fit names a column without a fit of its own is refused.
        var broken = model
        broken.models[0].sharesFitOf = 1
        broken.models[1].sharesFitOf = 0
        XCTAssertThrowsError(try ModelFile.decode(try ModelFile.encode(broken), name: "m.model")) {
            XCTAssertTrue("\($0)".contains("shares the fit of column"), "\($0)")
        }
        let predictions = try Predictor(model: model, dataRoot: DataRoot(url: folder.appendingPathComponent("data")))
            .predict(inputAt: folder.appendingPathComponent("data/songs/test.csv"))
        for saved in model.models {
            let reported = try XCTUnwrap(results.evaluation?.models.first {
                $0.model == "forest" && $0.target == saved.target && $0.protocolName == "official"
            })
            let r = pearson(try predictions.numeric(saved.target), try predictions.numeric("predicted_\(saved.target)"))
            XCTAssertEqual(r, reported.pooled.pearson, accuracy: 1e-9, saved.target)
        }
    }

    func testMissingColumnsAreNamed() throws {
        let (model, _) = try runExperiment()
        let input = folder.appendingPathComponent("bad.csv")
        try Data("id,artist\n1,artist 3\n".utf8).write(to: input)
        let predictor = Predictor(model: model, dataRoot: DataRoot(url: folder.appendingPathComponent("data")))
        XCTAssertThrowsError(try predictor.predict(inputAt: input)) {
            XCTAssertTrue("\($0)".contains("the input has no `artist_name` column"), "\($0)")
        }
        var broken = model
        broken.pipeline.numeric?.columns[0] = "loudness"
        XCTAssertThrowsError(try Predictor(model: broken, dataRoot: predictor.dataRoot)
            .predict(inputAt: folder.appendingPathComponent("data/songs/test.csv"))) {
            XCTAssertTrue("\($0)".contains("the input lacks column `loudness`"), "\($0)")
        }
    }

    private func pearson(_ a: [Double], _ b: [Double]) -> Double {
        let n = Double(a.count)
        let ma = a.reduce(0, +) / n, mb = b.reduce(0, +) / n
        var sab = 0.0, saa = 0.0, sbb = 0.0
        for i in a.indices {
            sab += (a[i] - ma) * (b[i] - mb)
            saa += (a[i] - ma) * (a[i] - ma)
            sbb += (b[i] - mb) * (b[i] - mb)
        }
        return sab / (saa * sbb).squareRoot()
    }
}

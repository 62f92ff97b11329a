import Evaluate
import Foundation
import Frame
import Learn
import Linalg
import Config
import Runner
import Steps
import XCTest
import Yams
@testable import Config
@testable import Runner
@testable import Steps
@testable import Workflows
import Support

/// With the targets shuffled, nothing can be predicted: every model's pooled r must be near zero under every
/// protocol kind. A fitted statistic that saw a test row's target (an encoding, a stack's meta-model, a search)
/// would show up here as r > 0. Runs on the shared data (skipped when absent), with small models and two folds to
/// stay cheap. Under no signal the pooled r has a standard deviation of about 1/√n: 0.007 over all 18,644 rows, 0.017
/// over the 3,514 official test rows, so the 0.05 bound is about three of them there.
final class PermutationTests: XCTestCase {
    func testShuffledTargetsGiveNoSignalUnderEveryProtocol() throws {
        let root = URL(fileURLWithPath: "/work/shared/data")
        guard FileManager.default.fileExists(atPath: root.appendingPathComponent("deezer/train.csv").path) else {
            throw XCTSkip("no shared data at \(root.path)")
        }
        let load = try YAMLDecoder().decode(LoadConfig.self, from: LoadRealDataTests.yaml)
        let frame = try LoadStep.execute(load, resolve: { root.appendingPathComponent($0) }).frame
        var y = try EvaluateStep.targetMatrix(frame, ["valence", "arousal"])
        var rng = SeededGenerator(seed: 2025)
        y = y.selectingRows(rng.permutation(y.rows))

        let clean = try ConfigDecoder.decode(CleanConfig.self, yaml: """
            numeric: {columns: [energy, danceability, valence_spotify, popularity, artist_matched]}
            categorical: {columns: [artist_name], encode: target}
            tags: {column: genres, min_count: 20, reduce: {method: truncated_svd, n_components: 4},
                   target_encoding: {min_count: 20}}
            text: {column: track_name, analyzer: word, min_df: 20, sublinear_tf: true,
                   reduce: {method: truncated_svd, n_components: 4}}
            """, file: "t")
        let pipeline = try CleanStep.pipeline(from: clean, targetNames: ["valence", "arousal"])
        let train = try ConfigDecoder.decode(TrainConfig.self, yaml: """
            models:
              ridge: {kind: ridge, grid: {alpha: [1, 100, 1000]}, search: {kind: random, n_iter: 2}}
              hgb: {kind: hist_gradient_boosting, params: {max_iter: 8, max_leaf_nodes: 7}}
              stack:
                kind: stacking
                params: {cv: 2}
                estimators:
                  r: {kind: ridge, params: {alpha: 10}}
                  h: {kind: hist_gradient_boosting, params: {max_iter: 5, max_leaf_nodes: 7}}
              plain: {kind: ridge, params: {alpha: 10}}
              vote: {kind: voting, estimators: [plain, hgb]}
            inner_folds: 2
            """, file: "t")
        try TrainStep.check(train)
        let protocols = try ConfigDecoder.decode(EvaluateConfig.self, yaml: """
            protocols:
              random: {kind: kfold, folds: 2}
              by_artist: {kind: group_kfold, folds: 2, column: artist_name}
              official: {kind: predefined, column: split, train: [train, validation], test: [test]}
            """, file: "t").protocols
        for proto in protocols {
            let splits = try EvaluateStep.makeSplits(proto, frame: frame, seed: 1)
            let featurizer = try EvaluateStep.featurizer(proto, frame: frame, pipeline: pipeline, cluster: nil, targets: FoldTargets(y))
            for model in train.models {
                let outcome = try CrossValidation.run(splits: splits, y: y, featurize: featurizer.closure(for: .all),
                                                      factory: { try model.make($0) }, grid: model.paramGrid,
                                                      search: model.paramSearch, innerFolds: train.innerFolds, seed: 1)
                let tested = Array(Set(splits.flatMap(\.test))).sorted()
                for t in 0..<2 {
                    let r = try Metric.pearson(tested.map { y[$0, t] }, tested.map { outcome.outOfFold[$0, t] })
                    XCTAssertLessThan(abs(r), 0.05, "\(model.name) under \(proto.name), target \(t): r = \(r)")
                }
            }
        }
    }
}

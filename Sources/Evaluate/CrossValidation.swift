import Dispatch
import Foundation
import Learn
import Linalg

/// A fold finished (reported from the worker thread that ran it; the callback must be thread-safe).
public struct CrossValidationProgress: Sendable {
    public let fold: Int
    public let folds: Int
    public let seconds: Double
}

/// What one outer fold produced.
public struct FoldOutcome: Sendable {
    public let fold: Int
    /// The test rows (global indices), in the order of `predictions`' rows.
    public let test: [Int]
    /// test.count × t target values the predictions are scored against.
    public let actual: Matrix
    /// test.count × t predictions.
    public let predictions: Matrix
    /// Metrics per target on this fold's test rows.
    public let metrics: [PredictionMetrics]
    /// The grid search's choice (nil without a grid).
    public let bestParams: Params?
    /// Every grid candidate's mean inner r, in grid order (empty without a grid).
    public let gridScores: [Double]
    public let seconds: Double
    public let curves: [String: [Double]]
}

/// The result of cross-validating one model.
public struct CrossValidationOutcome: Sendable {
    /// n × t out-of-fold predictions, NaN for rows never tested.
    public let outOfFold: Matrix
    /// n × t target values the predictions were scored against (standardized with each fold's training
    /// statistics when the targets are), NaN for rows never tested.
    public let actual: Matrix
    public let folds: [FoldOutcome]
    /// Wall time of the whole run.
    public let seconds: Double
    /// The fitted models' curves from the first fold.
    public var curves: [String: [Double]] { folds.first?.curves ?? [:] }

    /// The folds of `parts` (runs of the same model on different folds of the same splits) as one run: folds in
    /// fold order, out-of-fold predictions of every part, seconds summed.
    public static func combining(_ parts: [CrossValidationOutcome]) -> CrossValidationOutcome {
        let shape = parts.first?.outOfFold ?? Matrix(rows: 0, cols: 0, repeating: .nan)
        return combining(folds: parts.flatMap(\.folds), rows: shape.rows, cols: shape.cols,
                         seconds: parts.reduce(0) { $0 + $1.seconds })
    }

    /// `combining` from the runs' folds alone: a fold-by-fold run keeps each fold's test rows, not the full-size
    /// (mostly NaN) matrices of every single-fold outcome until the last fold.
    public static func combining(folds: [FoldOutcome], rows: Int, cols: Int, seconds: Double) -> CrossValidationOutcome {
        CrossValidation.assemble(folds.sorted { $0.fold < $1.fold }, rows: rows, cols: cols, seconds: seconds)
    }
}

public enum CrossValidation {
    /// The seed of outer fold `fold` in a run seeded with `seed`: it drives the fold's featurization and model,
    /// and does not depend on the model, so several models can share a fold's features.
    public static func foldSeed(_ seed: UInt64, fold: Int) -> UInt64 {
        SeededGenerator(seed: seed, stream: UInt64(fold)).next0()
    }

    /// Cross-validates a model. In every outer fold: `featurize` fits preprocessing on the training rows,
    /// an optional grid or random search (inner k-fold on the training rows only) picks hyperparameters, the model is
    /// refit on the whole training fold and predicts the test rows. Folds run in parallel; results depend only on
    /// the inputs and `seed`. `only` runs just those folds (indices of `splits`; the others stay untested), with the
    /// seeds they have in a run of all folds, so runs of single folds `combining` into the run of all folds.
    public static func run(splits: [Split], only: [Int]? = nil, y: Matrix, featurize: Featurize, factory: ModelFactory,
                           baseParams: Params = [:], grid: ParamGrid? = nil, search: ParamSearch = .grid,
                           innerFolds: Int = 3, seed: UInt64, targets: FoldTargets? = nil,
                           progress: ((CrossValidationProgress) -> Void)? = nil) throws -> CrossValidationOutcome {
        guard !splits.isEmpty else { throw EvaluateError("cross-validation needs at least one split") }
        for (f, s) in splits.enumerated() {
            guard !s.train.isEmpty, !s.test.isEmpty else { throw EvaluateError("fold \(f + 1) has no training or no test rows") }
            guard (s.train + s.test).allSatisfy({ $0 >= 0 && $0 < y.rows }) else {
                throw EvaluateError("fold \(f + 1) refers to rows outside 0..<\(y.rows)")
            }
            guard Set(s.train).isDisjoint(with: s.test) else { throw EvaluateError("fold \(f + 1) has rows in both train and test") }
        }
        guard !y.hasNonFinite else { throw EvaluateError("targets contain missing values; drop those rows first") }
        let targets = targets ?? FoldTargets(y)
        let candidates = Grid.candidates(try Grid.validated(grid ?? [:], base: baseParams, factory: factory),
                                         search: search, seed: seed)
        let start = DispatchTime.now()
        let indices = only ?? Array(splits.indices)
        let folds: [FoldOutcome] = try Parallel.map(indices.count) { k in
            let f = indices[k]
            let foldStart = DispatchTime.now()
            let split = splits[f]
            let foldSeed = Self.foldSeed(seed, fold: f)
            do {
                var chosen: Params? = nil
                var scores: [Double] = []
                var params = baseParams
                if grid != nil {
                    let search = GridSearch(candidates: candidates, innerFolds: innerFolds)
                    let best = try search.best(rows: split.train, y: y, featurize: featurize, factory: factory,
                                               seed: foldSeed &+ 1, targets: targets)
                    (chosen, scores, params) = (best.params, best.scores, best.params)
                }
                let features = try featurize(split.train, split.test, foldSeed)
                let fitted = try factory(params).fit(features.train, targets.values(train: split.train, rows: split.train),
                                                     seed: foldSeed)
                let predicted = try fitted.predict(features.test)
                guard predicted.rows == split.test.count, predicted.cols == y.cols else {
                    throw EvaluateError("the model returned \(predicted.rows) × \(predicted.cols) predictions for "
                                        + "\(split.test.count) rows × \(y.cols) targets")
                }
                let yTest = targets.values(train: split.train, rows: split.test)
                let metrics = try (0..<y.cols).map { t in
                    try PredictionMetrics(actual: yTest.column(t), predicted: predicted.column(t))
                }
                let seconds = elapsed(since: foldStart)
                progress?(CrossValidationProgress(fold: f, folds: splits.count, seconds: seconds))
                return FoldOutcome(fold: f, test: split.test, actual: yTest, predictions: predicted, metrics: metrics,
                                   bestParams: chosen, gridScores: scores, seconds: seconds, curves: fitted.curves)
            } catch {
                throw EvaluateError("fold \(f + 1) of \(splits.count): \(error)")
            }
        }
        return assemble(folds, rows: y.rows, cols: y.cols, seconds: elapsed(since: start))
    }

    /// The outcome of `folds` over `rows` rows and `cols` targets (NaN where no fold tested a row).
    static func assemble(_ folds: [FoldOutcome], rows: Int, cols: Int, seconds: Double) -> CrossValidationOutcome {
        var outOfFold = Matrix(rows: rows, cols: cols, repeating: .nan)
        var actual = outOfFold
        for fold in folds {
            for (i, row) in fold.test.enumerated() {
                for t in 0..<cols {
                    outOfFold[row, t] = fold.predictions[i, t]
                    actual[row, t] = fold.actual[i, t]
                }
            }
        }
        return CrossValidationOutcome(outOfFold: outOfFold, actual: actual, folds: folds, seconds: seconds)
    }

    static func elapsed(since start: DispatchTime) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    }
}

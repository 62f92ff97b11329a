import Runner
import Config
import Evaluate
import Linalg
import Results

/// One model's cross-validation under one protocol, ready to be summarised.
public struct ModelOutcome: Sendable {
    public var name: String
    /// The estimator kind, e.g. `ridge`.
    public var kind: String
    public var outcome: CrossValidationOutcome
    public init(name: String, kind: String, outcome: CrossValidationOutcome) {
        self.name = name
        self.kind = kind
        self.outcome = outcome
    }
}

/// Everything the evaluation reports for one protocol.
public struct ProtocolScores: Sendable, Equatable {
    public var models: [ModelResult]
    public var comparisons: [PairedComparison]
    public var bestPredictions: [PredictionSample]
}

public enum ModelComparison {
    /// Scores every model per target (pooled and per-fold metrics, bootstrap CI, benchmark), compares the best
    /// model per target (highest pooled r; ties go to the earlier model) with each other model by paired bootstrap
    /// (all models of a target on the same resamples),
    /// and keeps up to `maxPredictions` of the best model's out-of-fold predictions (evenly spaced rows).
    public static func summarize(protocolName: String, targets: [String], y: Matrix, models: [ModelOutcome],
                                 benchmark: Double? = nil, bootstrap: Bootstrap = Bootstrap(),
                                 maxPredictions: Int = 2000) throws -> ProtocolScores {
        guard targets.count == y.cols else {
            throw EvaluateError("\(targets.count) target names for \(y.cols) target columns")
        }
        guard !models.isEmpty else { throw EvaluateError("no models to summarise for \(protocolName)") }
        var scores: [ModelResult] = [], comparisons: [PairedComparison] = [], samples: [PredictionSample] = []
        for (t, target) in targets.enumerated() {
            // Every model under one protocol predicts the same rows; all are scored on the same resamples, so
            // each model's interval and every paired difference come from one bootstrap matrix.
            let (actual, predicted) = testedPairs(y: y, predictions: models.map(\.outcome.outOfFold), target: t)
            var pooledR: [Double] = []
            var pooledMetrics: [Metrics] = []
            for (m, model) in models.enumerated() {
                do {
                    pooledMetrics.append(try Metrics(actual: actual, predicted: predicted[m]))
                } catch {
                    throw EvaluateError("\(model.name), \(target): \(error)")
                }
                pooledR.append(pooledMetrics[m].pearson)
            }
            var boot = bootstrap
            boot.seed = SeededGenerator(seed: bootstrap.seed, stream: UInt64(t)).next0()
            let resampled = try boot.resampledPearsonMatrix(actual: actual, predictions: predicted)
            for (m, model) in models.enumerated() {
                let ci = boot.percentileInterval(resampled.map { $0[m] })
                let foldRs = model.outcome.folds.map { $0.metrics[t].pearson }
                let mean = foldRs.reduce(0, +) / Double(foldRs.count)
                let sd = foldRs.count > 1
                    ? (foldRs.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(foldRs.count - 1)).squareRoot() : 0
                let best = model.outcome.folds.compactMap { fold in
                    fold.bestParams.map { p in p.mapValues { $0.description } }
                }
                scores.append(ModelResult(model: model.name, kind: model.kind, protocolName: protocolName, target: target,
                                         pooled: pooledMetrics[m], pearsonCI: ci,
                                         folds: model.outcome.folds.map { Metrics($0.metrics[t]) },
                                         foldPearsonMean: mean, foldPearsonSD: sd, bestParams: best,
                                         passesBenchmark: benchmark.map { pooledR[m] >= $0 },
                                         seconds: model.outcome.seconds, curves: model.outcome.curves))
            }
            let bestIndex = EvaluationSummary.bestFirst(pooledR)[0]
            let best = models[bestIndex]
            for (m, other) in models.enumerated() where m != bestIndex {
                let c = boot.compare(resampled: resampled, best: bestIndex, other: m,
                                     difference: pooledR[bestIndex] - pooledR[m])
                comparisons.append(PairedComparison(protocolName: protocolName, target: target, best: best.name,
                                                    other: other.name, difference: c.difference, ci: c.interval,
                                                    pValue: c.pValue))
            }
            let keep = evenlySpaced(actual.count, maxPredictions)
            samples.append(PredictionSample(protocolName: protocolName, target: target, model: best.name,
                                            actual: keep.map { actual[$0] }, predicted: keep.map { predicted[bestIndex][$0] }))
        }
        return ProtocolScores(models: scores, comparisons: comparisons, bestPredictions: samples)
    }

    /// Actual values and each model's predictions of target `t` on the rows every model predicted.
    static func testedPairs(y: Matrix, predictions: [Matrix], target t: Int) -> ([Double], [[Double]]) {
        var actual: [Double] = []
        var predicted = [[Double]](repeating: [], count: predictions.count)
        for r in 0..<y.rows where predictions.allSatisfy({ !$0[r, t].isNaN }) {
            actual.append(y[r, t])
            for m in predictions.indices { predicted[m].append(predictions[m][r, t]) }
        }
        return (actual, predicted)
    }

    /// Up to `limit` indices of 0..<count, evenly spaced, ascending.
    static func evenlySpaced(_ count: Int, _ limit: Int) -> [Int] {
        guard count > limit, limit > 0 else { return Array(0..<count) }
        return (0..<limit).map { $0 * count / limit }
    }
}

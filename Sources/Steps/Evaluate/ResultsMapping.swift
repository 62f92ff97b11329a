import Evaluate
import Results

/// Converts the evaluation library's scores into the results schema.
enum ResultsMapping {
    static func metrics(_ m: PredictionMetrics) -> Metrics {
        Metrics(n: m.n, pearson: m.pearson, spearman: m.spearman, r2: m.r2, rmse: m.rmse, mae: m.mae)
    }

    static func modelResult(_ s: ModelScore) -> ModelResult {
        ModelResult(model: s.model, kind: s.kind, protocolName: s.protocolName, target: s.target,
                    pooled: metrics(s.pooled), pearsonCI: s.pearsonCI, folds: s.folds.map(metrics),
                    foldPearsonMean: s.foldPearsonMean, foldPearsonSD: s.foldPearsonSD, bestParams: s.bestParams,
                    passesBenchmark: s.passesBenchmark, seconds: s.seconds, curves: s.curves)
    }

    static func comparison(_ c: PairedScore) -> PairedComparison {
        PairedComparison(protocolName: c.protocolName, target: c.target, best: c.best, other: c.other,
                         difference: c.difference, ci: c.ci, pValue: c.pValue)
    }

    static func sample(_ p: PredictionPairs) -> PredictionSample {
        PredictionSample(protocolName: p.protocolName, target: p.target, model: p.model, actual: p.actual,
                         predicted: p.predicted)
    }
}

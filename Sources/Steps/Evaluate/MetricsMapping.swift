import Evaluate
import Results

/// The evaluate step maps `Evaluate`'s metrics into the results schema here, so `Evaluate` knows nothing of `Results`.
extension Metrics {
    init(_ metrics: PredictionMetrics) {
        self.init(n: metrics.n, pearson: metrics.pearson, spearman: metrics.spearman, r2: metrics.r2,
                  rmse: metrics.rmse, mae: metrics.mae)
    }

    /// All metrics of `predicted` against `actual`.
    init(actual: [Double], predicted: [Double]) throws {
        self.init(try PredictionMetrics(actual: actual, predicted: predicted))
    }
}

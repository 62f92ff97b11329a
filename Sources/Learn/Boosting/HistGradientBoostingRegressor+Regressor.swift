import Linalg

/// Several targets at once: the rows are split (for early stopping) and binned once, then one
/// single-output model per target is boosted, the targets in parallel on the cores (each model's trees are then
/// grown on one core, so results never depend on the thread count).
extension HistGradientBoostingRegressor: Regressor {
    /// Fits one model per column of `y` (n × t); `seed` only drives the early-stopping split.
    public func fit(_ x: Matrix, _ y: Matrix, seed: UInt64) throws -> any FittedRegressor {
        try fitTargets(x, y, seed: seed)
    }

    /// `fit` with the concrete fitted type.
    public func fitTargets(_ x: Matrix, _ y: Matrix, seed: UInt64) throws -> FittedHistGradientBoostingTargets {
        guard y.rows == x.rows else { throw LearnError("x has \(x.rows) rows but y has \(y.rows)") }
        guard y.cols >= 1 else { throw LearnError("no target columns to fit") }
        guard !y.hasNonFinite else { throw LearnError("the targets have missing or infinite values; drop or impute them first") }
        let data = try prepare(x, seed: seed)
        let columns = (0..<y.cols).map { y.column($0) }
        let insideParallel = y.cols == 1 || Parallel.workers < 2
        let models = Parallel.map(y.cols) { t in boost(data, target: columns[t], parallel: insideParallel) }
        return FittedHistGradientBoostingTargets(models: models)
    }
}

/// One fitted histogram gradient boosting model per target, sharing one binner.
public struct FittedHistGradientBoostingTargets: FittedRegressor {
    /// One model per target, in target order.
    public let models: [FittedHistGradientBoosting]

    /// Predictions n × t; the rows are binned once for all targets.
    public func predict(_ x: Matrix) throws -> Matrix {
        guard let first = models.first else { return Matrix(rows: x.rows, cols: 0) }
        let binned = try first.binner.transform(x)
        return Matrix(columns: models.map { $0.predict(binned: binned) })
    }

    /// Curves per target, keyed `"<curve> <target index>"` when there are several targets.
    public var curves: [String: [Double]] {
        if models.count == 1 { return models[0].curves }
        var out: [String: [Double]] = [:]
        for (t, m) in models.enumerated() { for (k, v) in m.curves { out["\(k) \(t)"] = v } }
        return out
    }
}

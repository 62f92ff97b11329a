/// Regression metrics of predictions against actual values.
public enum Metric {
    /// Pearson's correlation coefficient r. Throws when either vector is constant (r is undefined there).
    public static func pearson(_ actual: [Double], _ predicted: [Double]) throws -> Double {
        try checkPair(actual, predicted, minimum: 2)
        let n = Double(actual.count)
        let ma = actual.reduce(0, +) / n, mp = predicted.reduce(0, +) / n
        var sab = 0.0, saa = 0.0, spp = 0.0
        for i in actual.indices {
            let a = actual[i] - ma, p = predicted[i] - mp
            sab += a * p
            saa += a * a
            spp += p * p
        }
        guard saa > 0 else { throw EvaluateError("Pearson r is undefined: the actual values are all equal") }
        guard spp > 0 else {
            throw EvaluateError("Pearson r is undefined: the predictions are all equal (the model predicts a constant)")
        }
        return min(1, max(-1, sab / (saa.squareRoot() * spp.squareRoot())))
    }

    /// Spearman's rank correlation rho (Pearson r of the ranks; tied values share their average rank).
    public static func spearman(_ actual: [Double], _ predicted: [Double]) throws -> Double {
        try checkPair(actual, predicted, minimum: 2)
        return try pearson(ranks(actual), ranks(predicted))
    }

    /// Coefficient of determination R² = 1 − SS_res / SS_tot. Throws when the actual values are constant.
    public static func r2(_ actual: [Double], _ predicted: [Double]) throws -> Double {
        try checkPair(actual, predicted, minimum: 2)
        let mean = actual.reduce(0, +) / Double(actual.count)
        var res = 0.0, tot = 0.0
        for i in actual.indices {
            res += (actual[i] - predicted[i]) * (actual[i] - predicted[i])
            tot += (actual[i] - mean) * (actual[i] - mean)
        }
        guard tot > 0 else { throw EvaluateError("R² is undefined: the actual values are all equal") }
        return 1 - res / tot
    }

    /// Root mean squared error.
    public static func rmse(_ actual: [Double], _ predicted: [Double]) throws -> Double {
        try checkPair(actual, predicted, minimum: 1)
        var s = 0.0
        for i in actual.indices { s += (actual[i] - predicted[i]) * (actual[i] - predicted[i]) }
        return (s / Double(actual.count)).squareRoot()
    }

    /// Mean absolute error.
    public static func mae(_ actual: [Double], _ predicted: [Double]) throws -> Double {
        try checkPair(actual, predicted, minimum: 1)
        var s = 0.0
        for i in actual.indices { s += abs(actual[i] - predicted[i]) }
        return s / Double(actual.count)
    }

    /// Ranks starting at 1; tied values get the mean of the ranks they span (scipy's `rankdata` "average").
    public static func ranks(_ values: [Double]) -> [Double] {
        let order = values.indices.sorted { values[$0] != values[$1] ? values[$0] < values[$1] : $0 < $1 }
        var out = [Double](repeating: 0, count: values.count)
        var i = 0
        while i < order.count {
            var j = i
            while j + 1 < order.count && values[order[j + 1]] == values[order[i]] { j += 1 }
            let rank = Double(i + j) / 2 + 1
            for m in i...j { out[order[m]] = rank }
            i = j + 1
        }
        return out
    }

    static func checkPair(_ a: [Double], _ p: [Double], minimum: Int) throws {
        guard a.count == p.count else {
            throw EvaluateError("metric needs as many predictions as actual values, got \(p.count) and \(a.count)")
        }
        guard a.count >= minimum else {
            throw EvaluateError("metric needs at least \(minimum) values, got \(a.count)")
        }
        guard a.allSatisfy(\.isFinite), p.allSatisfy(\.isFinite) else {
            throw EvaluateError("metric got NaN or infinite values (a row without a prediction?)")
        }
    }
}

/// Every metric of one set of predictions (mapped to the results schema's `Metrics` by the evaluate step).
public struct PredictionMetrics: Sendable, Equatable {
    public var n: Int
    public var pearson: Double
    public var spearman: Double
    public var r2: Double
    public var rmse: Double
    public var mae: Double

    /// All metrics of `predicted` against `actual`.
    public init(actual: [Double], predicted: [Double]) throws {
        n = actual.count
        pearson = try Metric.pearson(actual, predicted)
        spearman = try Metric.spearman(actual, predicted)
        r2 = try Metric.r2(actual, predicted)
        rmse = try Metric.rmse(actual, predicted)
        mae = try Metric.mae(actual, predicted)
    }
}

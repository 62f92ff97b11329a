import Runner
import Config
import Evaluate
import Results

/// Metrics per group of a column, and whether the pooled r mostly reflects differences between the groups.
public enum GroupMetrics {
    /// The breakdown of `predicted` against `actual` by `groups` (one group name per value).
    public static func breakdown(protocolName: String, target: String, model: String, column: String,
                                 groups: [String], actual: [Double], predicted: [Double]) -> GroupBreakdown {
        var rowsOf: [String: [Int]] = [:]
        for (i, g) in groups.enumerated() { rowsOf[g, default: []].append(i) }
        let names = rowsOf.keys.sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) { $0.value < $1.value } }
        var scores: [GroupScore] = []
        var centredActual = actual, centredPredicted = predicted
        var between = 0.0
        let grand = mean(actual)
        for name in names {
            let rows = rowsOf[name] ?? []
            let a = rows.map { actual[$0] }, p = rows.map { predicted[$0] }
            scores.append(GroupScore(name: name, n: rows.count, metrics: try? Metrics(actual: a, predicted: p)))
            let ma = mean(a), mp = mean(p)
            between += Double(rows.count) * (ma - grand) * (ma - grand)
            for r in rows {
                centredActual[r] -= ma
                centredPredicted[r] -= mp
            }
        }
        let total = actual.reduce(0) { $0 + ($1 - grand) * ($1 - grand) }
        let share = total > 0 ? between / total : 0
        let pooled = (try? Metric.pearson(actual, predicted)) ?? .nan
        let within = try? Metric.pearson(centredActual, centredPredicted)
        let dominated = share >= GroupBreakdown.betweenShareLimit
            || (within.map { pooled - $0 >= GroupBreakdown.withinGapLimit } ?? false)
        return GroupBreakdown(protocolName: protocolName, target: target, model: model, column: column, groups: scores,
                              pooledPearson: pooled, withinPearson: within, betweenShare: share, dominated: dominated)
    }

    private static func mean(_ values: [Double]) -> Double {
        values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count)
    }
}

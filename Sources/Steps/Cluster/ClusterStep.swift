import Runner
import Config
import Foundation
import Learn
import Linalg
import Results
import Support

/// The `cluster` step: KMeans model selection on the (cleaned, training) feature matrix (its output block is
/// `StepSummary.cluster`). The per-fold features come from `ClusterConfig.transform(k:)`.
public enum ClusterStep {
    /// Fits KMeans for every candidate k on `x`, chooses k by the configured rule, and summarises the
    /// chosen clustering: sizes and the mean of each column of `y` (e.g. valence, arousal) per cluster.
    /// `unmatched` are the rows without a join match (a warning names a cluster made of exactly them).
    public static func selectK(_ x: Matrix, y: Matrix, config: ClusterConfig, seed: UInt64,
                               unmatched: [Int] = []) throws -> ClusterSummary {
        try config.validate()
        guard y.rows == x.rows else {
            throw LearnError("cluster: \(x.rows) feature rows but \(y.rows) target rows")
        }
        let selection = try KSelection.select(x, ks: config.k.candidates, rule: config.rule,
                                              base: config.kmeans(k: config.k.candidates.lowerBound),
                                              silhouetteSample: config.silhouetteSample, seed: seed)
        let model = selection.chosen.model
        let sizes = model.sizes
        var means = [[Double]](repeating: [Double](repeating: 0, count: model.k), count: y.cols)
        var counts = [[Int]](repeating: [Int](repeating: 0, count: model.k), count: y.cols)
        for (r, label) in model.labels.enumerated() {
            for t in 0..<y.cols where !y[r, t].isNaN {
                means[t][label] += y[r, t]
                counts[t][label] += 1
            }
        }
        for t in 0..<y.cols {
            for c in 0..<model.k { means[t][c] = counts[t][c] > 0 ? means[t][c] / Double(counts[t][c]) : .nan }
        }
        let range = config.k.candidates
        var warnings: [String] = []
        if unmatchedCluster(labels: model.labels, unmatched: unmatched) != nil {
            warnings.append("one cluster holds exactly the \(NumberFormat.grouped(unmatched.count)) rows without a join match: it encodes the missing "
                            + "joined features, not a group found in the data")
        }
        if range.count > 1, model.k == range.lowerBound || model.k == range.upperBound {
            let edge = model.k == range.upperBound ? "largest" : "smallest"
            let widen = model.k == range.upperBound ? "raise `k.max`" : "lower `k.min`"
            warnings.append("the \(config.rule.rawValue) rule chose k = \(model.k), the \(edge) candidate of \(range.lowerBound) to "
                            + "\(range.upperBound): the best k may lie outside the range; \(widen) to check")
        }
        return ClusterSummary(
            candidates: selection.candidates.map { ClusterCandidate(k: $0.k, inertia: $0.inertia, silhouette: $0.silhouette) },
            rule: config.rule.rawValue, chosenK: model.k, features: config.features.map(\.rawValue),
            sizes: sizes, targetMeans: means, warnings: warnings.isEmpty ? nil : warnings)
    }

    /// The cluster whose rows are exactly `unmatched` (the rows without a join match), if any: such a cluster
    /// only encodes "has no joined features", which the model can learn from the imputed values anyway.
    public static func unmatchedCluster(labels: [Int], unmatched: [Int]) -> Int? {
        guard !unmatched.isEmpty, unmatched.count < labels.count else { return nil }
        let label = labels[unmatched[0]]
        guard unmatched.allSatisfy({ labels[$0] == label }) else { return nil }
        return labels.reduce(0) { $0 + ($1 == label ? 1 : 0) } == unmatched.count ? label : nil
    }
}

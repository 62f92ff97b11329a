import Linalg

/// How the number of clusters is chosen from a range of candidates.
public enum KSelectionRule: String, Codable, Sendable, CaseIterable {
    /// The k with the highest (sampled) silhouette score; ties go to the smaller k.
    case maxSilhouette = "max_silhouette"
    /// The elbow of the inertia curve: with k and inertia both rescaled to [0, 1], the k whose point lies
    /// farthest below the chord from the first to the last candidate (the "kneedle" criterion).
    /// With fewer than three candidates, the smallest k.
    case elbow
}

/// One candidate k: its fitted clustering and scores.
public struct KCandidate: Sendable {
    public let k: Int
    public let inertia: Double
    public let silhouette: Double
    public let model: FittedKMeans
}

/// KMeans fitted for every k in a range, and the k a rule picked.
public struct KSelection: Sendable {
    public let candidates: [KCandidate]
    public let rule: KSelectionRule
    public let chosen: KCandidate

    /// Fits `base` (its `nClusters` replaced by each k in `ks`) on `x`, scores inertia and silhouette
    /// (on `silhouetteSample` rows when given, seeded), and applies `rule`.
    public static func select(_ x: Matrix, ks: ClosedRange<Int>, rule: KSelectionRule,
                              base: KMeans.Hyperparameters = .init(), silhouetteSample: Int? = 5000,
                              seed: UInt64) throws -> KSelection {
        guard ks.lowerBound >= 2 else {
            throw LearnError("k selection needs k >= 2 (the silhouette is undefined for one cluster), got \(ks.lowerBound)")
        }
        guard ks.upperBound < x.rows else {
            throw LearnError("k selection: k = \(ks.upperBound) needs more than \(ks.upperBound) rows, got \(x.rows)")
        }
        var candidates: [KCandidate] = []
        for k in ks {
            var h = base
            h.nClusters = k
            let model = try KMeans(h).fit(x, seed: seed)
            let s = try silhouetteScore(x, labels: model.labels, sampleSize: silhouetteSample, seed: seed)
            candidates.append(KCandidate(k: k, inertia: model.inertia, silhouette: s, model: model))
        }
        let index = rule == .maxSilhouette
            ? maxSilhouetteIndex(candidates.map(\.silhouette))
            : elbowIndex(ks: candidates.map(\.k), inertias: candidates.map(\.inertia))
        return KSelection(candidates: candidates, rule: rule, chosen: candidates[index])
    }

    /// Index of the highest score; the first on ties.
    static func maxSilhouetteIndex(_ scores: [Double]) -> Int {
        var best = 0
        for i in scores.indices where scores[i] > scores[best] { best = i }
        return best
    }

    /// Index of the point farthest below the chord of the normalized (k, inertia) curve.
    static func elbowIndex(ks: [Int], inertias: [Double]) -> Int {
        guard ks.count >= 3, let first = inertias.first, let last = inertias.last,
              let k0 = ks.first, let k1 = ks.last, k1 > k0 else { return 0 }
        let span = first - last
        guard span > 0 else { return 0 }
        var best = 0, bestGap = 0.0
        for i in ks.indices {
            let u = Double(ks[i] - k0) / Double(k1 - k0)
            let v = (inertias[i] - last) / span
            // The chord runs from (0, 1) to (1, 0): its height at u is 1 − u.
            let gap = (1 - u) - v
            if gap > bestGap { bestGap = gap; best = i }
        }
        return best
    }
}

import Config
import Learn

/// The `cluster` step's configuration block:
///
/// ```yaml cluster
/// k: {min: 2, max: 12}       # or k: 8
/// rule: max_silhouette       # max_silhouette | elbow
/// n_init: 10
/// max_iter: 300
/// tol: 0.0001
/// silhouette_sample: 5000
/// features: [onehot, distances]
/// ```
/// Every key is optional; unknown keys are rejected with the list of known ones.
public struct ClusterConfig: Decodable, Sendable, Equatable {
    /// The candidate numbers of clusters: one fixed k, or an inclusive range to choose from.
    public enum KChoice: Decodable, Sendable, Equatable {
        case fixed(Int)
        case range(min: Int, max: Int)

        /// The candidates as a closed range (a single value for `fixed`).
        public var candidates: ClosedRange<Int> {
            switch self {
            case .fixed(let k): return k...k
            case .range(let lo, let hi): return lo...hi
            }
        }

        private enum Keys: String, CodingKey { case min, max }

        public init(from decoder: Decoder) throws {
            if let k = try? decoder.singleValueContainer().decode(Int.self) {
                self = .fixed(k)
                return
            }
            let c = try decoder.container(keyedBy: Keys.self)
            self = .range(min: try c.decode(Int.self, forKey: .min), max: try c.decode(Int.self, forKey: .max))
        }
    }

    public var k: KChoice = .range(min: 2, max: 12)
    public var rule: KSelectionRule = .maxSilhouette
    public var nInit: Int = 10
    public var maxIter: Int = 300
    public var tol: Double = 1e-4
    /// Rows on which the silhouette is computed (all rows when nil or larger than the data).
    public var silhouetteSample: Int? = 5000
    public var features: [ClusterFeatures.Kind] = [.onehot, .distances]

    public init() {}

    enum CodingKeys: String, CodingKey, CaseIterable {
        case k, rule, nInit = "n_init", maxIter = "max_iter", tol, silhouetteSample = "silhouette_sample", features
    }

    /// Unknown keys are reported by the config decoder (with the nearest known key), like every step's.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = ClusterConfig()
        k = try c.decodeIfPresent(KChoice.self, forKey: .k) ?? d.k
        rule = try c.decodeIfPresent(KSelectionRule.self, forKey: .rule) ?? d.rule
        nInit = try c.decodeIfPresent(Int.self, forKey: .nInit) ?? d.nInit
        maxIter = try c.decodeIfPresent(Int.self, forKey: .maxIter) ?? d.maxIter
        tol = try c.decodeIfPresent(Double.self, forKey: .tol) ?? d.tol
        silhouetteSample = try c.decodeIfPresent(Int.self, forKey: .silhouetteSample) ?? d.silhouetteSample
        features = try c.decodeIfPresent([ClusterFeatures.Kind].self, forKey: .features) ?? d.features
        try validate()
    }

    /// Throws a message a person can act on when values are out of range.
    public func validate() throws {
        // The order matters: `candidates` is a ClosedRange, which must not be built from min > max.
        if case .range(let lo, let hi) = k, lo > hi {
            throw LearnError("cluster: k.min (\(lo)) is larger than k.max (\(hi))")
        }
        let ks = k.candidates
        if ks.lowerBound < 2 { throw LearnError("cluster: k must be at least 2, got \(ks.lowerBound)") }
        if nInit < 1 { throw LearnError("cluster: n_init must be at least 1, got \(nInit)") }
        if maxIter < 1 { throw LearnError("cluster: max_iter must be at least 1, got \(maxIter)") }
        if !(tol >= 0) { throw LearnError("cluster: tol must be >= 0, got \(tol)") }
        if let s = silhouetteSample, s < 2 { throw LearnError("cluster: silhouette_sample must be at least 2, got \(s)") }
        if features.isEmpty { throw LearnError("cluster: features must list onehot, distances or both") }
    }

    /// KMeans hyperparameters for a given k.
    public func kmeans(k: Int) -> KMeans.Hyperparameters {
        KMeans.Hyperparameters(nClusters: k, nInit: nInit, maxIter: maxIter, tol: tol)
    }

    /// The transform that appends this configuration's cluster features, for a chosen k.
    public func transform(k: Int) -> ClusterFeatures {
        ClusterFeatures(kmeans: kmeans(k: k), kinds: features)
    }
}

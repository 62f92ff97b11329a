import Runner
import Config
import Support
import Evaluate
import Foundation
import Frame
import Learn
import Linalg

/// Builds the feature matrices of one train/test partition: the clean pipeline (and the cluster
/// features, when the model uses them) fitted on the training rows only, then applied to both sides.
///
/// Results are cached per partition and feature set, so models that share folds share the fitted
/// pipeline; the cache is safe to use from the parallel folds. Memory stays proportional to what is still
/// needed: an outer fold's matrices are dropped once every model using them has taken them, and other
/// partitions (inner folds of a grid search) are kept only while the cache holds less than `sparePartitionBytes`, and
/// once `expectGridSearches` said how many models search a grid, only until the last of them has taken them (a
/// partition only one model asks for is not kept at all).
public final class FoldFeaturizer: @unchecked Sendable {
    private let frame: DataFrame
    private let pipeline: CleanPipeline
    private let cluster: ClusterPlan?
    private let targets: FoldTargets
    /// The protocol's group of every row (grouped protocols): target encodings cross-fit whole groups.
    private let groups: [String?]?
    /// Text columns are analysed once for every partition.
    private let termCounts: TermCountCache
    private let lock = NSLock()
    private var cache: [Key: Entry] = [:]
    /// Bytes held by entries that are not outer folds.
    private var spareBytes = 0
    /// Models that search a grid (and so ask for the same inner partitions), by whether they use cluster features;
    /// nil when unknown (then inner partitions are kept while there is room).
    private var gridSearches: [Bool: Int]?

    /// Bytes of matrices of partitions that no prefetch announced (computed again when over this).
    static let sparePartitionBytes = 128 << 20

    private struct Entry {
        let matrices: (train: Matrix, test: Matrix)
        /// Takes still expected (outer folds: one per model; inner partitions: one per other grid search when
        /// announced); nil for entries that stay.
        var remaining: Int?
        /// Bytes counted in `spareBytes` (0 for outer folds).
        var spare = 0
    }

    private struct Key: Hashable {
        let train: [Int]
        let test: [Int]
        let withClusters: Bool
        let seed: UInt64
    }

    public init(frame: DataFrame, pipeline: CleanPipeline, cluster: ClusterPlan?, targets: FoldTargets,
                groups: [String?]? = nil) {
        self.frame = frame
        self.pipeline = pipeline
        self.cluster = cluster
        self.targets = targets
        self.groups = groups
        termCounts = TermCountCache(frame: frame)
    }

    /// The `Featurize` closure for a model trained on `features`.
    func closure(for features: FeatureSet) -> Featurize {
        let withClusters = usesClusters(features)
        return { [self] train, test, seed in try self.matrices(train: train, test: test, withClusters: withClusters, seed: seed) }
    }

    /// Partitions whose matrices are held (for tests).
    var cachedPartitions: Int {
        lock.lock()
        defer { lock.unlock() }
        return cache.count
    }

    private func usesClusters(_ features: FeatureSet) -> Bool { features == .all && cluster != nil }

    /// Announces the models that search a grid (one feature set per model): each inner partition is asked for once
    /// by each of them, so it is kept only until the last has taken it.
    func expectGridSearches(_ features: [FeatureSet]) {
        lock.lock()
        gridSearches = Dictionary(features.map { (usesClusters($0), 1) }, uniquingKeysWith: +)
        lock.unlock()
    }

    /// Builds the features of outer folds `folds` of `splits` up front (in parallel), so that models evaluated
    /// concurrently find them ready instead of computing the same partition twice. `features` holds one
    /// feature set per model: each fold's matrices are dropped once that many models have taken them.
    func prefetch(_ splits: [Split], folds: [Int], features: [FeatureSet], seed: UInt64) throws {
        let uses = Dictionary(features.map { ($0, 1) }, uniquingKeysWith: +)
        let sets = uses.keys.sorted { $0.rawValue < $1.rawValue }
        let jobs = folds.flatMap { f in sets.map { (f, $0) } }
        _ = try Parallel.map(jobs.count) { j in
            let (f, set) = jobs[j]
            let key = Key(train: splits[f].train, test: splits[f].test, withClusters: usesClusters(set),
                          seed: CrossValidation.foldSeed(seed, fold: f))
            let matrices = try compute(key)
            lock.lock()
            cache[key] = Entry(matrices: matrices, remaining: (cache[key]?.remaining ?? 0) + (uses[set] ?? 1))
            lock.unlock()
        }
    }

    private func matrices(train: [Int], test: [Int], withClusters: Bool, seed: UInt64) throws -> (train: Matrix, test: Matrix) {
        let key = Key(train: train, test: test, withClusters: withClusters, seed: seed)
        lock.lock()
        if var hit = cache[key] {
            if let remaining = hit.remaining {
                hit.remaining = remaining - 1
                cache[key] = remaining > 1 ? hit : nil
                if remaining <= 1 { spareBytes -= hit.spare }
            }
            lock.unlock()
            return hit.matrices
        }
        lock.unlock()
        let result = try compute(key)
        let bytes = (result.train.values.count + result.test.values.count) * MemoryLayout<Double>.stride
        lock.lock()
        let askers = gridSearches.map { $0[withClusters] ?? 0 }
        if cache[key] == nil, askers.map({ $0 > 1 }) ?? true, spareBytes + bytes <= Self.sparePartitionBytes {
            cache[key] = Entry(matrices: result, remaining: askers.map { $0 - 1 }, spare: bytes)
            spareBytes += bytes
        }
        lock.unlock()
        return result
    }

    /// The clean pipeline (and cluster features) fitted on the key's training rows, applied to both sides.
    private func compute(_ key: Key) throws -> (train: Matrix, test: Matrix) {
        let (train, test, withClusters, seed) = (key.train, key.test, key.withClusters, key.seed)
        // Fold seeds depend on the run seed and the fold, never on the model: models share these matrices.
        let (fitted, trainMatrix) = try fitPipeline(train: train, seed: seed)
        var result = (train: trainMatrix, test: try fitted.transform(frame, rows: test, termCounts: termCounts))
        if withClusters, let clusters = try fitClusters(trainMatrix, seed: seed) {
            result = (train: clusters.matrix, test: try clusters.fitted.transform(result.test))
        }
        return result
    }

    /// The clean pipeline fitted on the `train` rows only (targets standardized with those rows' statistics),
    /// and its training matrix.
    public func fitPipeline(train: [Int], seed: UInt64) throws -> (fitted: FittedCleanPipeline, matrix: Matrix) {
        try pipeline.fitTransform(frame, rows: train, targets: targets.values(train: train, rows: train), seed: seed,
                                  groups: groups.map { g in train.map { g[$0] } }, termCounts: termCounts)
    }

    /// The cluster features fitted on a cleaned training matrix, and that matrix with them appended (nil without
    /// a cluster step).
    public func fitClusters(_ trainMatrix: Matrix, seed: UInt64) throws -> (fitted: any FittedMatrixTransform, matrix: Matrix)? {
        guard let cluster else { return nil }
        let fitted = try cluster.transform.fit(trainMatrix, seed: seed)
        return (fitted, try fitted.transform(trainMatrix))
    }
}

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
/// pipeline; the cache is safe to use from the parallel folds.
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
    private var cache: [Key: (train: Matrix, test: Matrix)] = [:]

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
        let withClusters = features == .all && cluster != nil
        return { [self] train, test, seed in try self.matrices(train: train, test: test, withClusters: withClusters, seed: seed) }
    }

    /// Builds the features of every outer fold up front (folds in parallel), so that models evaluated
    /// concurrently find them ready instead of computing the same partition twice.
    func prefetch(_ splits: [Split], features: Set<FeatureSet>, seed: UInt64) throws {
        let jobs = splits.indices.flatMap { f in features.sorted { $0.rawValue < $1.rawValue }.map { (f, $0) } }
        _ = try Parallel.map(jobs.count) { j in
            let (f, set) = jobs[j]
            return try closure(for: set)(splits[f].train, splits[f].test, CrossValidation.foldSeed(seed, fold: f))
        }
    }

    private func matrices(train: [Int], test: [Int], withClusters: Bool, seed: UInt64) throws -> (train: Matrix, test: Matrix) {
        let key = Key(train: train, test: test, withClusters: withClusters, seed: seed)
        lock.lock()
        if let hit = cache[key] { lock.unlock(); return hit }
        lock.unlock()
        // Fold seeds depend on the run seed and the fold, never on the model: models share these matrices.
        let (fitted, trainMatrix) = try fitPipeline(train: train, seed: seed)
        var result = (train: trainMatrix, test: try fitted.transform(frame, rows: test, termCounts: termCounts))
        if withClusters, let clusters = try fitClusters(trainMatrix, seed: seed) {
            result = (train: clusters.matrix, test: try clusters.fitted.transform(result.test))
        }
        lock.lock()
        cache[key] = result
        lock.unlock()
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

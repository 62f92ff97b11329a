import Linalg

/// K-means clustering (Lloyd's algorithm, greedy k-means++ seeding), following scikit-learn's KMeans.
///
/// The best of `nInit` restarts (lowest inertia) is kept. Restarts run in parallel, each with its own
/// `SeededGenerator(seed:stream:)`, so the result does not depend on thread scheduling.
public struct KMeans: Sendable {
    /// How the first centroids are chosen.
    public enum Initialization: String, Codable, Sendable, CaseIterable {
        /// Greedy k-means++ (2 + ⌊ln k⌋ candidates per centroid, as scikit-learn).
        case kMeansPlusPlus = "k-means++"
        /// k distinct rows drawn uniformly.
        case random
    }

    /// Hyperparameters as plain data.
    public struct Hyperparameters: Codable, Sendable, Equatable {
        public var nClusters: Int
        public var nInit: Int
        public var maxIter: Int
        /// Convergence tolerance, relative to the mean per-column variance of the data (as scikit-learn).
        public var tol: Double
        public var initialization: Initialization

        public init(nClusters: Int = 8, nInit: Int = 10, maxIter: Int = 300, tol: Double = 1e-4,
                    initialization: Initialization = .kMeansPlusPlus) {
            self.nClusters = nClusters
            self.nInit = nInit
            self.maxIter = maxIter
            self.tol = tol
            self.initialization = initialization
        }
    }

    public var hyperparameters: Hyperparameters

    public init(_ hyperparameters: Hyperparameters = Hyperparameters()) {
        self.hyperparameters = hyperparameters
    }

    /// Fits on the rows of `x`; the same seed gives the same centroids.
    public func fit(_ x: Matrix, seed: UInt64) throws -> FittedKMeans {
        let h = hyperparameters
        guard h.nClusters >= 1 else { throw LearnError("KMeans needs n_clusters >= 1, got \(h.nClusters)") }
        guard h.nInit >= 1 else { throw LearnError("KMeans needs n_init >= 1, got \(h.nInit)") }
        guard h.maxIter >= 1 else { throw LearnError("KMeans needs max_iter >= 1, got \(h.maxIter)") }
        guard x.rows >= h.nClusters else {
            throw LearnError("KMeans with n_clusters = \(h.nClusters) needs at least that many rows, got \(x.rows)")
        }
        guard x.cols >= 1 else { throw LearnError("KMeans needs at least one feature column") }
        guard !x.hasNonFinite else {
            throw LearnError("KMeans input contains missing or infinite values; impute before clustering")
        }
        let problem = LloydProblem(x: x, k: h.nClusters, tol: h.tol * meanColumnVariance(x))
        let parallelRestarts = h.nInit > 1
        let runs = Parallel.map(h.nInit) { run -> LloydResult in
            var rng = SeededGenerator(seed: seed, stream: UInt64(run))
            let start = h.initialization == .kMeansPlusPlus
                ? problem.kMeansPlusPlus(&rng)
                : x.selectingRows(Array(rng.permutation(x.rows).prefix(h.nClusters)))
            return problem.lloyd(start: start, maxIter: h.maxIter, parallelBlocks: !parallelRestarts)
        }
        // Lowest inertia wins; ties go to the earliest restart, so the choice is deterministic.
        var best = runs[0]
        for r in runs.dropFirst() where r.inertia < best.inertia { best = r }
        return FittedKMeans(centroids: best.centers, labels: best.labels, inertia: best.inertia,
                            nIter: best.iterations)
    }

    private func meanColumnVariance(_ x: Matrix) -> Double {
        var total = 0.0
        for c in 0..<x.cols {
            var mean = 0.0
            for r in 0..<x.rows { mean += x[r, c] }
            mean /= Double(x.rows)
            var v = 0.0
            for r in 0..<x.rows { let d = x[r, c] - mean; v += d * d }
            total += v / Double(x.rows)
        }
        return total / Double(x.cols)
    }
}

/// A fitted clustering: centroids, the training labels and inertia.
public struct FittedKMeans: Sendable, Equatable {
    /// k × d centroids.
    public let centroids: Matrix
    /// Cluster of each training row.
    public let labels: [Int]
    /// Sum of squared distances of training rows to their centroid.
    public let inertia: Double
    /// Lloyd iterations of the winning restart.
    public let nIter: Int

    /// Number of clusters.
    public var k: Int { centroids.rows }

    /// Training rows per cluster.
    public var sizes: [Int] {
        var s = [Int](repeating: 0, count: k)
        for l in labels { s[l] += 1 }
        return s
    }

    /// Nearest centroid of each row of `x`.
    public func predict(_ x: Matrix) throws -> [Int] {
        let d = try squaredDistances(x)
        return (0..<x.rows).map { r in
            var best = 0
            for j in 1..<max(1, k) where d[r, j] < d[r, best] { best = j }
            return best
        }
    }

    /// n × k squared Euclidean distances from each row of `x` to each centroid.
    public func squaredDistances(_ x: Matrix) throws -> Matrix {
        guard x.cols == centroids.cols else {
            throw LearnError("KMeans was fitted on \(centroids.cols) columns but got \(x.cols)")
        }
        guard !x.hasNonFinite else { throw LearnError("KMeans input contains missing or infinite values") }
        return SquaredDistances.all(x, centers: centroids)
    }
}

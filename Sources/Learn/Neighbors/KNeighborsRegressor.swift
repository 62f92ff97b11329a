import Linalg

/// k-nearest-neighbours regression (scikit-learn's `KNeighborsRegressor`, Euclidean distance, brute force).
///
/// Predicts the mean (or inverse-distance weighted mean) of the k nearest training rows' targets.
public struct KNeighborsRegressor: Regressor, Codable, Equatable {
    /// How neighbours' targets are averaged.
    public enum Weights: String, Codable, Sendable {
        /// Every neighbour counts the same.
        case uniform
        /// Neighbours weigh 1 / distance; neighbours at distance 0 take all the weight.
        case distance
    }

    public var nNeighbors: Int
    public var weights: Weights

    enum CodingKeys: String, CodingKey {
        case weights
        case nNeighbors = "n_neighbors"
    }

    public init(nNeighbors: Int = 5, weights: Weights = .uniform) {
        self.nNeighbors = nNeighbors
        self.weights = weights
    }

    public func fit(_ x: Matrix, _ y: Matrix, seed: UInt64) throws -> any FittedRegressor {
        try fitNeighbors(x, y)
    }

    /// Throws when a hyperparameter is out of range (call it when building the model from a config or grid).
    public func validate() throws {
        guard nNeighbors >= 1 else {
            throw LearnError("KNeighborsRegressor n_neighbors must be at least 1, got \(nNeighbors)")
        }
    }

    /// The fitted model (it stores the training rows).
    public func fitNeighbors(_ x: Matrix, _ y: Matrix) throws -> FittedKNeighbors {
        try validate()
        guard x.rows == y.rows else {
            throw LearnError("KNeighborsRegressor: features have \(x.rows) rows but targets have \(y.rows)")
        }
        guard nNeighbors <= x.rows else {
            throw LearnError("KNeighborsRegressor n_neighbors = \(nNeighbors) but there are only \(x.rows) training rows; "
                             + "lower n_neighbors to at most \(x.rows)")
        }
        guard x.cols >= 1 else { throw LearnError("KNeighborsRegressor needs at least one feature column") }
        guard !x.hasNonFinite else {
            throw LearnError("KNeighborsRegressor: features contain NaN or infinite values; impute them first")
        }
        guard !y.hasNonFinite else { throw LearnError("KNeighborsRegressor: targets contain NaN or infinite values") }
        return FittedKNeighbors(k: nNeighbors, weights: weights, train: x, targets: y)
    }
}

/// A fitted k-nearest-neighbours model.
///
/// Searches the distinct training rows (duplicates merged) for the distinct query rows: squared distances
/// ||q||² + ||x||² − 2 q·x come from BLAS in blocks of query rows spread over the cores; candidates are then
/// ranked by their exact distance, ties going to the lower training row index.
public struct FittedKNeighbors: FittedRegressor {
    let k: Int
    let weights: KNeighborsRegressor.Weights
    let targets: Matrix
    let distinct: DistinctRows
    let distinctNorms: [Double]

    /// Query rows per distance block: the block's distances (rows × training rows) stay cache-friendly.
    static let blockRows = 64

    init(k: Int, weights: KNeighborsRegressor.Weights, train: Matrix, targets: Matrix) {
        self.k = k
        self.weights = weights
        self.targets = targets
        self.distinct = DistinctRows(train)
        self.distinctNorms = squaredRowNorms(distinct.matrix)
    }

    var featureCount: Int { distinct.matrix.cols }

    public func predict(_ x: Matrix) throws -> Matrix {
        guard x.cols == featureCount else {
            throw LearnError("KNeighborsRegressor was fitted on \(featureCount) features but got \(x.cols)")
        }
        guard !x.hasNonFinite else {
            throw LearnError("KNeighborsRegressor: features contain NaN or infinite values; impute them first")
        }
        let neighbors = kNeighbors(x)
        let t = targets.cols
        var out = Matrix(rows: x.rows, cols: t)
        for r in 0..<x.rows {
            let ids = neighbors.indices[(r * k)..<((r + 1) * k)]
            let dist = neighbors.distances[(r * k)..<((r + 1) * k)]
            var w = [Double](repeating: 1, count: k)
            if weights == .distance {
                if dist.contains(0) {
                    w = dist.map { $0 == 0 ? 1 : 0 }
                } else {
                    w = dist.map { 1 / $0 }
                }
            }
            let total = w.reduce(0, +)
            for c in 0..<t {
                var s = 0.0
                for (i, id) in ids.enumerated() { s += w[i] * targets.values[id * t + c] }
                out.values[r * t + c] = s / total
            }
        }
        return out
    }

    /// The k nearest training rows of every query row, nearest first (ties: lower training index first),
    /// and their Euclidean distances; both flattened row-major (query × k).
    public func kNeighbors(_ x: Matrix) -> (indices: [Int], distances: [Double]) {
        let queries = DistinctRows(x)
        let q = queries.matrix
        let n = distinct.matrix.rows, d = featureCount, k = self.k
        let blocks = (q.rows + Self.blockRows - 1) / Self.blockRows
        // Fixed blocks, dealt to workers in contiguous runs; each worker reuses one distance buffer.
        let workers = max(1, min(Parallel.workers, blocks))
        let parts: [([Int], [Double])] = Parallel.map(workers) { w in
            let firstBlock = w * blocks / workers, endBlock = (w + 1) * blocks / workers
            let lo0 = firstBlock * Self.blockRows, hi0 = min(q.rows, endBlock * Self.blockRows)
            var ids: [Int] = [], dists: [Double] = []
            ids.reserveCapacity((hi0 - lo0) * k)
            dists.reserveCapacity((hi0 - lo0) * k)
            var scores = [Double](repeating: 0, count: Self.blockRows * n)
            var groups = NearestGroups(k: k, sizes: distinct.members.map(\.count))
            for b in firstBlock..<endBlock {
                let lo = b * Self.blockRows, hi = min(q.rows, lo + Self.blockRows)
                q.values.withUnsafeBufferPointer { pq in
                    distinct.matrix.values.withUnsafeBufferPointer { pt in
                        scores.withUnsafeMutableBufferPointer { ps in
                            guard let a = pq.baseAddress, let t = pt.baseAddress, let c = ps.baseAddress else { return }
                            // scores = −2 Q Xᵀ; adding ||x_j||² ranks like the distance (the query's norm is constant).
                            BLAS.dgemm(transposeA: false, transposeB: true, m: hi - lo, n: n, k: d, alpha: -2,
                                       a: a + lo * d, lda: d, b: t, ldb: d, beta: 0, c: c, ldc: n)
                        }
                    }
                }
                for r in lo..<hi {
                    scores.withUnsafeBufferPointer { ps in
                        distinctNorms.withUnsafeBufferPointer { pn in
                            guard let base = ps.baseAddress, let norms = pn.baseAddress else { return }
                            groups.scan(base + (r - lo) * n, norms, n)
                        }
                    }
                    let nearest = rankMembers(of: groups.ids, query: q.row(r))
                    ids.append(contentsOf: nearest.map(\.index))
                    dists.append(contentsOf: nearest.map(\.distance))
                }
            }
            return (ids, dists)
        }
        let distinctIds = parts.flatMap { $0.0 }, distinctDists = parts.flatMap { $0.1 }
        var indices: [Int] = [], distances: [Double] = []
        indices.reserveCapacity(x.rows * k)
        distances.reserveCapacity(x.rows * k)
        for r in 0..<x.rows {
            let u = queries.distinctOf[r]
            indices.append(contentsOf: distinctIds[(u * k)..<((u + 1) * k)])
            distances.append(contentsOf: distinctDists[(u * k)..<((u + 1) * k)])
        }
        return (indices, distances)
    }

    /// The k nearest original rows among the candidate groups, by exact distance then row index.
    func rankMembers(of candidates: [Int], query: ArraySlice<Double>) -> [(index: Int, distance: Double)] {
        var ranked: [(index: Int, distance: Double)] = []
        for g in candidates {
            var s = 0.0
            for (a, b) in zip(query, distinct.matrix.row(g)) { s += (a - b) * (a - b) }
            let distance = s.squareRoot()
            for member in distinct.members[g].prefix(k) { ranked.append((member, distance)) }
        }
        ranked.sort { $0.distance != $1.distance ? $0.distance < $1.distance : $0.index < $1.index }
        return Array(ranked.prefix(k))
    }
}

/// ||row||² for every row.
func squaredRowNorms(_ m: Matrix) -> [Double] {
    (0..<m.rows).map { r in
        var s = 0.0
        for c in 0..<m.cols { let v = m.values[r * m.cols + c]; s += v * v }
        return s
    }
}

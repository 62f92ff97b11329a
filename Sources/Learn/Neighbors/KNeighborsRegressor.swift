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

    /// The fitted model (it stores the training rows).
    public func fitNeighbors(_ x: Matrix, _ y: Matrix) throws -> FittedKNeighbors {
        guard nNeighbors >= 1 else {
            throw LearnError("KNeighborsRegressor n_neighbors must be at least 1, got \(nNeighbors)")
        }
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
public struct FittedKNeighbors: FittedRegressor {
    let k: Int
    let weights: KNeighborsRegressor.Weights
    let train: Matrix
    let targets: Matrix
    let trainNorms: [Double]

    /// Query rows per distance block: the block's distances (rows × training rows) stay cache-friendly.
    static let blockRows = 64

    init(k: Int, weights: KNeighborsRegressor.Weights, train: Matrix, targets: Matrix) {
        self.k = k
        self.weights = weights
        self.train = train
        self.targets = targets
        self.trainNorms = squaredRowNorms(train)
    }

    public func predict(_ x: Matrix) throws -> Matrix {
        guard x.cols == train.cols else {
            throw LearnError("KNeighborsRegressor was fitted on \(train.cols) features but got \(x.cols)")
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
        let n = train.rows, d = train.cols, k = self.k
        let blocks = (x.rows + Self.blockRows - 1) / Self.blockRows
        let queryNorms = squaredRowNorms(x)
        // Fixed blocks, dealt to workers in contiguous runs; each worker reuses one distance buffer.
        let workers = max(1, min(Parallel.workers, blocks))
        let parts: [([Int], [Double])] = Parallel.map(workers) { w in
            let firstBlock = w * blocks / workers, endBlock = (w + 1) * blocks / workers
            let lo0 = firstBlock * Self.blockRows, hi0 = min(x.rows, endBlock * Self.blockRows)
            var ids = [Int](repeating: 0, count: (hi0 - lo0) * k)
            var dists = [Double](repeating: 0, count: (hi0 - lo0) * k)
            var scores = [Double](repeating: 0, count: Self.blockRows * n)
            var best = SmallestK(k: k)
            for b in firstBlock..<endBlock {
                let lo = b * Self.blockRows, hi = min(x.rows, lo + Self.blockRows)
                let m = hi - lo
                x.values.withUnsafeBufferPointer { px in
                    train.values.withUnsafeBufferPointer { pt in
                        scores.withUnsafeMutableBufferPointer { ps in
                            guard let a = px.baseAddress, let t = pt.baseAddress, let c = ps.baseAddress else { return }
                            // scores = −2 Q Xᵀ; adding ||x_j||² gives the distance up to the query's own norm.
                            BLAS.dgemm(transposeA: false, transposeB: true, m: m, n: n, k: d, alpha: -2,
                                       a: a + lo * d, lda: d, b: t, ldb: d, beta: 0, c: c, ldc: n)
                        }
                    }
                }
                scores.withUnsafeBufferPointer { ps in
                    trainNorms.withUnsafeBufferPointer { pn in
                        guard let base = ps.baseAddress, let norms = pn.baseAddress else { return }
                        for r in 0..<m {
                            best.scan(base + r * n, norms, n)
                            let out = (lo + r - lo0) * k
                            for i in 0..<k {
                                ids[out + i] = best.ids[i]
                                dists[out + i] = max(0, best.keys[i] + queryNorms[lo + r]).squareRoot()
                            }
                        }
                    }
                }
            }
            return (ids, dists)
        }
        return (parts.flatMap { $0.0 }, parts.flatMap { $0.1 })
    }
}

/// The k smallest (key, id) pairs seen so far, kept sorted ascending by key then id.
struct SmallestK {
    let k: Int
    var keys: [Double]
    var ids: [Int]
    var count = 0
    /// Keys at or above this cannot enter (the k-th key once full; ids arrive ascending, so ties keep the earlier id).
    var worst = Double.infinity

    init(k: Int) {
        self.k = k
        keys = [Double](repeating: .infinity, count: k)
        ids = [Int](repeating: Int.max, count: k)
    }

    mutating func reset() {
        count = 0
        worst = .infinity
        for i in 0..<k { keys[i] = .infinity; ids[i] = Int.max }
    }

    /// Resets, then offers `row[j] + norms[j]` for every j in 0..<n.
    mutating func scan(_ row: UnsafePointer<Double>, _ norms: UnsafePointer<Double>, _ n: Int) {
        reset()
        var worst = Double.infinity
        for j in 0..<n {
            let key = row[j] + norms[j]
            if key < worst {
                insert(key, j)
                worst = self.worst
            }
        }
    }

    /// Inserts a pair with `key < worst`.
    @inline(__always)
    mutating func insert(_ key: Double, _ id: Int) {
        var i = count < k ? count : k - 1
        if count < k { count += 1 }
        while i > 0 && keys[i - 1] > key {
            keys[i] = keys[i - 1]
            ids[i] = ids[i - 1]
            i -= 1
        }
        keys[i] = key
        ids[i] = id
        if count == k { worst = keys[k - 1] }
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

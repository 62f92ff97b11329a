import Linalg

/// A random forest of regression trees (scikit-learn's `RandomForestRegressor`, same names and defaults).
///
/// Native multi-output: each tree splits on the squared error summed over all targets, as scikit-learn does.
/// Features are binned once per fit into at most 255 quantile bins (`FeatureBinner`) and trees split between
/// bins rather than at every distinct value. Trees are grown in parallel, tree `i` from
/// `SeededGenerator(seed:stream: i)`, so results do not depend on the number of threads.
public struct RandomForestRegressor: Regressor, Codable, Equatable {
    /// Number of trees (`n_estimators`).
    public var nEstimators = 100
    /// Fit each tree on a bootstrap sample (`bootstrap`).
    public var bootstrap = true
    /// Features drawn at each split (`max_features`: count, fraction, sqrt, log2; default all, like scikit-learn's 1.0).
    public var maxFeatures = MaxFeatures.all
    /// Maximum depth (`max_depth`; nil = no limit).
    public var maxDepth: Int?
    /// Fewest rows a node needs to be split (`min_samples_split`).
    public var minSamplesSplit = 2
    /// Fewest distinct rows in a leaf (`min_samples_leaf`).
    public var minSamplesLeaf = 1
    /// Quantile bins per feature, at most 255 (`max_bins`, labbook-specific).
    public var maxBins = 255

    enum CodingKeys: String, CodingKey {
        case nEstimators = "n_estimators", bootstrap, maxFeatures = "max_features", maxDepth = "max_depth"
        case minSamplesSplit = "min_samples_split", minSamplesLeaf = "min_samples_leaf", maxBins = "max_bins"
    }

    public init(nEstimators: Int = 100, bootstrap: Bool = true, maxFeatures: MaxFeatures = .all, maxDepth: Int? = nil,
                minSamplesSplit: Int = 2, minSamplesLeaf: Int = 1) {
        self.nEstimators = nEstimators
        self.bootstrap = bootstrap
        self.maxFeatures = maxFeatures
        self.maxDepth = maxDepth
        self.minSamplesSplit = minSamplesSplit
        self.minSamplesLeaf = minSamplesLeaf
    }

    /// Decodes snake_case keys; missing keys keep scikit-learn's defaults.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        nEstimators = try c.decodeIfPresent(Int.self, forKey: .nEstimators) ?? 100
        bootstrap = try c.decodeIfPresent(Bool.self, forKey: .bootstrap) ?? true
        maxFeatures = try c.decodeIfPresent(MaxFeatures.self, forKey: .maxFeatures) ?? .all
        maxDepth = try c.decodeIfPresent(Int.self, forKey: .maxDepth)
        minSamplesSplit = try c.decodeIfPresent(Int.self, forKey: .minSamplesSplit) ?? 2
        minSamplesLeaf = try c.decodeIfPresent(Int.self, forKey: .minSamplesLeaf) ?? 1
        maxBins = try c.decodeIfPresent(Int.self, forKey: .maxBins) ?? 255
    }

    /// Fits `n_estimators` trees to all targets of `y` (n × t); tree `i` uses `SeededGenerator(seed:stream: i)`.
    public func fit(_ x: Matrix, _ y: Matrix, seed: UInt64) throws -> any FittedRegressor {
        try fitForest(x, y, seed: seed)
    }

    /// `fit` with the concrete fitted type.
    public func fitForest(_ x: Matrix, _ y: Matrix, seed: UInt64) throws -> FittedRandomForest {
        try fitForest(x, y, seed: seed, sums: nil)
    }

    /// `fitForest` with the histogram summation forced (nil: `ForestHistogramSums.choose`); tests compare them.
    func fitForest(_ x: Matrix, _ y: Matrix, seed: UInt64, sums forced: ForestHistogramSums?) throws -> FittedRandomForest {
        try checkTreeInputs(x, y, maxDepth: maxDepth, minSamplesSplit: minSamplesSplit, minSamplesLeaf: minSamplesLeaf)
        guard nEstimators >= 1 else { throw LearnError("n_estimators must be at least 1, got \(nEstimators)") }
        let binner = try FeatureBinner(fitting: x, maxBins: maxBins)
        let binned = try binner.transform(x)
        let drawn = try maxFeatures.resolve(features: x.cols)
        let builder = BinnedForestTreeBuilder(
            binned: binned, binCounts: (0..<x.cols).map(binner.binCount), y: y, maxDepth: maxDepth, minSamplesSplit: minSamplesSplit, minSamplesLeaf: minSamplesLeaf,
            maxFeatures: drawn, sums: forced ?? ForestHistogramSums.choose(binned, maxFeatures: drawn))
        let n = x.rows, bootstrap = self.bootstrap
        let trees: [BinnedForestTree] = Parallel.map(nEstimators) { i in
            var gen = SeededGenerator(seed: seed, stream: UInt64(i))
            var weights = [Double](repeating: bootstrap ? 0 : 1, count: n)
            if bootstrap { for _ in 0..<n { weights[gen.nextInt(below: n)] += 1 } }
            var rows = [Int32]()
            rows.reserveCapacity(n)
            for r in 0..<n where weights[r] > 0 { rows.append(Int32(r)) }
            return builder.build(rows: rows, weights: weights, generator: &gen)
        }
        return FittedRandomForest(binner: binner, trees: trees, targets: y.cols)
    }
}

/// A fitted random forest: the average of its trees' predictions.
public struct FittedRandomForest: FittedRegressor {
    /// The binner fitted on the training rows.
    public let binner: FeatureBinner
    /// The trees, in seed-stream order.
    public let trees: [BinnedForestTree]
    /// Number of targets predicted.
    public let targets: Int

    /// Mean of the trees' predictions, n × t, for rows without missing values.
    ///
    /// Tree by tree over each core's rows, so a tree's upper nodes stay in cache from one row to the next (row by
    /// row, every tree's path missed the cache once the trees outgrew it); each row still adds its trees' values
    /// in tree order.
    public func predict(_ x: Matrix) throws -> Matrix {
        guard !x.values.contains(where: { $0.isNaN }) else { throw LearnError("features contain missing values; impute them first") }
        let binned = try binner.transform(x)
        let t = targets, d = binned.features, scale = 1 / Double(trees.count)
        let packed = trees.map(PackedForestTree.init)
        var out = [Double](repeating: 0, count: x.rows * t)
        out.withUnsafeMutableBufferPointer { ob in
            binned.bins.withUnsafeBufferPointer { bb in
                guard let o = ob.baseAddress, let b = bb.baseAddress else { return }
                Parallel.chunks(x.rows, minimumChunk: 256) { range in
                    for tree in packed {
                        tree.nodes.withUnsafeBufferPointer { nodes in
                            tree.values.withUnsafeBufferPointer { values in
                                for r in range {
                                    let leaf = PackedForestTree.leaf(nodes, b + r * d)
                                    for j in 0..<t { o[r * t + j] += values[leaf * t + j] }
                                }
                            }
                        }
                    }
                    for r in range { for j in 0..<t { o[r * t + j] *= scale } }
                }
            }
        }
        return Matrix(rows: x.rows, cols: t, values: out)
    }
}

/// A tree's nodes packed for prediction, one 16-byte record per node (four to a cache line) instead of one
/// entry in each of four arrays, so a step down the tree touches one line.
private struct PackedForestTree {
    struct Node {
        var feature: Int32, left: Int32, right: Int32, threshold: UInt8
    }
    let nodes: [Node]
    let values: [Double]

    init(_ tree: BinnedForestTree) {
        nodes = tree.feature.indices.map {
            Node(feature: tree.feature[$0], left: tree.left[$0], right: tree.right[$0], threshold: tree.threshold[$0])
        }
        values = tree.values
    }

    /// The leaf a binned row reaches: left while its bin of the node's feature is `<= threshold`.
    @inline(__always)
    static func leaf(_ nodes: UnsafeBufferPointer<Node>, _ row: UnsafePointer<UInt8>) -> Int {
        var i = 0
        while true {
            let node = nodes[i]
            if node.feature < 0 { return i }
            i = Int(row[Int(node.feature)] <= node.threshold ? node.left : node.right)
        }
    }
}

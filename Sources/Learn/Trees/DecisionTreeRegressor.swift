import Linalg

/// A single regression tree with squared error and exact thresholds (scikit-learn's `DecisionTreeRegressor`,
/// same names and defaults). Multi-output: one tree predicts every target, splitting on their summed error.
public struct DecisionTreeRegressor: Regressor, Codable, Equatable {
    /// Maximum depth (`max_depth`; nil = grow until leaves are pure or too small).
    public var maxDepth: Int?
    /// Fewest rows a node needs to be split (`min_samples_split`).
    public var minSamplesSplit = 2
    /// Fewest rows in a leaf (`min_samples_leaf`).
    public var minSamplesLeaf = 1
    /// Features drawn at each split (`max_features`).
    public var maxFeatures = MaxFeatures.all

    enum CodingKeys: String, CodingKey {
        case maxDepth = "max_depth", minSamplesSplit = "min_samples_split"
        case minSamplesLeaf = "min_samples_leaf", maxFeatures = "max_features"
    }

    public init(maxDepth: Int? = nil, minSamplesSplit: Int = 2, minSamplesLeaf: Int = 1, maxFeatures: MaxFeatures = .all) {
        self.maxDepth = maxDepth
        self.minSamplesSplit = minSamplesSplit
        self.minSamplesLeaf = minSamplesLeaf
        self.maxFeatures = maxFeatures
    }

    /// Decodes snake_case keys; missing keys keep scikit-learn's defaults.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        maxDepth = try c.decodeIfPresent(Int.self, forKey: .maxDepth)
        minSamplesSplit = try c.decodeIfPresent(Int.self, forKey: .minSamplesSplit) ?? 2
        minSamplesLeaf = try c.decodeIfPresent(Int.self, forKey: .minSamplesLeaf) ?? 1
        maxFeatures = try c.decodeIfPresent(MaxFeatures.self, forKey: .maxFeatures) ?? .all
    }

    /// Fits one tree to all targets of `y` (n × t); `seed` orders the features visited at each split.
    public func fit(_ x: Matrix, _ y: Matrix, seed: UInt64) throws -> any FittedRegressor {
        try fitTree(x, y, seed: seed)
    }

    /// `fit` with the concrete fitted type.
    public func fitTree(_ x: Matrix, _ y: Matrix, seed: UInt64) throws -> FittedDecisionTree {
        try checkTreeInputs(x, y, maxDepth: maxDepth, minSamplesSplit: minSamplesSplit, minSamplesLeaf: minSamplesLeaf)
        let builder = ExactTreeBuilder(x: x, y: y, maxDepth: maxDepth, minSamplesSplit: minSamplesSplit,
                                       minSamplesLeaf: minSamplesLeaf, maxFeatures: try maxFeatures.resolve(features: x.cols))
        var gen = SeededGenerator(seed: seed, stream: 0x5452_4545)
        return FittedDecisionTree(tree: builder.build(rows: Array(0..<x.rows), generator: &gen), features: x.cols)
    }
}

/// Shared input checks for the tree models.
func checkTreeInputs(_ x: Matrix, _ y: Matrix, maxDepth: Int?, minSamplesSplit: Int, minSamplesLeaf: Int) throws {
    guard x.rows == y.rows else { throw LearnError("x has \(x.rows) rows but y has \(y.rows)") }
    guard x.rows >= 1, x.cols >= 1, y.cols >= 1 else { throw LearnError("trees need at least one row, feature and target") }
    guard !x.hasNonFinite else { throw LearnError("features contain missing or infinite values; impute them before fitting a tree or forest") }
    guard !y.hasNonFinite else { throw LearnError("targets contain missing or infinite values; drop those rows first") }
    if let d = maxDepth, d < 1 { throw LearnError("max_depth must be at least 1, got \(d)") }
    guard minSamplesSplit >= 2 else { throw LearnError("min_samples_split must be at least 2, got \(minSamplesSplit)") }
    guard minSamplesLeaf >= 1 else { throw LearnError("min_samples_leaf must be at least 1, got \(minSamplesLeaf)") }
}

/// A fitted decision tree.
public struct FittedDecisionTree: FittedRegressor {
    /// The fitted tree.
    public let tree: RegressionTree
    let features: Int

    /// Predictions n × t for rows without missing values.
    public func predict(_ x: Matrix) throws -> Matrix {
        guard x.cols == features else { throw LearnError("expected \(features) feature columns, got \(x.cols)") }
        guard !x.values.contains(where: { $0.isNaN }) else { throw LearnError("features contain missing values; impute them first") }
        let t = tree.targets
        var out = Matrix(rows: x.rows, cols: t)
        x.values.withUnsafeBufferPointer { xb in
            guard let base = xb.baseAddress else { return }
            for r in 0..<x.rows {
                let leaf = tree.leaf(base + r * x.cols)
                for j in 0..<t { out[r, j] = tree.values[leaf * t + j] }
            }
        }
        return out
    }
}

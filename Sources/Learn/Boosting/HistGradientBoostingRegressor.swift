import Linalg

/// Whether to stop early on a held-out validation fraction; `auto` means "when there are more than 10,000 rows"
/// (scikit-learn's default).
public enum EarlyStopping: String, Codable, Sendable {
    case auto, on, off

    /// Accepts true/false or "auto"/"true"/"false".
    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let b = try? c.decode(Bool.self) { self = b ? .on : .off; return }
        let s = try c.decode(String.self)
        switch s.lowercased() {
        case "auto": self = .auto
        case "true", "on", "yes": self = .on
        case "false", "off", "no": self = .off
        default:
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "early_stopping must be auto, true or false, got \(s)")
        }
    }
}

/// Histogram gradient boosting for one target with squared-error loss (scikit-learn's
/// `HistGradientBoostingRegressor`, same names and defaults). Use `PerTarget` for several targets.
public struct HistGradientBoostingRegressor: SingleTargetRegressor, Codable, Equatable {
    /// Shrinkage applied to every leaf value (`learning_rate`).
    public var learningRate = 0.1
    /// Boosting iterations, one tree each (`max_iter`).
    public var maxIter = 100
    /// Leaves per tree, grown best-first (`max_leaf_nodes`; nil = no limit).
    public var maxLeafNodes: Int? = 31
    /// Maximum tree depth (`max_depth`; nil = no limit).
    public var maxDepth: Int?
    /// Fewest training rows in a leaf (`min_samples_leaf`).
    public var minSamplesLeaf = 20
    /// L2 penalty on leaf values (`l2_regularization`).
    public var l2Regularization = 0.0
    /// Bins for finite values per feature, at most 255; NaN has its own bin (`max_bins`).
    public var maxBins = 255
    /// Stop when the validation loss stops improving (`early_stopping`: auto, true, false).
    public var earlyStopping = EarlyStopping.auto
    /// Share of the training rows held out for early stopping (`validation_fraction`).
    public var validationFraction = 0.1
    /// Iterations without improvement before stopping (`n_iter_no_change`).
    public var nIterNoChange = 10
    /// Smallest loss improvement that counts (`tol`).
    public var tol = 1e-7

    enum CodingKeys: String, CodingKey {
        case learningRate = "learning_rate", maxIter = "max_iter", maxLeafNodes = "max_leaf_nodes"
        case maxDepth = "max_depth", minSamplesLeaf = "min_samples_leaf", l2Regularization = "l2_regularization"
        case maxBins = "max_bins", earlyStopping = "early_stopping", validationFraction = "validation_fraction"
        case nIterNoChange = "n_iter_no_change", tol
    }

    /// scikit-learn's defaults; set the properties to change them.
    public init() {}

    /// The hyperparameters most often varied, others at their defaults.
    public init(maxIter: Int, learningRate: Double = 0.1, maxLeafNodes: Int? = 31, minSamplesLeaf: Int = 20,
                earlyStopping: EarlyStopping = .auto) {
        self.maxIter = maxIter
        self.learningRate = learningRate
        self.maxLeafNodes = maxLeafNodes
        self.minSamplesLeaf = minSamplesLeaf
        self.earlyStopping = earlyStopping
    }

    /// Decodes snake_case keys; missing keys keep scikit-learn's defaults.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = HistGradientBoostingRegressor()
        learningRate = try c.decodeIfPresent(Double.self, forKey: .learningRate) ?? d.learningRate
        maxIter = try c.decodeIfPresent(Int.self, forKey: .maxIter) ?? d.maxIter
        maxLeafNodes = c.contains(.maxLeafNodes) ? try c.decodeIfPresent(Int.self, forKey: .maxLeafNodes) : d.maxLeafNodes
        maxDepth = try c.decodeIfPresent(Int.self, forKey: .maxDepth)
        minSamplesLeaf = try c.decodeIfPresent(Int.self, forKey: .minSamplesLeaf) ?? d.minSamplesLeaf
        l2Regularization = try c.decodeIfPresent(Double.self, forKey: .l2Regularization) ?? d.l2Regularization
        maxBins = try c.decodeIfPresent(Int.self, forKey: .maxBins) ?? d.maxBins
        earlyStopping = try c.decodeIfPresent(EarlyStopping.self, forKey: .earlyStopping) ?? d.earlyStopping
        validationFraction = try c.decodeIfPresent(Double.self, forKey: .validationFraction) ?? d.validationFraction
        nIterNoChange = try c.decodeIfPresent(Int.self, forKey: .nIterNoChange) ?? d.nIterNoChange
        tol = try c.decodeIfPresent(Double.self, forKey: .tol) ?? d.tol
    }

    func validate(rows: Int) throws {
        guard learningRate > 0 else { throw LearnError("learning_rate must be positive, got \(learningRate)") }
        guard maxIter >= 1 else { throw LearnError("max_iter must be at least 1, got \(maxIter)") }
        if let m = maxLeafNodes, m < 2 { throw LearnError("max_leaf_nodes must be at least 2, got \(m)") }
        if let m = maxDepth, m < 1 { throw LearnError("max_depth must be at least 1, got \(m)") }
        guard minSamplesLeaf >= 1 else { throw LearnError("min_samples_leaf must be at least 1, got \(minSamplesLeaf)") }
        guard l2Regularization >= 0 else { throw LearnError("l2_regularization must be >= 0, got \(l2Regularization)") }
        guard validationFraction > 0 && validationFraction < 1 else {
            throw LearnError("validation_fraction must be in (0, 1), got \(validationFraction)")
        }
        guard nIterNoChange >= 1 else { throw LearnError("n_iter_no_change must be at least 1, got \(nIterNoChange)") }
        guard rows >= 2 else { throw LearnError("gradient boosting needs at least 2 rows, got \(rows)") }
    }

    /// Fits on `x` (NaN allowed: it gets its own bin) to `y` (finite).
    public func fit(_ x: Matrix, _ y: [Double], seed: UInt64) throws -> any SingleTargetFitted {
        try fitModel(x, y, seed: seed)
    }

    /// `fit` with the concrete fitted type (trees, curves, iteration count).
    public func fitModel(_ x: Matrix, _ y: [Double], seed: UInt64) throws -> FittedHistGradientBoosting {
        guard y.count == x.rows else { throw LearnError("x has \(x.rows) rows but y has \(y.count) values") }
        guard y.allSatisfy({ $0.isFinite }) else { throw LearnError("the target has missing or infinite values; drop or impute them first") }
        let data = try prepare(x, seed: seed)
        return boost(data, target: y, parallel: true)
    }

    /// Training rows binned once (binner fitted on them only) and, with early stopping, the held-out rows.
    struct PreparedData {
        let binner: FeatureBinner
        let train: BinnedMatrix
        let trainRows: [Int]
        let validation: BinnedMatrix?
        let validationRows: [Int]
    }

    func prepare(_ x: Matrix, seed: UInt64) throws -> PreparedData {
        try validate(rows: x.rows)
        guard !x.values.contains(where: { $0.isInfinite }) else { throw LearnError("features contain infinite values") }
        let stopEarly = earlyStopping == .on || (earlyStopping == .auto && x.rows > 10_000)
        guard stopEarly else {
            let binner = try FeatureBinner(fitting: x, maxBins: maxBins)
            return PreparedData(binner: binner, train: try binner.transform(x), trainRows: Array(0..<x.rows),
                                validation: nil, validationRows: [])
        }
        var gen = SeededGenerator(seed: seed, stream: 0x4847_4256)
        let perm = gen.permutation(x.rows)
        let nVal = Int((validationFraction * Double(x.rows)).rounded(.up))
        guard nVal >= 1 && nVal < x.rows else { throw LearnError("validation_fraction leaves no rows to train or validate on") }
        let valRows = Array(perm[..<nVal]).sorted(), trainRows = Array(perm[nVal...]).sorted()
        // Binned straight from `x`: a copy of the training rows would cost 8 bytes per value, the bins cost 1.
        let binner = try FeatureBinner(fitting: x, rows: trainRows, maxBins: maxBins)
        return PreparedData(binner: binner, train: try binner.transform(x, rows: trainRows), trainRows: trainRows,
                            validation: try binner.transform(x, rows: valRows), validationRows: valRows)
    }

    /// Boosts one target on prepared data. `parallel` lets the grower use both cores inside each tree.
    func boost(_ data: PreparedData, target y: [Double], parallel: Bool) -> FittedHistGradientBoosting {
        let yTrain = data.trainRows.count == y.count ? y : data.trainRows.map { y[$0] }
        let yVal = data.validationRows.map { y[$0] }
        let baseline = yTrain.reduce(0, +) / Double(yTrain.count)
        var raw = [Double](repeating: baseline, count: yTrain.count)
        var rawVal = [Double](repeating: baseline, count: yVal.count)
        let grower = HistogramTreeGrower(
            binned: data.train, binCounts: (0..<data.train.features).map(data.binner.binCount),
            hasMissing: data.binner.hasMissing, parallel: parallel,
            limits: .init(maxLeafNodes: maxLeafNodes, maxDepth: maxDepth, minSamplesLeaf: minSamplesLeaf,
                          l2: l2Regularization, learningRate: learningRate))
        var trees: [BinnedTree] = []
        var trainLoss = [halfSquaredError(raw, yTrain)]
        var valScores = data.validation == nil ? [] : [-halfSquaredError(rawVal, yVal)]
        var gradients = [Double](repeating: 0, count: yTrain.count)
        for _ in 0..<maxIter {
            for i in 0..<gradients.count { gradients[i] = raw[i] - yTrain[i] }
            let tree = grower.grow(gradients: gradients, raw: &raw)
            trees.append(tree)
            trainLoss.append(halfSquaredError(raw, yTrain))
            if let xVal = data.validation {
                tree.addPredictions(xVal, into: &rawVal)
                valScores.append(-halfSquaredError(rawVal, yVal))
                if shouldStop(valScores) { break }
            }
        }
        var curves = ["train_loss": trainLoss]
        if data.validation != nil { curves["validation_loss"] = valScores.map { -$0 } }
        return FittedHistGradientBoosting(binner: data.binner, baseline: baseline, trees: trees, curves: curves)
    }

    /// scikit-learn's `_should_stop`: none of the last `nIterNoChange` scores beats the one before them by `tol`.
    func shouldStop(_ scores: [Double]) -> Bool {
        let ref = nIterNoChange + 1
        guard scores.count >= ref else { return false }
        let reference = scores[scores.count - ref] + tol
        return !scores[(scores.count - ref + 1)...].contains { $0 > reference }
    }
}

/// Mean of (prediction - target)^2 / 2, scikit-learn's squared-error loss.
func halfSquaredError(_ raw: [Double], _ y: [Double]) -> Double {
    guard !y.isEmpty else { return 0 }
    var s = 0.0
    for i in 0..<y.count { let e = raw[i] - y[i]; s += e * e }
    return s / Double(2 * y.count)
}

/// A fitted histogram gradient boosting model for one target.
public struct FittedHistGradientBoosting: SingleTargetFitted {
    /// The binner fitted on the training rows.
    public let binner: FeatureBinner
    /// The initial prediction: the training mean.
    public let baseline: Double
    /// One tree per iteration, leaf values already scaled by the learning rate.
    public let trees: [BinnedTree]
    /// `train_loss` (and `validation_loss` with early stopping), one value before the first tree and one per tree.
    public let curves: [String: [Double]]

    /// Number of boosting iterations actually run.
    public var iterations: Int { trees.count }

    /// Predictions for any rows (NaN goes to each split's missing-value side).
    public func predict(_ x: Matrix) throws -> [Double] {
        predict(binned: try binner.transform(x))
    }

    /// Predictions for rows already binned with this model's `binner`.
    func predict(binned: BinnedMatrix) -> [Double] {
        var out = [Double](repeating: baseline, count: binned.rows)
        for t in trees { t.addPredictions(binned, into: &out) }
        return out
    }
}

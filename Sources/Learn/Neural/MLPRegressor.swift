import Linalg

/// A multilayer perceptron regressor (scikit-learn's MLPRegressor, plus dropout, GELU, lr schedules
/// and Float32 arithmetic through sgemm).
///
/// Unlike scikit-learn, targets are standardized on the training rows (mean 0, sd 1 per column)
/// before training and predictions are mapped back, so one learning rate suits targets of any scale.
/// Inputs are used as given: standardize them in the clean pipeline.
public struct MLPRegressor: Regressor {
    public var hyperparameters: MLPHyperparameters

    public init(_ hyperparameters: MLPHyperparameters = MLPHyperparameters()) {
        self.hyperparameters = hyperparameters
    }

    public func fit(_ x: Matrix, _ y: Matrix, seed: UInt64) throws -> any FittedRegressor {
        try fitMLP(x, y, seed: seed)
    }

    /// `fit` with the concrete fitted type (weights and curves for inspection).
    public func fitMLP(_ x: Matrix, _ y: Matrix, seed: UInt64) throws -> FittedMLP {
        let h = hyperparameters
        try h.validate()
        guard x.rows == y.rows else { throw LearnError("MLP: \(x.rows) feature rows but \(y.rows) target rows") }
        guard y.cols >= 1 else { throw LearnError("MLP: no target columns") }
        guard x.cols >= 1 else { throw LearnError("MLP: no feature columns") }
        guard !x.hasNonFinite, !y.hasNonFinite else {
            throw LearnError("MLP: features or targets contain missing or infinite values; impute first")
        }
        let minimum = h.earlyStopping ? 4 : 2
        guard x.rows >= minimum else { throw LearnError("MLP needs at least \(minimum) training rows, got \(x.rows)") }
        var means = [Double](), sds = [Double]()
        var standardized = y
        for t in 0..<y.cols {
            let col = y.column(t)
            let mean = col.reduce(0, +) / Double(col.count)
            let variance = col.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(col.count)
            let sd = variance > 0 ? variance.squareRoot() : 1
            means.append(mean); sds.append(sd)
            for r in 0..<y.rows { standardized[r, t] = (y[r, t] - mean) / sd }
        }
        let groups: [[Int]] = h.multiOutput ? [Array(0..<y.cols)] : (0..<y.cols).map { [$0] }
        var trained: [MLPTraining.Outcome] = []
        for (g, columns) in groups.enumerated() {
            let yg = standardized.selectingColumns(columns)
            let training = MLPTraining(hyperparameters: h, seed: seed, stream: UInt64(g))
            trained.append(h.precision == .float32
                ? training.run(x, yg, as: Float.self) : training.run(x, yg, as: Double.self))
        }
        return FittedMLP(networks: trained.map(\.network), means: means, sds: sds, inputs: x.cols,
                         curves: Self.curvesPerTarget(trained.map(\.curves)))
    }

    /// One network: its curves; one network per target: each target's curves keyed `"<curve> <target index>"`
    /// (as `HistGradientBoostingRegressor` does), so a report can draw each target's own curve.
    static func curvesPerTarget(_ all: [[String: [Double]]]) -> [String: [Double]] {
        guard all.count > 1 else { return all.first ?? [:] }
        var out: [String: [Double]] = [:]
        for (t, curves) in all.enumerated() { for (name, values) in curves { out["\(name) \(t)"] = values } }
        return out
    }
}

/// A network that predicts in standardized target units.
protocol MLPPredictor: Sendable {
    func predict(_ x: Matrix) -> Matrix
    var parameterValues: [Double] { get }
}

extension MLPNetwork: MLPPredictor {
    var parameterValues: [Double] { parameters.map { Double($0) } }
}

/// A fitted MLPRegressor.
public struct FittedMLP: FittedRegressor {
    let networks: [any MLPPredictor]
    let means: [Double]
    let sds: [Double]
    let inputs: Int
    /// "train_loss" per epoch and, with early stopping, "validation_loss": half the mean squared error
    /// per entry in standardized target units (L2 penalty excluded).
    public let curves: [String: [Double]]

    /// Every network's flat parameter vector (weights then biases, layer by layer).
    public var parameters: [[Double]] { networks.map(\.parameterValues) }

    public func predict(_ x: Matrix) throws -> Matrix {
        guard x.cols == inputs else { throw LearnError("MLP was fitted on \(inputs) columns but got \(x.cols)") }
        guard !x.hasNonFinite else { throw LearnError("MLP input contains missing or infinite values") }
        var out = Matrix.hstack(networks.map { $0.predict(x) })
        for r in 0..<out.rows {
            for t in 0..<out.cols { out[r, t] = out[r, t] * sds[t] + means[t] }
        }
        return out
    }
}

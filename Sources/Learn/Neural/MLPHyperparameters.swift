/// Hidden-layer nonlinearity.
public enum MLPActivation: String, Codable, Sendable, CaseIterable {
    case relu, tanh
    /// GELU, tanh approximation: 0.5 z (1 + tanh(√(2/π) (z + 0.044715 z³))).
    case gelu
}

/// Optimizer.
public enum MLPSolver: String, Codable, Sendable, CaseIterable {
    /// Adam (β1 = 0.9, β2 = 0.999, ε = 1e-8), as scikit-learn.
    case adam
    /// Stochastic gradient descent with classical momentum.
    case sgd
}

/// Learning rate per epoch.
public enum MLPSchedule: String, Codable, Sendable, CaseIterable {
    case constant
    /// Multiplied by `lrGamma` every `lrStepSize` epochs.
    case step
    /// Cosine annealing from `learningRateInit` to 0 over `maxIter` epochs.
    case cosine
}

/// Weight initialisation.
public enum MLPInitialization: String, Codable, Sendable, CaseIterable {
    /// He for ReLU and GELU, Glorot for tanh.
    case auto
    /// Uniform(±√(6 / (fan_in + fan_out))) weights and biases (scikit-learn's choice).
    case glorotUniform = "glorot_uniform"
    /// Normal(0, √(2 / fan_in)) weights, zero biases.
    case heNormal = "he_normal"
}

/// Arithmetic of the network.
public enum MLPPrecision: String, Codable, Sendable, CaseIterable {
    /// Float32 through sgemm: about twice as fast, the default.
    case float32
    /// Float64 through dgemm.
    case float64
}

/// MLPRegressor hyperparameters, plain data (snake_case keys in YAML/JSON, every key optional).
public struct MLPHyperparameters: Codable, Sendable, Equatable {
    public var hiddenLayerSizes: [Int] = [100]
    public var activation: MLPActivation = .relu
    public var solver: MLPSolver = .adam
    public var learningRateInit: Double = 1e-3
    /// Momentum of the `sgd` solver.
    public var momentum: Double = 0.9
    /// Rows per minibatch (capped at the training rows).
    public var batchSize: Int = 200
    /// Epochs (maximum, when stopping early).
    public var maxIter: Int = 200
    /// L2 penalty: alpha / (2 · batch) · Σ w² added to each minibatch loss, as scikit-learn.
    public var alpha: Double = 1e-4
    /// Dropout probability on every hidden layer's output during training (0 = none).
    public var dropout: Double = 0
    public var learningRateSchedule: MLPSchedule = .constant
    public var lrStepSize: Int = 10
    public var lrGamma: Double = 0.5
    /// Hold out `validationFraction` of the training rows and stop when their loss has not improved by
    /// `tol` for `nIterNoChange` epochs, keeping the best weights. Without it, training stops when the
    /// training loss has not improved by `tol` for `nIterNoChange` epochs (as scikit-learn).
    public var earlyStopping: Bool = false
    public var validationFraction: Double = 0.1
    public var nIterNoChange: Int = 10
    public var tol: Double = 1e-4
    /// One network with an output per target (true) or one network per target (false).
    public var multiOutput: Bool = true
    public var initialization: MLPInitialization = .auto
    public var precision: MLPPrecision = .float32

    public init() {}

    enum CodingKeys: String, CodingKey, CaseIterable {
        case hiddenLayerSizes = "hidden_layer_sizes", activation, solver
        case learningRateInit = "learning_rate_init", momentum, batchSize = "batch_size"
        case maxIter = "max_iter", epochs, alpha, dropout
        case learningRateSchedule = "learning_rate_schedule", lrStepSize = "lr_step_size", lrGamma = "lr_gamma"
        case earlyStopping = "early_stopping", validationFraction = "validation_fraction"
        case nIterNoChange = "n_iter_no_change", patience, tol
        case multiOutput = "multi_output", initialization, precision
    }

    /// Decodes with defaults for absent keys; `epochs` is accepted for `max_iter` and `patience` for
    /// `n_iter_no_change`.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = MLPHyperparameters()
        hiddenLayerSizes = try c.decodeIfPresent([Int].self, forKey: .hiddenLayerSizes) ?? d.hiddenLayerSizes
        activation = try c.decodeIfPresent(MLPActivation.self, forKey: .activation) ?? d.activation
        solver = try c.decodeIfPresent(MLPSolver.self, forKey: .solver) ?? d.solver
        learningRateInit = try c.decodeIfPresent(Double.self, forKey: .learningRateInit) ?? d.learningRateInit
        momentum = try c.decodeIfPresent(Double.self, forKey: .momentum) ?? d.momentum
        batchSize = try c.decodeIfPresent(Int.self, forKey: .batchSize) ?? d.batchSize
        maxIter = try c.decodeIfPresent(Int.self, forKey: .maxIter)
            ?? c.decodeIfPresent(Int.self, forKey: .epochs) ?? d.maxIter
        alpha = try c.decodeIfPresent(Double.self, forKey: .alpha) ?? d.alpha
        dropout = try c.decodeIfPresent(Double.self, forKey: .dropout) ?? d.dropout
        learningRateSchedule = try c.decodeIfPresent(MLPSchedule.self, forKey: .learningRateSchedule)
            ?? d.learningRateSchedule
        lrStepSize = try c.decodeIfPresent(Int.self, forKey: .lrStepSize) ?? d.lrStepSize
        lrGamma = try c.decodeIfPresent(Double.self, forKey: .lrGamma) ?? d.lrGamma
        earlyStopping = try c.decodeIfPresent(Bool.self, forKey: .earlyStopping) ?? d.earlyStopping
        validationFraction = try c.decodeIfPresent(Double.self, forKey: .validationFraction) ?? d.validationFraction
        nIterNoChange = try c.decodeIfPresent(Int.self, forKey: .nIterNoChange)
            ?? c.decodeIfPresent(Int.self, forKey: .patience) ?? d.nIterNoChange
        tol = try c.decodeIfPresent(Double.self, forKey: .tol) ?? d.tol
        multiOutput = try c.decodeIfPresent(Bool.self, forKey: .multiOutput) ?? d.multiOutput
        initialization = try c.decodeIfPresent(MLPInitialization.self, forKey: .initialization) ?? d.initialization
        precision = try c.decodeIfPresent(MLPPrecision.self, forKey: .precision) ?? d.precision
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(hiddenLayerSizes, forKey: .hiddenLayerSizes)
        try c.encode(activation, forKey: .activation)
        try c.encode(solver, forKey: .solver)
        try c.encode(learningRateInit, forKey: .learningRateInit)
        try c.encode(momentum, forKey: .momentum)
        try c.encode(batchSize, forKey: .batchSize)
        try c.encode(maxIter, forKey: .maxIter)
        try c.encode(alpha, forKey: .alpha)
        try c.encode(dropout, forKey: .dropout)
        try c.encode(learningRateSchedule, forKey: .learningRateSchedule)
        try c.encode(lrStepSize, forKey: .lrStepSize)
        try c.encode(lrGamma, forKey: .lrGamma)
        try c.encode(earlyStopping, forKey: .earlyStopping)
        try c.encode(validationFraction, forKey: .validationFraction)
        try c.encode(nIterNoChange, forKey: .nIterNoChange)
        try c.encode(tol, forKey: .tol)
        try c.encode(multiOutput, forKey: .multiOutput)
        try c.encode(initialization, forKey: .initialization)
        try c.encode(precision, forKey: .precision)
    }

    /// Throws a message a person can act on when a value is out of range.
    public func validate() throws {
        func fail(_ m: String) -> LearnError { LearnError("MLP: \(m)") }
        if hiddenLayerSizes.contains(where: { $0 < 1 }) { throw fail("hidden_layer_sizes must all be >= 1, got \(hiddenLayerSizes)") }
        if !(learningRateInit > 0) { throw fail("learning_rate_init must be > 0, got \(learningRateInit)") }
        if !(0..<1).contains(momentum) { throw fail("momentum must be in [0, 1), got \(momentum)") }
        if batchSize < 1 { throw fail("batch_size must be >= 1, got \(batchSize)") }
        if maxIter < 1 { throw fail("max_iter (epochs) must be >= 1, got \(maxIter)") }
        if !(alpha >= 0) { throw fail("alpha must be >= 0, got \(alpha)") }
        if !(0..<1).contains(dropout) { throw fail("dropout must be in [0, 1), got \(dropout)") }
        if lrStepSize < 1 { throw fail("lr_step_size must be >= 1, got \(lrStepSize)") }
        if !(lrGamma > 0) { throw fail("lr_gamma must be > 0, got \(lrGamma)") }
        if earlyStopping && !(validationFraction > 0 && validationFraction < 1) {
            throw fail("validation_fraction must be in (0, 1) with early_stopping, got \(validationFraction)")
        }
        if nIterNoChange < 1 { throw fail("n_iter_no_change (patience) must be >= 1, got \(nIterNoChange)") }
        if !(tol >= 0) { throw fail("tol must be >= 0, got \(tol)") }
    }
}

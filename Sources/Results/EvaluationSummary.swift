/// Every metric per model, target, protocol and fold.
public struct EvaluationSummary: Codable, Sendable, Equatable {
    public var targets: [String]
    /// The Pearson r the study aims to beat (0.4 by default).
    public var benchmark: Double
    public var protocols: [ProtocolInfo]
    public var models: [ModelResult]
    /// Paired bootstrap: the best model against each other model, per protocol and target.
    public var comparisons: [PairedComparison]
    /// Out-of-fold predictions of the best model per protocol and target (for scatter plots).
    public var bestPredictions: [PredictionSample]
    /// The target values of the data set (for the valence–arousal plane), one array per target.
    public var targetValues: [[Double]]
    public init(targets: [String], benchmark: Double, protocols: [ProtocolInfo], models: [ModelResult],
                comparisons: [PairedComparison], bestPredictions: [PredictionSample], targetValues: [[Double]]) {
        self.targets = targets
        self.benchmark = benchmark
        self.protocols = protocols
        self.models = models
        self.comparisons = comparisons
        self.bestPredictions = bestPredictions
        self.targetValues = targetValues
    }
}

/// A way of splitting rows into train and test, e.g. random 5-fold, artist-grouped 5-fold, the official split.
public struct ProtocolInfo: Codable, Sendable, Equatable {
    public var name: String
    /// `kfold`, `group_kfold` or `predefined`.
    public var kind: String
    public var folds: Int
    /// The grouping column for `group_kfold`, the split column for `predefined`.
    public var column: String?
    public var description: String
    public init(name: String, kind: String, folds: Int, column: String?, description: String) {
        self.name = name
        self.kind = kind
        self.folds = folds
        self.column = column
        self.description = description
    }
}

/// The metrics of one set of predictions.
public struct Metrics: Codable, Sendable, Equatable {
    public var n: Int
    public var pearson: Double
    public var spearman: Double
    public var r2: Double
    public var rmse: Double
    public var mae: Double
    public init(n: Int, pearson: Double, spearman: Double, r2: Double, rmse: Double, mae: Double) {
        self.n = n
        self.pearson = pearson
        self.spearman = spearman
        self.r2 = r2
        self.rmse = rmse
        self.mae = mae
    }
}

/// One model on one target under one protocol.
public struct ModelResult: Codable, Sendable, Equatable {
    public var model: String
    /// The estimator, e.g. `hist_gradient_boosting`.
    public var kind: String
    public var protocolName: String
    public var target: String
    /// Metrics on the pooled out-of-fold predictions.
    public var pooled: Metrics
    /// 95% bootstrap confidence interval of the pooled Pearson r.
    public var pearsonCI: [Double]
    public var folds: [Metrics]
    public var foldPearsonMean: Double
    public var foldPearsonSD: Double
    /// Best hyperparameters chosen by the inner grid search, per fold (empty when no grid).
    public var bestParams: [[String: String]]
    /// Whether the pooled r clears the benchmark.
    public var passesBenchmark: Bool
    /// Seconds spent fitting and predicting across folds.
    public var seconds: Double
    /// Training curves averaged or from the first fold (e.g. MLP loss per epoch), by name.
    public var curves: [String: [Double]]
    public init(model: String, kind: String, protocolName: String, target: String, pooled: Metrics,
                pearsonCI: [Double], folds: [Metrics], foldPearsonMean: Double, foldPearsonSD: Double,
                bestParams: [[String: String]], passesBenchmark: Bool, seconds: Double, curves: [String: [Double]]) {
        self.model = model
        self.kind = kind
        self.protocolName = protocolName
        self.target = target
        self.pooled = pooled
        self.pearsonCI = pearsonCI
        self.folds = folds
        self.foldPearsonMean = foldPearsonMean
        self.foldPearsonSD = foldPearsonSD
        self.bestParams = bestParams
        self.passesBenchmark = passesBenchmark
        self.seconds = seconds
        self.curves = curves
    }
}

/// Paired bootstrap of r(best) − r(other) on the same out-of-fold rows.
public struct PairedComparison: Codable, Sendable, Equatable {
    public var protocolName: String
    public var target: String
    public var best: String
    public var other: String
    public var difference: Double
    public var ci: [Double]
    /// Share of bootstrap resamples in which `other` scores at least as well as `best`.
    public var pValue: Double
    public init(protocolName: String, target: String, best: String, other: String, difference: Double,
                ci: [Double], pValue: Double) {
        self.protocolName = protocolName
        self.target = target
        self.best = best
        self.other = other
        self.difference = difference
        self.ci = ci
        self.pValue = pValue
    }
}

public struct PredictionSample: Codable, Sendable, Equatable {
    public var protocolName: String
    public var target: String
    public var model: String
    public var actual: [Double]
    public var predicted: [Double]
    public init(protocolName: String, target: String, model: String, actual: [Double], predicted: [Double]) {
        self.protocolName = protocolName
        self.target = target
        self.model = model
        self.actual = actual
        self.predicted = predicted
    }
}

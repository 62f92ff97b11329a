/// Every metric per model, target, protocol and fold.
public struct EvaluationSummary: Codable, Sendable, Equatable {
    public var targets: [String]
    /// The Pearson r the study aims to beat, when the experiment sets one.
    public var benchmark: Double?
    public var protocols: [ProtocolInfo]
    /// The protocol that drives the Models section, the saved model, the index and the discussion's lead
    /// (`evaluate.headline`; nil in results written before it existed: the first protocol).
    public var headlineProtocol: String?
    /// Metrics per group of a declared column, per protocol, target and model (see `GroupBreakdown`).
    public var groupBreakdowns: [GroupBreakdown]?
    public var models: [ModelResult]
    /// Paired bootstrap: the best model against each other model, per protocol and target.
    public var comparisons: [PairedComparison]
    /// Out-of-fold predictions of the best model per protocol and target (for scatter plots).
    public var bestPredictions: [PredictionSample]
    /// The target values of the data set (for the valence–arousal plane), one array per target.
    public var targetValues: [[Double]]
    public init(targets: [String], benchmark: Double?, protocols: [ProtocolInfo], models: [ModelResult],
                comparisons: [PairedComparison], bestPredictions: [PredictionSample], targetValues: [[Double]],
                headlineProtocol: String? = nil, groupBreakdowns: [GroupBreakdown]? = nil) {
        self.headlineProtocol = headlineProtocol
        self.groupBreakdowns = groupBreakdowns
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
    /// The column whose groups get their own metrics (`metrics_by`; a leave-one-group-out protocol's column).
    public var metricsBy: String?
    public init(name: String, kind: String, folds: Int, column: String?, description: String, metricsBy: String? = nil) {
        self.metricsBy = metricsBy
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
    /// Whether the pooled r clears the benchmark (nil without a benchmark).
    public var passesBenchmark: Bool?
    /// Seconds spent fitting and predicting across folds.
    public var seconds: Double
    /// Training curves averaged or from the first fold (e.g. MLP loss per epoch), by name.
    public var curves: [String: [Double]]
    public init(model: String, kind: String, protocolName: String, target: String, pooled: Metrics,
                pearsonCI: [Double], folds: [Metrics], foldPearsonMean: Double, foldPearsonSD: Double,
                bestParams: [[String: String]], passesBenchmark: Bool?, seconds: Double, curves: [String: [Double]]) {
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

/// One model's out-of-fold predictions of one target under one protocol, split by the groups of a column.
///
/// `betweenShare` is the share of the scored target's variance explained by the group means (η²);
/// `withinPearson` is the Pearson r after subtracting each group's mean from both the actual values and the
/// predictions (the association left inside the groups). The pooled r is `dominated` by group differences
/// when η² ≥ 0.3 or the within-group r is at least 0.1 below the pooled r.
public struct GroupBreakdown: Codable, Sendable, Equatable {
    public var protocolName: String
    public var target: String
    public var model: String
    public var column: String
    public var groups: [GroupScore]
    public var pooledPearson: Double
    /// nil when undefined (no variation left inside the groups).
    public var withinPearson: Double?
    public var betweenShare: Double
    public var dominated: Bool
    /// η² at or above this share marks the pooled r as dominated by group differences.
    public static let betweenShareLimit = 0.3
    /// A within-group r this far (or more) below the pooled r marks it as dominated too.
    public static let withinGapLimit = 0.1

    public init(protocolName: String, target: String, model: String, column: String, groups: [GroupScore],
                pooledPearson: Double, withinPearson: Double?, betweenShare: Double, dominated: Bool) {
        self.protocolName = protocolName
        self.target = target
        self.model = model
        self.column = column
        self.groups = groups
        self.pooledPearson = pooledPearson
        self.withinPearson = withinPearson
        self.betweenShare = betweenShare
        self.dominated = dominated
    }
}

/// The metrics of one group's rows (nil when undefined: fewer than two rows, or constant values).
public struct GroupScore: Codable, Sendable, Equatable {
    public var name: String
    public var n: Int
    public var metrics: Metrics?
    public init(name: String, n: Int, metrics: Metrics?) {
        self.name = name
        self.n = n
        self.metrics = metrics
    }
}

import Steps
import Runner
import Config
import Learn
import Linalg

/// The content of `reports/NAME.model`: everything `labbook predict` needs to score new songs.
public struct SavedModel: Codable, Sendable {
    public var experiment: String
    public var labbookVersion: String
    /// Which rows the pipeline and models were fitted on, for people (e.g. "training rows of `official`").
    public var trainedOn: String
    public var trainingRows: Int
    /// The `--set` overrides of the run that saved the model.
    public var overrides: [String]
    /// The experiment's `load` configuration (YAML text): at predict time the input replaces the left
    /// source and the right source (e.g. the Spotify artists) is read from the data root, joined the same way.
    public var loadYAML: String
    /// The target names, in order (e.g. valence, arousal).
    public var targets: [String]
    /// The clean pipeline fitted on the training rows.
    public var pipeline: FittedCleanPipeline
    /// One model per target.
    public var models: [TargetModel]
}

/// The model chosen for one target.
public struct TargetModel: Codable, Sendable {
    public var target: String
    /// The model's name in the experiment (`ridge`).
    public var model: String
    public var kind: String
    /// The protocol whose pooled r chose the model, and that r as the report states it.
    public var protocolName: String
    public var reportedPearson: Double
    /// Hyperparameters chosen by the grid search, when there was one.
    public var params: [String: String]
    /// The cluster features fitted on the training rows, when the model uses them.
    public var clusters: ClusterFeatures.Fitted?
    public var fitted: SavedRegressor
    /// This target's column in the fitted model's predictions.
    public var column: Int
    /// The column of an earlier target whose fit this one shares (the same model with the same parameters wins
    /// both): the model file stores that fit once (`SavedRegressor.sharedFit`).
    public var sharesFitOf: Int? = nil
    /// When the target was z-scored within groups: the grouping column and each training group's [mean, sd],
    /// so that `predict` can put predictions back on a group's own scale.
    public var standardization: TargetStandardization? = nil
}

/// A target's per-group standardization as fitted on the saved model's training rows.
public struct TargetStandardization: Codable, Sendable, Equatable {
    public var column: String
    /// Group value → [mean, sd] of the target's raw values in that group's training rows.
    public var groups: [String: [Double]]
    public init(column: String, groups: [String: [Double]]) {
        self.column = column
        self.groups = groups
    }
}

/// A fitted regressor in a form that can be written to disk.
public indirect enum SavedRegressor: Codable, Sendable {
    case linear(FittedLinearModel)
    case histGradientBoosting(FittedHistGradientBoostingTargets)
    /// One boosting model per target, each with its own binner (what `PerTarget` fits).
    case histGradientBoostingPerTarget([FittedHistGradientBoosting])
    case randomForest(FittedRandomForest)
    case decisionTree(FittedDecisionTree)
    case kNeighbors(FittedKNeighbors)
    case mlp(FittedMLP)
    /// A stack: the base models and one ridge meta-model per target.
    case stacking(names: [String], bases: [SavedRegressor], meta: [FittedLinearModel], passthrough: Bool)
    /// A weighted mean of base models.
    case voting(names: [String], bases: [SavedRegressor], weights: [Double], targets: Int)
    /// In a model file only: the fit stored with the target model of this column (`ModelFile` writes it for a
    /// target whose `sharesFitOf` is set and puts the fit back when it reads the file).
    case sharedFit(column: Int)

    /// The saveable form of `fitted`, or nil for a fitted type this version cannot save.
    public init?(_ fitted: any FittedRegressor) {
        switch fitted {
        case let model as FittedLinearModel: self = .linear(model)
        case let model as FittedHistGradientBoostingTargets: self = .histGradientBoosting(model)
        case let model as FittedRandomForest: self = .randomForest(model)
        case let model as FittedDecisionTree: self = .decisionTree(model)
        case let model as FittedKNeighbors: self = .kNeighbors(model)
        case let model as FittedMLP: self = .mlp(model)
        case let model as FittedStacking:
            let bases = model.bases.compactMap(SavedRegressor.init)
            guard bases.count == model.bases.count else { return nil }
            self = .stacking(names: model.names, bases: bases, meta: model.meta, passthrough: model.passthrough)
        case let model as FittedVoting:
            let bases = model.bases.compactMap(SavedRegressor.init)
            guard bases.count == model.bases.count else { return nil }
            self = .voting(names: model.names, bases: bases, weights: model.weights, targets: model.targets)
        case let model as any PerTargetFittedModels:
            let boosted = model.targetModels.compactMap { $0 as? FittedHistGradientBoosting }
            guard !boosted.isEmpty, boosted.count == model.targetModels.count else { return nil }
            self = .histGradientBoostingPerTarget(boosted)
        default: return nil
        }
    }

    /// The `train` model kinds whose fitted form `init?` accepts.
    public static let savableKinds: Set<String> = ["linear", "ridge", "lasso", "hist_gradient_boosting",
                                                   "random_forest", "decision_tree", "knn", "mlp",
                                                   "stacking", "voting"]

    public var regressor: any FittedRegressor {
        switch self {
        case .linear(let model): model
        case .histGradientBoosting(let model): model
        case .randomForest(let model): model
        case .decisionTree(let model): model
        case .kNeighbors(let model): model
        case .mlp(let model): model
        case .histGradientBoostingPerTarget(let models): SavedPerTarget(models: models)
        case let .stacking(names, bases, meta, passthrough):
            FittedStacking(names: names, bases: bases.map(\.regressor), meta: meta, passthrough: passthrough)
        case let .voting(names, bases, weights, targets):
            FittedVoting(names: names, bases: bases.map(\.regressor), weights: weights, targets: targets)
        case .sharedFit:
            preconditionFailure("a shared fit is put back when the model file is read (ModelFile.decode)")
        }
    }
}

/// Predicts each target with its own single-target model.
struct SavedPerTarget: FittedRegressor {
    let models: [any SingleTargetFitted]

    func predict(_ x: Matrix) throws -> Matrix {
        Matrix(columns: try models.map { try $0.predict(x) })
    }
}

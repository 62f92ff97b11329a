import Learn

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
}

/// A fitted regressor in a form that can be written to disk.
public enum SavedRegressor: Codable, Sendable {
    case linear(FittedLinearModel)

    /// The saveable form of `fitted`, or nil for model kinds that cannot be saved yet.
    public init?(_ fitted: any FittedRegressor) {
        if let linear = fitted as? FittedLinearModel { self = .linear(linear); return }
        return nil
    }

    /// The model kinds `init?` accepts.
    public static let savableKinds: Set<String> = ["linear", "ridge", "lasso"]

    public var regressor: any FittedRegressor {
        switch self {
        case .linear(let model): model
        }
    }
}

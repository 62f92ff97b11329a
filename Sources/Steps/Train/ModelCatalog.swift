import Config
import Learn
import Yams

/// How to build one kind of model from YAML: its default hyperparameters as a node, and a decoder.
///
/// Hyperparameters are decoded from the defaults with the user's `params` (and a grid candidate) laid
/// over them, so every key the user writes is checked against the model's real hyperparameter type.
struct ModelBlueprint: @unchecked Sendable {
    let defaults: Node
    let decode: (NodeDecoder) throws -> any Regressor

    /// A model whose hyperparameters are `H`, built by `build`.
    static func of<H: Codable>(_ defaults: H, _ build: @escaping (H) -> any Regressor) throws -> ModelBlueprint {
        ModelBlueprint(defaults: try YAMLNodes.node(encoding: defaults), decode: { build(try $0.decode(H.self)) })
    }

    /// A multi-target model that is its own hyperparameter set.
    static func model<M: Regressor & Codable>(_ defaults: M) throws -> ModelBlueprint {
        try of(defaults) { $0 }
    }
}

/// Maps each `ModelKind` to its estimator. Adding a model is one line here.
enum ModelCatalog {
    static func blueprint(_ kind: ModelKind) throws -> ModelBlueprint {
        switch kind {
        case .linear: try .model(LinearRegression())
        case .ridge: try .model(Ridge())
        case .lasso: try .model(Lasso())
        case .knn: try .model(KNeighborsRegressor())
        case .decisionTree: try .model(DecisionTreeRegressor())
        case .randomForest: try .model(RandomForestRegressor())
        case .histGradientBoosting: try .model(HistGradientBoostingRegressor())
        case .mlp: try .of(MLPHyperparameters()) { MLPRegressor($0) }
        // Base models are filled in by `ModelSpec.make` from `estimators:`.
        case .stacking: try .of(StackingHyperparameters()) { StackingRegressor(estimators: [], hyperparameters: $0) }
        case .voting: try .of(VotingHyperparameters()) { VotingRegressor(estimators: [], weights: $0.weights) }
        }
    }
}

/// `voting` hyperparameters: one weight per base model (equal weights when empty).
struct VotingHyperparameters: Codable {
    var weights: [Double] = []
}

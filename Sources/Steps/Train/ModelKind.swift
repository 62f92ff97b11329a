import Config

/// The estimators an experiment can name in `train.models.NAME.kind`.
public enum ModelKind: String, ConfigEnum {
    case linear
    case ridge
    case lasso
    case knn
    case decisionTree = "decision_tree"
    case randomForest = "random_forest"
    case histGradientBoosting = "hist_gradient_boosting"
    case mlp
    /// Named base models combined by a ridge meta-model on their cross-fitted predictions.
    case stacking
    /// The (weighted) mean of named base models.
    case voting

    /// Kinds built from other models (`estimators:`).
    public var isEnsemble: Bool { self == .stacking || self == .voting }
}

/// How a model's `grid` is explored: every combination, or `n_iter` of them drawn at random (seeded).
public struct SearchConfig: Decodable, Sendable, Equatable {
    public enum Kind: String, ConfigEnum { case grid, random }
    public var kind: Kind
    public var nIter: Int

    enum CodingKeys: String, CodingKey { case kind, nIter = "n_iter" }

    public init(kind: Kind = .grid, nIter: Int = 10) {
        self.kind = kind
        self.nIter = nIter
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        kind = try c.decodeIfPresent(Kind.self, forKey: .kind) ?? .grid
        nIter = try c.decodeIfPresent(Int.self, forKey: .nIter) ?? 10
    }
}

/// Which features a model is trained on: everything the pipeline builds (`all`), or the cleaned features
/// without the cluster features (`base`), to measure what the clusters add.
public enum FeatureSet: String, ConfigEnum {
    case all
    case base
}

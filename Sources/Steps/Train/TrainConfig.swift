/// The `train` step: the models to compare, in file order, and the inner folds of grid searches.
///
/// ```yaml train
/// models:
///   ridge: {kind: ridge, grid: {alpha: [1, 10, 100]}}
///   hgb: {kind: hist_gradient_boosting, params: {max_iter: 100}}
/// inner_folds: 3
/// ```
public struct TrainConfig: Decodable, Sendable {
    public let models: [ModelSpec]
    public let innerFolds: Int

    enum CodingKeys: String, CodingKey {
        case models
        case innerFolds = "inner_folds"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let models = try c.nestedContainer(keyedBy: NameKey.self, forKey: .models)
        let specs = try models.allKeys.map { try models.decode(ModelSpec.self, forKey: $0) }
        // Base models named by reference: resolved here, checked (unknown names, nesting) by `TrainStep.check`.
        self.models = specs.map { spec in
            var resolved = spec
            resolved.bases += spec.estimatorNames.compactMap { name in specs.first { $0.name == name && !$0.kind.isEnsemble } }
            return resolved
        }
        innerFolds = try c.decodeIfPresent(Int.self, forKey: .innerFolds) ?? 3
    }
}

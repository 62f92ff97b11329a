import Config
import Runner

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
        // Every model is decoded, so one `check` reports the errors of all of them, not only the first.
        var decoded: [ModelSpec] = []
        var errors: [ConfigError] = []
        var failed: [String] = []
        for key in models.allKeys {
            do {
                decoded.append(try models.decode(ModelSpec.self, forKey: key))
            } catch let error as ConfigError {
                errors.append(error)
                failed.append("models.\(key.stringValue).")
            } catch let error as ConfigErrors {
                errors += error.errors
                failed.append("models.\(key.stringValue).")
            }
        }
        if !errors.isEmpty {
            // Unknown keys of the models decoded so far would otherwise wait until these errors are fixed.
            let unknown = (decoder as? NodeDecoder)?.state.unknownKeyErrors()
                .filter { error in error.path.hasPrefix("models.") && !failed.contains { error.path.hasPrefix($0) } } ?? []
            throw ConfigErrors((errors + unknown).sorted { ($0.location?.line ?? 0, $0.location?.column ?? 0)
                < ($1.location?.line ?? 0, $1.location?.column ?? 0) })
        }
        // Base models named by reference: resolved here, checked (unknown names, nesting) by `TrainStep.check`.
        self.models = decoded.map { spec in
            var resolved = spec
            resolved.bases += spec.estimatorNames.compactMap { name in decoded.first { $0.name == name && !$0.kind.isEnsemble } }
            return resolved
        }
        innerFolds = try c.decodeIfPresent(Int.self, forKey: .innerFolds) ?? 3
    }
}

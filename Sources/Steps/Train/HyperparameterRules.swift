import Runner
import Config
import Literate
import Yams

/// Values a hyperparameter can never take, checked by name when the `train` block is decoded, so `check`
/// reports them at the value (`alpha: .nan`, `n_neighbors: 0`) instead of `evaluate` failing on a fold later.
/// The models check again when they are fitted; these rules only move the error to the value's position.
enum HyperparameterRules {
    private enum Rule {
        case nonNegative, positive, fraction, atLeast(Double)

        func problem(_ value: Double) -> String? {
            switch self {
            case .nonNegative: return value >= 0 ? nil : "must be ≥ 0"
            case .positive: return value > 0 ? nil : "must be > 0"
            case .fraction: return value > 0 && value < 1 ? nil : "must be between 0 and 1 (exclusive)"
            case .atLeast(let low): return value >= low ? nil : "must be at least \(Int(low))"
            }
        }
    }

    private static let rules: [String: Rule] = [
        "alpha": .nonNegative, "l2_regularization": .nonNegative, "tol": .nonNegative, "momentum": .nonNegative,
        "learning_rate": .positive, "learning_rate_init": .positive,
        "validation_fraction": .fraction,
        "n_neighbors": .atLeast(1), "max_iter": .atLeast(1), "n_estimators": .atLeast(1), "min_samples_leaf": .atLeast(1),
        "min_samples_split": .atLeast(2), "max_depth": .atLeast(1), "max_leaf_nodes": .atLeast(2), "max_bins": .atLeast(2),
        "batch_size": .atLeast(1), "n_iter_no_change": .atLeast(1), "hidden_layer_sizes": .atLeast(1),
    ]

    /// Throws a `ConfigError` at `value` when it cannot work for hyperparameter `name` (of model `model`).
    static func check(_ name: String, _ value: Node, model: String, path: String, state: DecodingState) throws {
        let scalars: [Node]
        switch value {
        case .scalar: scalars = [value]
        case .sequence(let items): scalars = Array(items)
        default: return
        }
        for node in scalars {
            guard case .scalar(let scalar) = node, scalar.style == .plain, let number = Double.create(from: node) else { continue }
            var problem: String?
            if !number.isFinite {
                problem = "must be a finite number"
            } else {
                problem = rules[name]?.problem(number)
            }
            if let problem {
                throw ConfigError(path: path, "`\(name)` of model `\(model)` \(problem), got `\(scalar.string)`",
                                  location: state.location(node))
            }
        }
    }
}

private extension Double {
    /// The number a plain YAML scalar holds (`1`, `0.5`, `.nan`, `.inf`), or nil for other scalars.
    static func create(from node: Node) -> Double? {
        guard case .scalar(let scalar) = node else { return nil }
        let text = scalar.string.lowercased()
        switch text {
        case ".nan": return .nan
        case ".inf", "+.inf": return .infinity
        case "-.inf": return -.infinity
        case "nan", "inf", "-inf", "infinity", "-infinity": return Double(text)
        default: return Double(text)
        }
    }
}

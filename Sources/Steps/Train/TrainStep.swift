import Config
import Runner

/// The `train` step: declares the models. They are fitted by `evaluate`, inside every training fold,
/// so that no statistic of a test row reaches a model or a transform.
public enum TrainStep: Step {
    public static let name = "train"
    public static var codec: StepCodec? { .configuration(Artifacts.train) }

    public static func check(_ config: TrainConfig) throws {
        if config.models.isEmpty { throw ConfigError(path: "models", "declare at least one model", location: nil) }
        if config.innerFolds < 2 {
            throw ConfigError(path: "inner_folds", "`inner_folds` must be at least 2, got \(config.innerFolds)", location: nil)
        }
        let names = config.models.map(\.name)
        for model in config.models {
            let path = "models.\(model.name)"
            if let search = model.search {
                if model.grid.isEmpty { throw ConfigError(path: "\(path).search", "`search` explores a `grid`: give the model a grid") }
                if search.nIter < 1 { throw ConfigError(path: "\(path).search.n_iter", "`n_iter` must be at least 1, got \(search.nIter)") }
            }
            if !model.kind.isEnsemble {
                if !model.estimatorNames.isEmpty || !model.bases.isEmpty {
                    throw ConfigError(path: "\(path).estimators", "only stacking and voting models take `estimators`")
                }
                continue
            }
            if model.estimatorNames.isEmpty && model.bases.isEmpty {
                throw ConfigError(path: path, "a \(model.kind.rawValue) model needs `estimators`: names of other models "
                                  + "(e.g. [ridge, hgb]) or a mapping of base models")
            }
            for (i, name) in model.estimatorNames.enumerated() {
                let at = "\(path).estimators[\(i)]"
                guard let base = config.models.first(where: { $0.name == name }) else {
                    throw ConfigError(path: at, "no model `\(name)` in this step\(Suggestion.didYouMean(name, in: names))")
                }
                if base.kind.isEnsemble || name == model.name {
                    throw ConfigError(path: at, "`\(name)` is itself a stacking or voting model; base models must be plain models")
                }
            }
            for base in model.bases {
                if base.kind.isEnsemble {
                    throw ConfigError(path: "\(path).estimators.\(base.name)", "base models must be plain models, not \(base.kind.rawValue)")
                }
                if !base.grid.isEmpty {
                    throw ConfigError(path: "\(path).estimators", "base model `\(base.name)` has a grid, which is not searched "
                                      + "inside a \(model.kind.rawValue) model: give it fixed `params`")
                }
            }
            if Set(model.bases.map(\.name)).count != model.bases.count {
                throw ConfigError(path: "\(path).estimators", "a base model is listed twice")
            }
        }
    }

    public static func run(_ config: TrainConfig, context: inout RunContext) throws -> StepOutput {
        context.put(config, for: Artifacts.train)
        return StepOutput(markdown: markdown(config))
    }

    static func markdown(_ config: TrainConfig) -> String {
        var lines = ["| model | kind | hyperparameters | grid |", "|---|---|---|---|"]
        for m in config.models {
            var params = m.params.map { "\($0.name)=\($0.value)" }.joined(separator: ", ")
            var grid = m.grid.map { "\($0.name) ∈ {\($0.values.map(\.description).joined(separator: ", "))}" }
                .joined(separator: "; ")
            if let search = m.searchDescription { grid += " (\(search))" }
            if !m.bases.isEmpty {
                let bases = "estimators: " + m.bases.map(\.name).joined(separator: ", ")
                params = params.isEmpty ? bases : "\(bases); \(params)"
            }
            let features = m.features == .base ? " (base features)" : ""
            lines.append("| \(m.name) | \(m.kind.rawValue)\(features) | \(params.isEmpty ? "defaults" : params) | \(grid.isEmpty ? "—" : grid) |")
        }
        lines.append("")
        lines.append("Models are fitted by `evaluate`, inside each training fold; grids use \(config.innerFolds) inner folds.")
        return lines.joined(separator: "\n")
    }
}

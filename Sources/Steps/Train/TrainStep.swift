/// The `train` step: declares the models. They are fitted by `evaluate`, inside every training fold,
/// so that no statistic of a test row reaches a model or a transform.
public enum TrainStep: Step {
    public static let name = "train"

    public static func check(_ config: TrainConfig) throws {
        if config.models.isEmpty { throw ConfigError(path: "models", "declare at least one model", location: nil) }
        if config.innerFolds < 2 {
            throw ConfigError(path: "inner_folds", "`inner_folds` must be at least 2, got \(config.innerFolds)", location: nil)
        }
    }

    public static func run(_ config: TrainConfig, context: inout RunContext) throws -> StepOutput {
        context.put(config, for: Artifacts.train)
        return StepOutput(markdown: markdown(config))
    }

    static func markdown(_ config: TrainConfig) -> String {
        var lines = ["| model | kind | hyperparameters | grid |", "|---|---|---|---|"]
        for m in config.models {
            let params = m.params.map { "\($0.name)=\($0.value)" }.joined(separator: ", ")
            let grid = m.grid.map { "\($0.name) ∈ {\($0.values.map(\.description).joined(separator: ", "))}" }
                .joined(separator: "; ")
            let features = m.features == .base ? " (base features)" : ""
            lines.append("| \(m.name) | \(m.kind.rawValue)\(features) | \(params.isEmpty ? "defaults" : params) | \(grid.isEmpty ? "—" : grid) |")
        }
        lines.append("")
        lines.append("Models are fitted by `evaluate`, inside each training fold; grids use \(config.innerFolds) inner folds.")
        return lines.joined(separator: "\n")
    }
}

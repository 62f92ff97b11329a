import Runner
import Config
import Frame
import Report

/// Runs the load step in an experiment: data files resolve against the run's data root (and are
/// recorded for provenance), the joined table and the target names go to later steps.
extension LoadStep: Step {
    public static let name = "load"
    public static var codec: StepCodec? { .load }

    public static func run(_ config: LoadConfig, context: inout RunContext) throws -> StepOutput {
        let result = try execute(config) { try context.dataFile($0) }
        context.results.load = result.summary
        context.put(result.frame, for: Artifacts.frame)
        context.put(config.targets, for: Artifacts.targets)
        putGroupings(config, frame: result.frame, context: &context)
        context.put(result.unmatchedRows, for: Artifacts.unmatchedRows)
        return StepOutput(markdown: StepSummary.load(result.summary).markdown)
    }

    /// The target standardization and the declared group columns (rebuilt from the configuration when the
    /// step's result comes from the cache).
    static func putGroupings(_ config: LoadConfig, frame: DataFrame, context: inout RunContext) {
        context.put(config.standardizedBy, for: Artifacts.targetStandardization)
        context.put(config.groupColumns.filter { frame.index(of: $0) != nil }, for: Artifacts.groupColumns)
    }
}

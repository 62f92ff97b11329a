import Runner
import Config
import Report

/// Runs the cluster step in an experiment: k is chosen once on the cleaned matrix (no targets are
/// used to choose it), then `evaluate` refits KMeans with that k inside every training fold.
extension ClusterStep: Step {
    public static let name = "cluster"
    public static var codec: StepCodec? { .cluster }

    public static func check(_ config: ClusterConfig) throws { try config.validate() }

    public static func run(_ config: ClusterConfig, context: inout RunContext) throws -> StepOutput {
        let x = try context.get(Artifacts.cleanedMatrix)
        let frame = try context.get(Artifacts.frame)
        let targets = try context.get(Artifacts.targets)
        let y = try EvaluateStep.targetMatrix(frame, targets)
        let progress = context.progress
        progress("cluster: choosing k in \(config.k.candidates) by \(config.rule.rawValue)")
        let summary = try selectK(x, y: y, config: config, seed: context.seed,
                                  unmatched: context.value(Artifacts.unmatchedRows) ?? [])
        context.results.cluster = summary
        context.put(ClusterPlan(transform: config.transform(k: summary.chosenK), chosenK: summary.chosenK),
                    for: Artifacts.clusterFeatures)
        return StepOutput(markdown: StepSummary.cluster(summary, targets: targets)
            .markdown(followedBy: "`evaluate` refits KMeans with k = \(summary.chosenK) inside every training fold."))
    }
}

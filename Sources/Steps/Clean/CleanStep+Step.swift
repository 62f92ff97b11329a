import Runner
import Frame
import Learn
import Report
import Support

/// Runs the clean step in an experiment: checks the columns against the loaded table, fits the
/// pipeline once on all rows for the summary (and the matrix the cluster step chooses k on), and
/// hands the unfitted pipeline to `evaluate`, which refits it inside every training fold.
extension CleanStep: Step {
    public static let name = "clean"
    public static var codec: StepCodec? { .clean }

    public static func run(_ config: CleanConfig, context: inout RunContext) throws -> StepOutput {
        let frame = try context.get(Artifacts.frame)
        let targets = try context.get(Artifacts.targets)
        try check(config, against: frame)
        let pipeline = try pipeline(from: config, targetNames: targets)
        let y = try EvaluateStep.targetMatrix(frame, targets)
        let rows = Array(0..<frame.rowCount)
        let (fitted, matrix) = try pipeline.fitTransform(frame, rows: rows, targets: y, seed: context.seed)
        let summary = summary(fitted.report)
        context.results.clean = summary
        context.put(pipeline, for: Artifacts.cleanPipeline)
        context.put(matrix, for: Artifacts.cleanedMatrix)
        return StepOutput(markdown: StepSummary.clean(summary).markdown(followedBy: "This summary fits the pipeline on all "
            + "\(NumberFormat.grouped(frame.rowCount)) rows; `evaluate` refits it inside every training fold."))
    }
}

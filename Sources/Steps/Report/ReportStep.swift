/// The `report` step: records report options; the reports themselves are written after every step
/// succeeded (see `ReportWriter`).
public enum ReportStep: Step {
    public static let name = "report"
    public static let options = ArtifactKey<ReportConfig>("report options")

    public static func check(_ config: ReportConfig) throws {
        if let other = config.compareWith, other.isEmpty || other.contains("/") {
            throw ConfigError(path: "compare_with", "`compare_with` names another experiment, e.g. `va-regression`")
        }
    }

    public static func run(_ config: ReportConfig, context: inout RunContext) throws -> StepOutput {
        context.put(config, for: options)
        var lines = ["Reports: `reports/\(context.experimentName).md` and `reports/\(context.experimentName).html`."]
        if let other = config.compareWith {
            lines.append("The discussion compares with `\(other)` (from `reports/\(other).results.json`).")
        }
        return StepOutput(markdown: lines.joined(separator: "\n"))
    }
}

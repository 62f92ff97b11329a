import Runner
import Config
import Foundation

/// The `report` step: records report options; the reports themselves are written after every step
/// succeeded (see `ReportWriter`).
public enum ReportStep: Step {
    public static let name = "report"
    public static let options = ArtifactKey<ReportConfig>("report options")
    public static var codec: StepCodec? { .configuration(options) }

    public static func check(_ config: ReportConfig) throws {
        if let other = config.compareWith, other.isEmpty || other.contains("/") {
            throw ConfigError(path: "compare_with", "`compare_with` names another experiment, e.g. `va-regression`")
        }
        if config.entity?.trimmingCharacters(in: .whitespaces).isEmpty == true {
            throw ConfigError(path: "entity", "`entity` is empty: give the plural noun the report uses for rows, e.g. `samples`")
        }
        if let plane = config.affectPlane {
            if plane.valence == plane.arousal {
                throw ConfigError(path: "affect_plane", "`affect_plane` needs two different target columns, one per axis of the plane")
            }
            if plane.center.count != 2 || !plane.center.allSatisfy(\.isFinite) {
                throw ConfigError(path: "affect_plane.center", "`center` is the neutral point of the plane: two numbers, [horizontal, vertical]")
            }
        }
    }

    public static func run(_ config: ReportConfig, context: inout RunContext) throws -> StepOutput {
        context.put(config, for: options)
        if let plane = config.affectPlane {
            let targets = context.value(Artifacts.targets) ?? []
            for name in [plane.valence, plane.arousal] where !targets.contains(name) {
                throw RunError("`affect_plane` names `\(name)`, which is not a target (targets: \(targets.joined(separator: ", ")))")
            }
        }
        var lines = ["Reports: `reports/\(context.experimentName).md` and `reports/\(context.experimentName).html`."]
        if let other = config.compareWith {
            lines.append("The discussion compares with `\(other)` (from `reports/\(other).results.json`).")
        }
        return StepOutput(markdown: lines.joined(separator: "\n"))
    }
}

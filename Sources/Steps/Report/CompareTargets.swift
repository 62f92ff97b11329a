import Runner
import Config
import Foundation
import Literate

/// `report.compare_with` names another experiment whose saved results the discussion reads: `check` and `run`
/// report a name with no results (and no experiment in the same command to produce them) before anything runs.
public enum CompareTargets {
    /// One error per plan whose `compare_with` has neither `reports/NAME.results.json` nor a plan in `plans`.
    public static func missing(_ plans: [ExperimentPlan], reports: URL) -> [Diagnostic] {
        let names = Set(plans.map(\.experimentName))
        return plans.compactMap { plan in
            guard let other = RunOrder.compareWith(plan), !names.contains(other),
                  let step = plan.steps.first(where: { $0.name == ReportStep.name }) else { return nil }
            let results = reports.appendingPathComponent("\(other).results.json")
            guard !FileManager.default.fileExists(atPath: results.path) else { return nil }
            let source = ConfigSource(step: step.block, file: plan.document.fileName)
            let location = (try? ConfigDocument(source))?.location(ofPath: "compare_with") ?? source.fallback
            return Diagnostic(at: location, "`compare_with: \(other)` names results that do not exist (\(results.path)): "
                + "run that experiment first, or run both in one command")
        }
    }
}

import Config
import Runner

/// Orders experiments so that one whose report compares with another runs after it.
public enum RunOrder {
    /// `plans` reordered: each plan after the plans its `report.compare_with` names (file order otherwise).
    public static func sorted(_ plans: [ExperimentPlan]) -> [ExperimentPlan] {
        var remaining = plans
        var ordered: [ExperimentPlan] = []
        while !remaining.isEmpty {
            let names = Set(remaining.map(\.experimentName))
            let ready = remaining.firstIndex { plan in
                guard let other = compareWith(plan) else { return true }
                return !names.contains(other) || other == plan.experimentName
            } ?? 0
            ordered.append(remaining.remove(at: ready))
        }
        return ordered
    }

    /// The experiment `plan`'s report compares with (`report.compare_with`), if any.
    public static func compareWith(_ plan: ExperimentPlan) -> String? {
        plan.steps.first { $0.name == ReportStep.name }.flatMap { ($0.config as? ReportConfig)?.compareWith }
    }
}

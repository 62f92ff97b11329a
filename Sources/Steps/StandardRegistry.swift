import Config
import Runner

extension StepRegistry {
    /// The registry the `labbook` command uses: one line per step.
    public static var standard: StepRegistry {
        var registry = StepRegistry()
        registry.register(LoadStep.self)
        registry.register(CleanStep.self)
        registry.register(ClusterStep.self)
        registry.register(TrainStep.self)
        registry.register(EvaluateStep.self)
        registry.register(ReportStep.self)
        registry.order = .standard
        return registry
    }
}

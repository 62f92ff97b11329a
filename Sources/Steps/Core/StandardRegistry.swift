extension StepRegistry {
    /// The registry the `labbook` command uses. Step implementations are added here, one line each,
    /// e.g. `registry.register(LoadStep.self)`.
    public static var standard: StepRegistry {
        let registry = StepRegistry()
        return registry
    }
}

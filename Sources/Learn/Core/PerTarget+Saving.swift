/// A fit made of one single-target model per target (what `PerTarget` returns), so saved model files can
/// store each model.
public protocol PerTargetFittedModels: FittedRegressor {
    /// One fitted model per target, in target order.
    var targetModels: [any SingleTargetFitted] { get }
}

extension PerTarget.Fitted: PerTargetFittedModels {
    var targetModels: [any SingleTargetFitted] { models }
}

/// The estimators an experiment can name in `train.models.NAME.kind`.
public enum ModelKind: String, ConfigEnum {
    case linear
    case ridge
    case lasso
    case knn
    case decisionTree = "decision_tree"
    case randomForest = "random_forest"
    case histGradientBoosting = "hist_gradient_boosting"
    case mlp
}

/// Which features a model is trained on: everything the pipeline builds (`all`), or the cleaned features
/// without the cluster features (`base`), to measure what the clusters add.
public enum FeatureSet: String, ConfigEnum {
    case all
    case base
}

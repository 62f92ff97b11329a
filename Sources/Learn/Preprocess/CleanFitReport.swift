/// What fitting a clean pipeline did, for the step's output block and the results file.
public struct CleanFitReport: Codable, Sendable, Equatable {
    /// Training rows the pipeline was fitted on.
    public var rows: Int
    /// Frame columns the pipeline reads (numeric + categorical + the tag column).
    public var featuresBefore: Int
    /// Width after encoding but before any reduction (numerics, indicators, one-hot columns, kept tags).
    public var featuresExpanded: Int
    /// Width of the output matrix.
    public var featuresAfter: Int
    /// One line per transform, e.g. "median imputation of 14 numeric columns (4,800 values)".
    public var transforms: [String]
    /// Missing values imputed per numeric column in the training rows (columns with none omitted).
    public var imputed: [ImputedCount]
    /// Tags kept by the multi-hot encoder, when there is a tag column.
    public var tagsKept: Int?
    /// Distinct tags in the training rows, before `min_count`.
    public var tagsSeen: Int?
    public var reductions: [ReductionReport]
    /// Settings the data did not allow as given (a clamped `n_components`, no tag kept), one sentence each.
    public var warnings: [String]? = nil
}

/// Missing values filled in one column.
public struct ImputedCount: Codable, Sendable, Equatable {
    public var column: String
    public var count: Int
}

/// One dimensionality reduction: its input width, kept components and their explained variance ratios.
public struct ReductionReport: Codable, Sendable, Equatable {
    /// What was reduced, e.g. `genres` or `features`.
    public var name: String
    /// `truncated_svd` or `pca`.
    public var method: String
    public var inputs: Int
    public var components: Int
    public var explainedVarianceRatio: [Double]
}

/// What the load step read and joined.
public struct LoadSummary: Codable, Sendable, Equatable {
    public var sources: [SourceSummary]
    /// Rows per split value (e.g. train / validation / test), in file order.
    public var splits: [NamedCount]
    public var rows: Int
    public var columns: Int
    public var join: JoinSummary?
    /// Missing cells per column after the join, columns with none omitted.
    public var missing: [NamedCount]
    /// Target columns (e.g. valence, arousal) and their statistics.
    public var targets: [TargetSummary]
    /// Column renames applied to resolve name clashes, e.g. `valence` → `valence_spotify`.
    public var renamed: [Rename]
    /// The `where:` row filter, when configured: rows before, kept, and dropped per condition.
    public var filter: RowFilterSummary?
    /// What the output and the report warn about (uneven join match rates between files, `where` values no row
    /// holds), one sentence each without a final period; nil when none.
    public var warnings: [String]?

    public init(sources: [SourceSummary], splits: [NamedCount], rows: Int, columns: Int, join: JoinSummary?,
                missing: [NamedCount], targets: [TargetSummary], renamed: [Rename]) {
        self.sources = sources
        self.splits = splits
        self.rows = rows
        self.columns = columns
        self.join = join
        self.missing = missing
        self.targets = targets
        self.renamed = renamed
    }
}

public struct SourceSummary: Codable, Sendable, Equatable {
    public var name: String
    public var files: [NamedCount]
    public var rows: Int
    public var skippedRows: Int
    public init(name: String, files: [NamedCount], rows: Int, skippedRows: Int) {
        self.name = name
        self.files = files
        self.rows = rows
        self.skippedRows = skippedRows
    }
}

public struct NamedCount: Codable, Sendable, Equatable {
    public var name: String
    public var count: Int
    public init(name: String, count: Int) {
        self.name = name
        self.count = count
    }
}

public struct Rename: Codable, Sendable, Equatable {
    public var from: String
    public var to: String
    public init(from: String, to: String) {
        self.from = from
        self.to = to
    }
}

public struct JoinSummary: Codable, Sendable, Equatable {
    public var left: String
    public var right: String
    public var how: String
    public var normalize: [String]
    public var leftRows: Int
    public var matchedRows: Int
    /// matchedRows / leftRows.
    public var matchRate: Double
    public var rightDuplicateKeysDropped: Int
    /// Matches per file of the left source, in file order (with the split label when the source has a split column).
    public var byFile: [JoinFileSummary]?
    /// The left source's split column (the header of the split labels in `byFile`), when it has one.
    public var splitColumn: String?
    public init(left: String, right: String, how: String, normalize: [String], leftRows: Int,
                matchedRows: Int, matchRate: Double, rightDuplicateKeysDropped: Int) {
        self.left = left
        self.right = right
        self.how = how
        self.normalize = normalize
        self.leftRows = leftRows
        self.matchedRows = matchedRows
        self.matchRate = matchRate
        self.rightDuplicateKeysDropped = rightDuplicateKeysDropped
    }
}

/// How many rows of one left-side file found a match.
public struct JoinFileSummary: Codable, Sendable, Equatable {
    public var file: String
    /// The file's value in the source's split column, when it has one.
    public var split: String?
    public var rows: Int
    public var matchedRows: Int
    /// matchedRows / rows (0 for an empty file).
    public var matchRate: Double
    public init(file: String, split: String?, rows: Int, matchedRows: Int) {
        self.file = file
        self.split = split
        self.rows = rows
        self.matchedRows = matchedRows
        matchRate = rows == 0 ? 0 : Double(matchedRows) / Double(rows)
    }
}

extension JoinSummary {
    /// The left files with the lowest and the highest match rate when they differ by at least `gap`
    /// (the right side's columns are then mostly imputed for some files only); nil otherwise.
    public func unevenFileMatches(gap: Double = 0.2) -> (lowest: JoinFileSummary, highest: JoinFileSummary)? {
        let files = (byFile ?? []).filter { $0.rows > 0 }
        guard let lo = files.min(by: { $0.matchRate < $1.matchRate }), let hi = files.max(by: { $0.matchRate < $1.matchRate }),
              hi.matchRate - lo.matchRate >= gap else { return nil }
        return (lo, hi)
    }
}

/// The load step's `where:` filter: conditions applied in order after the join.
public struct RowFilterSummary: Codable, Sendable, Equatable {
    public var rowsBefore: Int
    public var rowsKept: Int
    public var conditions: [RowFilterCondition]
    public init(rowsBefore: Int, rowsKept: Int, conditions: [RowFilterCondition]) {
        self.rowsBefore = rowsBefore
        self.rowsKept = rowsKept
        self.conditions = conditions
    }
}

/// One condition of a row filter, e.g. column `Genre`, condition `in [Rock, Pop]`, and the rows it dropped
/// among those the earlier conditions kept.
public struct RowFilterCondition: Codable, Sendable, Equatable {
    public var column: String
    public var condition: String
    public var dropped: Int
    /// Values listed by `in` / `not_in` that no row holds (a typo, or spaces the source does not trim); nil when none.
    public var unseen: [String]?
    public init(column: String, condition: String, dropped: Int, unseen: [String]? = nil) {
        self.column = column
        self.condition = condition
        self.dropped = dropped
        self.unseen = unseen
    }
}

public struct TargetSummary: Codable, Sendable, Equatable {
    public var name: String
    public var mean: Double
    public var sd: Double
    public var min: Double
    public var max: Double
    /// The column whose groups the target is z-scored within for training and scoring (statistics from each
    /// fold's training rows), or nil; mean, sd, min and max are always of the raw values.
    public var standardizedBy: String?
    public init(name: String, mean: Double, sd: Double, min: Double, max: Double, standardizedBy: String? = nil) {
        self.standardizedBy = standardizedBy
        self.name = name
        self.mean = mean
        self.sd = sd
        self.min = min
        self.max = max
    }
}

/// What the clean step built (summaries from fitting on the training rows of the official split).
public struct CleanSummary: Codable, Sendable, Equatable {
    public var featuresBefore: Int
    public var featuresAfter: Int
    /// One line per transform, e.g. "median imputation of 14 numeric columns".
    public var transforms: [String]
    /// Values imputed per column (on the summary fit).
    public var imputed: [NamedCount]
    public var tagsKept: Int?
    /// Explained variance ratio per component, per reduction (PCA or truncated SVD), by name.
    public var reductions: [Reduction]
    /// Settings the data did not allow as written (clamped `n_components`, no tag kept), one sentence each.
    public var warnings: [String]?
    public init(featuresBefore: Int, featuresAfter: Int, transforms: [String], imputed: [NamedCount],
                tagsKept: Int?, reductions: [Reduction], warnings: [String]? = nil) {
        self.warnings = warnings
        self.featuresBefore = featuresBefore
        self.featuresAfter = featuresAfter
        self.transforms = transforms
        self.imputed = imputed
        self.tagsKept = tagsKept
        self.reductions = reductions
    }
}

public struct Reduction: Codable, Sendable, Equatable {
    public var name: String
    public var method: String
    public var inputs: Int
    public var components: Int
    public var explainedVarianceRatio: [Double]
    public init(name: String, method: String, inputs: Int, components: Int, explainedVarianceRatio: [Double]) {
        self.name = name
        self.method = method
        self.inputs = inputs
        self.components = components
        self.explainedVarianceRatio = explainedVarianceRatio
    }
}

/// KMeans model selection and the chosen clustering.
public struct ClusterSummary: Codable, Sendable, Equatable {
    public var candidates: [ClusterCandidate]
    public var rule: String
    public var chosenK: Int
    public var features: [String]
    public var sizes: [Int]
    /// Mean of each target per cluster: `targetMeans[t][c]`, targets in `EvaluationSummary.targets` order.
    public var targetMeans: [[Double]]
    /// What to doubt about the clustering (k at the edge of its range, a cluster that is exactly the rows
    /// without a join match), one sentence each.
    public var warnings: [String]?
    public init(candidates: [ClusterCandidate], rule: String, chosenK: Int, features: [String], sizes: [Int],
                targetMeans: [[Double]], warnings: [String]? = nil) {
        self.warnings = warnings
        self.candidates = candidates
        self.rule = rule
        self.chosenK = chosenK
        self.features = features
        self.sizes = sizes
        self.targetMeans = targetMeans
    }
}

public struct ClusterCandidate: Codable, Sendable, Equatable {
    public var k: Int
    public var inertia: Double
    public var silhouette: Double
    public init(k: Int, inertia: Double, silhouette: Double) {
        self.k = k
        self.inertia = inertia
        self.silhouette = silhouette
    }
}

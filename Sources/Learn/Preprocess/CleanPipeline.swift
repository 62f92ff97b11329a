import Frame
import Linalg

/// The clean step's transforms as plain data, built from the config: numeric columns (clip, log1p, impute,
/// scale), one-hot categorical columns, a multi-hot tag column (optionally TF-IDF weighted and reduced by
/// truncated SVD) and an optional PCA over the assembled matrix.
///
/// `fit` reads only the training `rows` of the frame, so evaluation can refit it inside every fold without
/// statistics from held-out rows reaching any fitted transform.
public struct CleanPipeline: Sendable, Equatable {
    public var numeric: NumericSpec?
    public var categorical: CategoricalSpec?
    public var tags: TagSpec?
    /// PCA over the final matrix (after every other block).
    public var pca: PCA?

    public init(numeric: NumericSpec? = nil, categorical: CategoricalSpec? = nil, tags: TagSpec? = nil, pca: PCA? = nil) {
        self.numeric = numeric
        self.categorical = categorical
        self.tags = tags
        self.pca = pca
    }

    /// Fits every transform on `rows` of `frame`. `targets` (rows.count × t, row i for `rows[i]`) is needed only
    /// for tag target encoding; `seed` drives the randomized SVD and the target encoding's cross-fitting.
    public func fit(_ frame: DataFrame, rows: [Int], targets: Matrix?, seed: UInt64) throws -> FittedCleanPipeline {
        try fitTransform(frame, rows: rows, targets: targets, seed: seed).fitted
    }

    /// Fits on `rows` and returns the training matrix too (scikit-learn's `fit_transform`). It equals
    /// `fitted.transform(frame, rows: rows)` except for tag target encoding, whose training rows are encoded
    /// out-of-fold here: use this matrix to train models.
    public func fitTransform(_ frame: DataFrame, rows: [Int], targets: Matrix?,
                             seed: UInt64) throws -> (fitted: FittedCleanPipeline, matrix: Matrix) {
        guard !rows.isEmpty else { throw LearnError("the clean step needs at least one training row") }
        try FittedCleanPipeline.checkRows(rows, frame)
        if numeric == nil && categorical == nil && tags == nil {
            throw LearnError("the clean step selects no columns; give numeric, categorical or tags columns")
        }
        var fitted = FittedCleanPipeline()
        fitted.numeric = try numeric?.fit(frame, rows: rows)
        fitted.categorical = try categorical?.fit(frame, rows: rows)
        var tagMatrix: SparseRows? = nil
        var outOfFold: [[Double]]? = nil
        if let tags {
            let encoder = try tags.fit(frame, rows: rows)
            fitted.tags = encoder
            let sparse = try encoder.transform(frame, rows: rows)
            tagMatrix = sparse
            fitted.tagReduction = try tags.reduce?.fit(sparse, seed: seed)
            if let encoding = tags.targetEncoding {
                guard let targets, targets.rows == rows.count else {
                    throw LearnError("tag target encoding needs the training targets (one row per training row)")
                }
                let all = try frame.list(tags.column)
                let lists = rows.map { all[$0] }
                fitted.tagTarget = try encoding.fitTable(column: tags.column, lists: lists, targets: targets)
                outOfFold = try encoding.crossFitted(column: tags.column, lists: lists, targets: targets, seed: seed)
            }
        }
        var x = try fitted.assemble(frame, rows: rows, tagMatrix: tagMatrix, targetEncoded: outOfFold)
        let expandedWidth = fitted.expandedWidth
        if let pca {
            let model = try pca.fitPCA(x)
            fitted.pca = model
            x = try model.transform(x)
        }
        fitted.featureNames = fitted.outputNames
        fitted.report = report(fitted, rows: rows.count, expandedWidth: expandedWidth)
        return (fitted, x)
    }

    private func report(_ f: FittedCleanPipeline, rows: Int, expandedWidth: Int) -> CleanFitReport {
        var lines: [String] = []
        var imputed: [ImputedCount] = []
        if let spec = numeric, let block = f.numeric {
            let clipped = spec.columns.filter { spec.clip[$0] != nil }
            if !clipped.isEmpty { lines.append("clip of \(listed(clipped))") }
            let logged = spec.columns.filter { spec.log1p.contains($0) }
            if !logged.isEmpty { lines.append("log1p of \(listed(logged))") }
            if let imputer = block.imputer, let strategy = spec.impute {
                imputed = zip(block.columns, imputer.missingCounts).filter { $0.1 > 0 }.map { ImputedCount(column: $0.0, count: $0.1) }
                let total = imputed.reduce(0) { $0 + $1.count }
                lines.append("\(strategy.rawValue) imputation of \(block.columns.count) numeric columns (\(total) values)")
            }
            if !block.indicators.isEmpty { lines.append("missing indicators for \(block.indicators.count) columns") }
            if spec.scale != .none { lines.append("\(spec.scale.rawValue) scaling of \(block.columns.count) numeric columns") }
        }
        if let cat = f.categorical {
            lines.append("one-hot encoding of \(listed(cat.columns)) → \(cat.featureNames.count) indicators (unknown: \(cat.handleUnknown.rawValue))")
        }
        var reductions: [ReductionReport] = []
        if let tags = f.tags, let spec = self.tags {
            lines.append("multi-hot `\(tags.column)`: \(tags.vocabulary.count) of \(tags.distinctTags) tags in ≥ \(spec.minCount) rows"
                         + (tags.idf != nil ? ", TF-IDF weighted" : ""))
            if let te = f.tagTarget, let spec = self.tags?.targetEncoding {
                lines.append("target encoding of `\(te.column)`: \(te.tags.count) tags in ≥ \(spec.minCount) rows, smoothing "
                             + "\(spec.smoothing), training rows encoded out-of-fold (\(spec.folds) folds)")
            }
            if let svd = f.tagReduction {
                reductions.append(ReductionReport(name: tags.column, method: "truncated_svd", inputs: svd.nFeatures,
                                                  components: svd.nComponents, explainedVarianceRatio: svd.explainedVarianceRatio))
                lines.append("truncated SVD of \(svd.nFeatures) tags → \(svd.nComponents) components (\(percent(svd.explainedVarianceRatio)) of variance)")
            }
        }
        if let pca = f.pca {
            reductions.append(ReductionReport(name: "features", method: "pca", inputs: pca.mean.count,
                                              components: pca.nComponents, explainedVarianceRatio: pca.explainedVarianceRatio))
            lines.append("PCA of \(pca.mean.count) features → \(pca.nComponents) components (\(percent(pca.explainedVarianceRatio)) of variance)")
        }
        let before = (numeric?.columns.count ?? 0) + (categorical?.columns.count ?? 0) + (tags == nil ? 0 : 1)
        let warnings = self.warnings(f)
        return CleanFitReport(rows: rows, featuresBefore: before, featuresExpanded: expandedWidth,
                              featuresAfter: f.featureNames.count, transforms: lines, imputed: imputed,
                              tagsKept: f.tags?.vocabulary.count, tagsSeen: f.tags?.distinctTags, reductions: reductions,
                              warnings: warnings.isEmpty ? nil : warnings)
    }

    /// Settings the data did not allow as written: no tag kept after `min_count`, `n_components` clamped.
    private func warnings(_ f: FittedCleanPipeline) -> [String] {
        var out: [String] = []
        if let tags = f.tags, let spec = self.tags, tags.vocabulary.isEmpty {
            out.append("no tag of `\(tags.column)` is used by at least \(spec.minCount) training rows (min_count), so its "
                       + "tag features are all zero: lower `tags.min_count`")
        }
        if let svd = f.tagReduction, let requested = tags?.reduce?.nComponents, svd.nComponents < requested {
            out.append("`n_components` \(requested) of the truncated SVD was clamped to \(svd.nComponents), the number of tags kept")
        }
        if let model = f.pca, case .count(let requested)? = pca?.nComponents, model.nComponents < requested {
            out.append("PCA `n_components` \(requested) was clamped to \(model.nComponents), what the data allows "
                       + "(at most the number of features and of training rows)")
        }
        return out
    }

    private func listed(_ names: [String]) -> String {
        names.count <= 4 ? "\(names.count == 1 ? "1 column" : "\(names.count) columns") (\(names.joined(separator: ", ")))"
                         : "\(names.count) columns"
    }

    private func percent(_ ratios: [Double]) -> String {
        let p = ratios.reduce(0, +) * 100
        return "\((p * 10).rounded() / 10)%"
    }
}

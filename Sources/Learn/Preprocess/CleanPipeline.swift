import Frame
import Linalg
import Support

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
    /// Target encoding of categorical columns (needs `targets` when fitting).
    public var categoryTarget: CategoryTargetEncoding?
    /// TF-IDF features of text columns.
    public var text: [TextFeatureSpec] = []
    /// PCA over the final matrix (after every other block).
    public var pca: PCA?

    public init(numeric: NumericSpec? = nil, categorical: CategoricalSpec? = nil, tags: TagSpec? = nil,
                categoryTarget: CategoryTargetEncoding? = nil, text: [TextFeatureSpec] = [], pca: PCA? = nil) {
        self.numeric = numeric
        self.categorical = categorical
        self.tags = tags
        self.categoryTarget = categoryTarget
        self.text = text
        self.pca = pca
    }

    /// Fits every transform on `rows` of `frame`. `targets` (rows.count × t, row i for `rows[i]`) is needed only
    /// for tag target encoding; `seed` drives the randomized SVD and the target encoding's cross-fitting.
    public func fit(_ frame: DataFrame, rows: [Int], targets: Matrix?, seed: UInt64) throws -> FittedCleanPipeline {
        try fitTransform(frame, rows: rows, targets: targets, seed: seed).fitted
    }

    /// Fits on `rows` and returns the training matrix too (scikit-learn's `fit_transform`). It equals
    /// `fitted.transform(frame, rows: rows)` except for tag target encoding, whose training rows are encoded
    /// out-of-fold here: use this matrix to train models. With `groups` (one per row of `rows`, e.g. the artist under
    /// an artist-grouped protocol), the target encodings' cross-fitting keeps each group in one fold, so training rows
    /// are encoded as the held-out rows of unseen groups will be.
    /// `termCounts` (built on `frame`) shares the text columns' term counts between fits on the same frame.
    public func fitTransform(_ frame: DataFrame, rows: [Int], targets: Matrix?, seed: UInt64,
                             groups: [String?]? = nil,
                             termCounts: TermCountCache? = nil) throws -> (fitted: FittedCleanPipeline, matrix: Matrix) {
        if let groups, groups.count != rows.count {
            throw LearnError("cross-fitting groups: \(groups.count) groups for \(rows.count) rows")
        }
        guard !rows.isEmpty else { throw LearnError("the clean step needs at least one training row") }
        try FittedCleanPipeline.checkRows(rows, frame)
        if numeric == nil && categorical == nil && tags == nil && categoryTarget == nil && text.isEmpty {
            throw LearnError("the clean step selects no columns; give numeric, categorical, tags or text columns")
        }
        var fitted = FittedCleanPipeline()
        fitted.numeric = try numeric?.fit(frame, rows: rows)
        fitted.categorical = try categorical?.fit(frame, rows: rows)
        var categoryOutOfFold: [[Double]]? = nil
        if let encoding = categoryTarget {
            guard let targets, targets.rows == rows.count else {
                throw LearnError("target encoding needs the training targets (one row per training row)")
            }
            let values = try encoding.columns.map { name in
                let all = try frame.text(name)
                return rows.map { all[$0] }
            }
            fitted.categoryTarget = try encoding.fitTable(values: values, targets: targets)
            categoryOutOfFold = try encoding.crossFitted(values: values, targets: targets, seed: seed, groups: groups)
        }
        var textBlocks: [Matrix] = []
        if !text.isEmpty {
            var blocks: [FittedTextFeatures] = []
            for (k, spec) in text.enumerated() {
                let (block, matrix) = try spec.fitTransform(frame, rows: rows, seed: seed &+ UInt64(k + 1), termCounts: termCounts)
                blocks.append(block)
                textBlocks.append(matrix)
            }
            fitted.text = blocks
        }
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
                let all = try tags.source.lists(frame)
                let lists = rows.map { all[$0] }
                fitted.tagTarget = try encoding.fitTable(column: tags.column, lists: lists, targets: targets, source: tags.source)
                outOfFold = try encoding.crossFitted(column: tags.column, lists: lists, targets: targets, seed: seed,
                                                     groups: groups)
            }
        }
        var x = try fitted.assemble(frame, rows: rows, tagMatrix: tagMatrix, textBlocks: textBlocks,
                                    categoryEncoded: categoryOutOfFold, targetEncoded: outOfFold)
        let expandedWidth = fitted.expandedWidth
        if let pca {
            let model = try pca.fitPCA(x)
            fitted.pca = model
            x = try model.transform(x)
        }
        fitted.featureNames = fitted.outputNames
        let taggedRows = tagMatrix.map { m in (0..<m.rows).filter { m.rowStart[$0 + 1] > m.rowStart[$0] }.count }
        fitted.report = report(fitted, rows: rows.count, expandedWidth: expandedWidth, taggedRows: taggedRows)
        return (fitted, x)
    }

    private func report(_ f: FittedCleanPipeline, rows: Int, expandedWidth: Int, taggedRows: Int?) -> CleanFitReport {
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
                lines.append("\(strategy.rawValue) imputation of \(block.columns.count) numeric columns (\(NumberFormat.grouped(total)) values)")
            }
            if !block.indicators.isEmpty { lines.append("missing indicators for \(block.indicators.count) columns") }
            if spec.scale != .none { lines.append("\(spec.scale.rawValue) scaling of \(block.columns.count) numeric columns") }
        }
        if let cat = f.categorical {
            lines.append("one-hot encoding of \(listed(cat.columns)) → \(cat.featureNames.count) indicators (unknown: \(cat.handleUnknown.rawValue))")
        }
        if let te = f.categoryTarget, let spec = categoryTarget {
            let sizes = te.tables.map { NumberFormat.grouped($0.categories.count) }.joined(separator: ", ")
            let smooth = switch spec.smooth { case .auto: "auto"; case .fixed(let m): "\(m)" }
            let named = te.columns.map { "`\($0)`" }.joined(separator: ", ")
            lines.append("target encoding of \(named) (\(sizes) categories, smooth \(smooth)): training rows encoded by "
                         + "\(spec.cv)-fold cross-fitting")
        }
        var reductions: [ReductionReport] = []
        for block in f.text ?? [] {
            let v = block.vectorizer
            lines.append("TF-IDF of `\(block.column)` (\(v.terms.rawValue) \(v.ngramMin)–\(v.ngramMax)-grams"
                         + (v.sublinearTF ? ", sublinear tf" : "") + "): \(NumberFormat.grouped(v.vocabulary.count)) of \(NumberFormat.grouped(v.termsSeen)) terms kept")
            if let svd = block.reduction {
                reductions.append(ReductionReport(name: "\(block.column)_\(v.terms.rawValue)", method: "truncated_svd",
                                                  inputs: svd.nFeatures, components: svd.nComponents,
                                                  explainedVarianceRatio: svd.explainedVarianceRatio))
                lines.append("truncated SVD of \(NumberFormat.grouped(svd.nFeatures)) terms → \(svd.nComponents) components "
                             + "(\(percent(svd.explainedVarianceRatio)) of variance)")
            }
        }
        if let tags = f.tags, let spec = self.tags {
            let split = spec.source.separator.map { " (text split at `\($0)`)" } ?? ""
            lines.append("multi-hot `\(tags.column)`\(split): \(NumberFormat.grouped(tags.vocabulary.count)) of \(NumberFormat.grouped(tags.distinctTags)) tags in ≥ \(spec.minCount) rows"
                         + (tags.idf != nil ? ", TF-IDF weighted" : ""))
            if let taggedRows { lines.append("rows with at least one kept tag: \(NumberFormat.grouped(taggedRows)) of \(NumberFormat.grouped(rows)) (the others get all-zero tag features)") }
            if let te = f.tagTarget, let spec = self.tags?.targetEncoding {
                lines.append("target encoding of `\(te.column)`: \(NumberFormat.grouped(te.tags.count)) tags in ≥ \(spec.minCount) rows, smoothing "
                             + "\(spec.smoothing), training rows encoded out-of-fold (\(spec.folds) folds)")
            }
            if let svd = f.tagReduction {
                reductions.append(ReductionReport(name: tags.column, method: "truncated_svd", inputs: svd.nFeatures,
                                                  components: svd.nComponents, explainedVarianceRatio: svd.explainedVarianceRatio))
                lines.append("truncated SVD of \(NumberFormat.grouped(svd.nFeatures)) tags → \(svd.nComponents) components (\(percent(svd.explainedVarianceRatio)) of variance)")
            }
        }
        if let pca = f.pca {
            reductions.append(ReductionReport(name: "features", method: "pca", inputs: pca.mean.count,
                                              components: pca.nComponents, explainedVarianceRatio: pca.explainedVarianceRatio))
            lines.append("PCA of \(pca.mean.count) features → \(pca.nComponents) components (\(percent(pca.explainedVarianceRatio)) of variance)")
        }
        let before = (numeric?.columns.count ?? 0) + (categorical?.columns.count ?? 0) + (tags?.source.columns.count ?? 0)
            + (categoryTarget?.columns.count ?? 0) + Set(text.map(\.column)).count
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
        for (spec, block) in zip(text, f.text ?? []) {
            if let svd = block.reduction, let requested = spec.reduce?.nComponents, svd.nComponents < requested {
                out.append("`n_components` \(requested) of the truncated SVD of `\(block.column)` was clamped to "
                           + "\(svd.nComponents), the number of terms kept")
            }
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

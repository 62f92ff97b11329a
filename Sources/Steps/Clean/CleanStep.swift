import Runner
import Config
import Frame
import Learn
import Results

/// A clean config that cannot work; `problems` lists every issue found, each a sentence a person can act on.
public struct CleanConfigError: Error, CustomStringConvertible, Equatable {
    public let problems: [String]
    public var description: String { "clean: " + problems.joined(separator: "; ") }
}

/// The clean step: config → pipeline spec, validation, and the step's summary and output block.
public enum CleanStep {
    /// The pipeline the config describes (validated first). `targetNames` name the target-encoding columns
    /// (`genres_te_valence`...); targets are numbered when empty.
    public static func pipeline(from config: CleanConfig, targetNames: [String] = []) throws -> CleanPipeline {
        try check(config)
        var pipeline = CleanPipeline()
        if let n = config.numeric {
            let impute: ImputeStrategy? = switch n.impute {
            case .mean: .mean
            case .median: .median
            case .mostFrequent: .mostFrequent
            case .constant: .constant
            case .none: nil
            }
            let clip = n.clip.mapValues { ClipBounds(lower: $0[0], upper: $0[1]) }
            pipeline.numeric = NumericSpec(columns: n.columns, clip: clip, log1p: n.log1p, impute: impute,
                                           fillValue: n.fillValue, missingIndicators: n.missingIndicators, scale: n.scale)
        }
        if let c = config.categorical, !c.columns.isEmpty {
            let onehot = c.columns.filter { c.encoding(of: $0) == .onehot }
            let target = c.columns.filter { c.encoding(of: $0) == .target }
            if !onehot.isEmpty { pipeline.categorical = CategoricalSpec(columns: onehot, handleUnknown: c.handleUnknown) }
            if !target.isEmpty {
                pipeline.categoryTarget = CategoryTargetEncoding(columns: target, smooth: c.smooth.map { .fixed($0) } ?? .auto,
                                                                 cv: c.cv, targetNames: targetNames)
            }
        }
        pipeline.text = config.text.map { t in
            let terms = TextTerms(analyzer: t.analyzer, ngramRange: (t.ngramRange[0], t.ngramRange[1]), lowercase: t.lowercase)
            let vectorizer = TfidfVectorizer(terms: terms, minDF: TextConfig.frequency(t.minDF, isMax: false),
                                             maxDF: TextConfig.frequency(t.maxDF, isMax: true), maxFeatures: t.maxFeatures,
                                             sublinearTF: t.sublinearTF)
            let reduce = t.reduce.map { TruncatedSVD(nComponents: $0.nComponents, nIter: $0.nIter, nOversamples: $0.nOversamples) }
            return TextFeatureSpec(column: t.column, vectorizer: vectorizer, reduce: reduce)
        }
        if let t = config.tags {
            let reduce = t.reduce.map { TruncatedSVD(nComponents: $0.nComponents, nIter: $0.nIter, nOversamples: $0.nOversamples) }
            let encoding = t.targetEncoding.map {
                TagTargetEncoding(minCount: $0.minCount, smoothing: $0.smoothing, folds: $0.folds, targetNames: targetNames)
            }
            pipeline.tags = TagSpec(source: TagSource(columns: t.columns, separator: t.separator),
                                    minCount: t.minCount, tfidf: t.tfidf, reduce: reduce,
                                    targetEncoding: encoding)
        }
        pipeline.pca = config.pca.map { PCA(nComponents: $0.nComponents) }
        return pipeline
    }

    /// Validates the config without data; throws one error listing every problem.
    public static func check(_ config: CleanConfig) throws {
        try config.tags?.check()
        var problems: [String] = []
        let numeric = config.numeric?.columns ?? []
        let categorical = config.categorical?.columns ?? []
        if numeric.isEmpty && categorical.isEmpty && config.tags == nil && config.text.isEmpty {
            problems.append("select some columns: numeric.columns, categorical.columns, tags.column or text")
        }
        let all = numeric + categorical + (config.tags?.columns ?? [])
        // Linear in the number of columns: a clean block may list tens of thousands.
        var seen = Set<String>(minimumCapacity: all.count), repeated = Set<String>()
        for name in all where !seen.insert(name).inserted { repeated.insert(name) }
        if !repeated.isEmpty { problems.append("columns listed twice: \(repeated.sorted().joined(separator: ", "))") }
        if let n = config.numeric {
            let listed = Set(n.columns)
            let stray = n.log1p.filter { !listed.contains($0) }
            if !stray.isEmpty { problems.append("numeric.log1p names columns not in numeric.columns: \(stray.joined(separator: ", "))") }
            for (name, bounds) in n.clip.sorted(by: { $0.key < $1.key }) {
                if !listed.contains(name) { problems.append("numeric.clip names `\(name)`, which is not in numeric.columns") }
                if bounds.count != 2 || bounds[0].isNaN || bounds[1].isNaN || bounds[0] > bounds[1] {
                    problems.append("numeric.clip.\(name) must be [lower, upper] with lower ≤ upper")
                }
            }
            if !n.fillValue.isFinite { problems.append("numeric.fill_value must be a finite number") }
        }
        if let c = config.categorical {
            let stray = c.encodeColumns.keys.filter { !c.columns.contains($0) }.sorted()
            if !stray.isEmpty {
                problems.append("categorical.encode names columns not in categorical.columns: \(stray.joined(separator: ", "))")
            }
            if let m = c.smooth, !(m >= 0 && m.isFinite) { problems.append("categorical.smooth must be auto or a number ≥ 0, got \(m)") }
            if c.cv < 2 { problems.append("categorical.cv must be ≥ 2, got \(c.cv)") }
        }
        for (i, t) in config.text.enumerated() {
            let path = config.text.count == 1 ? "text" : "text[\(i)]"
            if t.column.isEmpty { problems.append("\(path).column is empty") }
            if t.ngramRange.count != 2 || t.ngramRange[0] < 1 || t.ngramRange[0] > t.ngramRange[1] {
                problems.append("\(path).ngram_range must be [min, max] with 1 ≤ min ≤ max, got \(t.ngramRange)")
            }
            if !(t.minDF >= 0) || !(t.maxDF > 0) || (t.minDF < 1 && t.maxDF < 1 && t.minDF > t.maxDF) {
                problems.append("\(path).min_df and max_df must be counts of rows or fractions, with min_df ≤ max_df")
            }
            if let m = t.maxFeatures, m < 1 { problems.append("\(path).max_features must be ≥ 1, got \(m)") }
            if let r = t.reduce {
                if r.nComponents < 1 { problems.append("\(path).reduce.n_components must be ≥ 1, got \(r.nComponents)") }
                if r.nIter < 0 { problems.append("\(path).reduce.n_iter must be ≥ 0, got \(r.nIter)") }
            }
        }
        if let t = config.tags {
            if t.minCount < 1 { problems.append("tags.min_count must be ≥ 1, got \(t.minCount)") }
            if let r = t.reduce {
                if r.nComponents < 1 { problems.append("tags.reduce.n_components must be ≥ 1, got \(r.nComponents)") }
                if r.nIter < 0 { problems.append("tags.reduce.n_iter must be ≥ 0, got \(r.nIter)") }
                if r.nOversamples < 0 { problems.append("tags.reduce.n_oversamples must be ≥ 0, got \(r.nOversamples)") }
            }
            if let e = t.targetEncoding {
                if e.minCount < 1 { problems.append("tags.target_encoding.min_count must be ≥ 1, got \(e.minCount)") }
                if !(e.smoothing >= 0) || !e.smoothing.isFinite {
                    problems.append("tags.target_encoding.smoothing must be ≥ 0, got \(e.smoothing)")
                }
                if e.folds < 2 { problems.append("tags.target_encoding.folds must be ≥ 2, got \(e.folds)") }
            }
        }
        if let p = config.pca {
            switch p.nComponents {
            case .count(let c) where c < 1:
                problems.append("pca.n_components must be a count ≥ 1 or a fraction in (0, 1), got \(c)")
            case .fraction(let f) where !(f > 0 && f < 1):
                problems.append("pca.n_components must be a count ≥ 1 or a fraction in (0, 1), got \(f)")
            default: break
            }
            if config.numeric?.impute == ImputeChoice.none {
                problems.append("pca needs complete data: set numeric.impute (mean, median, most_frequent or constant)")
            }
        }
        if !problems.isEmpty { throw CleanConfigError(problems: problems) }
    }

    /// Checks the config's columns against a frame: they exist and have the right kind.
    public static func check(_ config: CleanConfig, against frame: DataFrame) throws {
        try check(config)
        try config.tags?.check(against: frame)
        var problems: [String] = []
        func expect(_ name: String, _ kind: String) {
            guard let column = frame[name] else {
                problems.append("no column `\(name)` (columns: \(frame.names.joined(separator: ", ")))")
                return
            }
            if column.kindName != kind {
                problems.append("column `\(name)` is \(column.kindName), expected \(kind)")
            } else if case .numeric(let values) = column, values.allSatisfy({ !$0.isFinite }) {
                problems.append("column `\(name)` has no values (every row is missing): remove it from the clean step")
            }
        }
        config.numeric?.columns.forEach { expect($0, "numeric") }
        config.categorical?.columns.forEach { expect($0, "text") }
        Set(config.text.map(\.column)).sorted().forEach { expect($0, "text") }
        if !problems.isEmpty { throw CleanConfigError(problems: problems) }
    }

    /// The results-file summary of a fit.
    public static func summary(_ report: CleanFitReport) -> CleanSummary {
        CleanSummary(featuresBefore: report.featuresBefore, featuresAfter: report.featuresAfter,
                     transforms: report.transforms,
                     imputed: report.imputed.map { NamedCount(name: $0.column, count: $0.count) },
                     tagsKept: report.tagsKept,
                     reductions: report.reductions.map {
                         Reduction(name: $0.name, method: $0.method, inputs: $0.inputs, components: $0.components,
                                   explainedVarianceRatio: $0.explainedVarianceRatio)
                     }, warnings: report.warnings)
    }
}

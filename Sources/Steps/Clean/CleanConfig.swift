import Learn

/// The ```yaml clean``` block: which columns to use and how to transform them (snake_case keys, all optional
/// except the column lists). See `CleanStep` for how it becomes a `CleanPipeline`.
public struct CleanConfig: Decodable, Sendable, Equatable {
    public var numeric: NumericConfig?
    public var categorical: CategoricalConfig?
    public var tags: TagsConfig?
    /// PCA over the final matrix.
    public var pca: PCAConfig?

    public init(numeric: NumericConfig? = nil, categorical: CategoricalConfig? = nil, tags: TagsConfig? = nil,
                pca: PCAConfig? = nil) {
        self.numeric = numeric
        self.categorical = categorical
        self.tags = tags
        self.pca = pca
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case numeric, categorical, tags, pca }

    public init(from decoder: Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.allCases.map(\.rawValue), in: "")
        let c = try decoder.container(keyedBy: CodingKeys.self)
        numeric = try c.decodeIfPresent(NumericConfig.self, forKey: .numeric)
        categorical = try c.decodeIfPresent(CategoricalConfig.self, forKey: .categorical)
        tags = try c.decodeIfPresent(TagsConfig.self, forKey: .tags)
        pca = try c.decodeIfPresent(PCAConfig.self, forKey: .pca)
    }
}

/// `impute:` choices; `none` leaves missing values in place.
public enum ImputeChoice: String, Decodable, Sendable, CaseIterable {
    case mean, median, mostFrequent = "most_frequent", constant, none
}

/// `clean.numeric`: clip → log1p → impute (+ indicators) → scale, per column.
public struct NumericConfig: Decodable, Sendable, Equatable {
    public var columns: [String]
    public var log1p: [String] = []
    /// `{column: [lower, upper]}`; use `-.inf` / `.inf` for an open side.
    public var clip: [String: [Double]] = [:]
    public var impute: ImputeChoice = .median
    public var fillValue: Double = 0
    public var missingIndicators = false
    public var scale: ScaleKind = .standard

    public init(columns: [String]) { self.columns = columns }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case columns, log1p, clip, impute, fillValue = "fill_value", missingIndicators = "missing_indicators", scale
    }

    public init(from decoder: Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.allCases.map(\.rawValue), in: "numeric")
        let c = try decoder.container(keyedBy: CodingKeys.self)
        columns = try c.decode([String].self, forKey: .columns)
        log1p = try c.decodeIfPresent([String].self, forKey: .log1p) ?? []
        clip = try c.decodeIfPresent([String: [Double]].self, forKey: .clip) ?? [:]
        impute = try c.choice(ImputeChoice.self, .impute, default: .median)
        fillValue = try c.decodeIfPresent(Double.self, forKey: .fillValue) ?? 0
        missingIndicators = try c.decodeIfPresent(Bool.self, forKey: .missingIndicators) ?? false
        scale = try c.choice(ScaleKind.self, .scale, default: .standard)
    }
}

/// `clean.categorical`: one-hot encoding of text columns.
public struct CategoricalConfig: Decodable, Sendable, Equatable {
    public var columns: [String] = []
    public var handleUnknown: UnknownCategory = .ignore

    public init(columns: [String], handleUnknown: UnknownCategory = .ignore) {
        self.columns = columns
        self.handleUnknown = handleUnknown
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case columns, handleUnknown = "handle_unknown" }

    public init(from decoder: Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.allCases.map(\.rawValue), in: "categorical")
        let c = try decoder.container(keyedBy: CodingKeys.self)
        columns = try c.decodeIfPresent([String].self, forKey: .columns) ?? []
        handleUnknown = try c.choice(UnknownCategory.self, .handleUnknown, default: .ignore)
    }
}

/// `clean.tags`: multi-hot encoding of tags, optionally TF-IDF weighted and reduced. Tags come from `column:` or
/// from several `columns:` (united per row); a text column is split at `separator:` (see `TagSource`).
public struct TagsConfig: Decodable, Sendable, Equatable {
    /// The tag columns: one (`column: genres`) or several (`columns: [genres, Genre]`).
    public var columns: [String]
    /// Splits text columns into tags, e.g. `-` for `Pop-Rock`; list columns ignore it.
    public var separator: String?
    public var minCount = 5
    public var tfidf = false
    public var reduce: ReduceConfig?
    public var targetEncoding: TargetEncodingConfig?

    /// The name the clean step uses for the tags (the column, or the columns joined by `+`).
    public var column: String { columns.joined(separator: "+") }

    public init(column: String, minCount: Int = 5, tfidf: Bool = false, reduce: ReduceConfig? = nil,
                targetEncoding: TargetEncodingConfig? = nil, separator: String? = nil) {
        self.columns = [column]
        self.separator = separator
        self.minCount = minCount
        self.tfidf = tfidf
        self.reduce = reduce
        self.targetEncoding = targetEncoding
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case column, columns, separator, minCount = "min_count", tfidf, reduce, targetEncoding = "target_encoding"
    }

    public init(from decoder: Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.allCases.map(\.rawValue), in: "tags")
        let c = try decoder.container(keyedBy: CodingKeys.self)
        switch (try c.decodeIfPresent(String.self, forKey: .column), try c.decodeIfPresent([String].self, forKey: .columns)) {
        case (let one?, nil): columns = [one]
        case (nil, let many?): columns = many
        case (_?, _?):
            throw DecodingError.dataCorruptedError(forKey: .columns, in: c,
                debugDescription: "`tags` has both `column` and `columns`: give one")
        case (nil, nil):
            throw DecodingError.dataCorruptedError(forKey: .column, in: c,
                debugDescription: "`tags` needs `column: NAME` or `columns: [NAME, ...]`")
        }
        separator = try c.decodeIfPresent(String.self, forKey: .separator)
        minCount = try c.decodeIfPresent(Int.self, forKey: .minCount) ?? 5
        tfidf = try c.decodeIfPresent(Bool.self, forKey: .tfidf) ?? false
        reduce = try c.decodeIfPresent(ReduceConfig.self, forKey: .reduce)
        targetEncoding = try c.decodeIfPresent(TargetEncodingConfig.self, forKey: .targetEncoding)
    }
}

/// `clean.tags.target_encoding`: per row, the smoothed mean target of its tags (one column per target);
/// training rows are encoded out-of-fold.
public struct TargetEncodingConfig: Decodable, Sendable, Equatable {
    public var minCount = 5
    public var smoothing = 10.0
    public var folds = 5

    public init(minCount: Int = 5, smoothing: Double = 10, folds: Int = 5) {
        self.minCount = minCount
        self.smoothing = smoothing
        self.folds = folds
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case minCount = "min_count", smoothing, folds }

    public init(from decoder: Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.allCases.map(\.rawValue), in: "tags.target_encoding")
        let c = try decoder.container(keyedBy: CodingKeys.self)
        minCount = try c.decodeIfPresent(Int.self, forKey: .minCount) ?? 5
        smoothing = try c.decodeIfPresent(Double.self, forKey: .smoothing) ?? 10
        folds = try c.decodeIfPresent(Int.self, forKey: .folds) ?? 5
    }
}

/// Reduction methods for the sparse tag matrix.
public enum TagReduceMethod: String, Decodable, Sendable, CaseIterable {
    case truncatedSVD = "truncated_svd"
}

/// `clean.tags.reduce`: randomized truncated SVD (scikit-learn's defaults: 5 iterations, 10 oversamples).
public struct ReduceConfig: Decodable, Sendable, Equatable {
    public var method: TagReduceMethod = .truncatedSVD
    public var nComponents: Int
    public var nIter = 5
    public var nOversamples = 10

    public init(nComponents: Int) { self.nComponents = nComponents }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case method, nComponents = "n_components", nIter = "n_iter", nOversamples = "n_oversamples"
    }

    public init(from decoder: Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.allCases.map(\.rawValue), in: "tags.reduce")
        let c = try decoder.container(keyedBy: CodingKeys.self)
        method = try c.choice(TagReduceMethod.self, .method, default: .truncatedSVD)
        nComponents = try c.decode(Int.self, forKey: .nComponents)
        nIter = try c.decodeIfPresent(Int.self, forKey: .nIter) ?? 5
        nOversamples = try c.decodeIfPresent(Int.self, forKey: .nOversamples) ?? 10
    }
}

/// `clean.pca`: `n_components` is a count (`8`) or a variance fraction in (0, 1) (`0.95`).
public struct PCAConfig: Decodable, Sendable, Equatable {
    public var nComponents: ComponentCount

    public init(nComponents: ComponentCount) { self.nComponents = nComponents }

    enum CodingKeys: String, CodingKey, CaseIterable { case nComponents = "n_components" }

    public init(from decoder: Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.allCases.map(\.rawValue), in: "pca")
        let c = try decoder.container(keyedBy: CodingKeys.self)
        if let count = try? c.decode(Int.self, forKey: .nComponents) {
            nComponents = .count(count)
        } else {
            nComponents = .fraction(try c.decode(Double.self, forKey: .nComponents))
        }
    }
}

import Runner
import Config
import Learn

/// The ```yaml clean``` block: which columns to use and how to transform them (snake_case keys, all optional
/// except the column lists). See `CleanStep` for how it becomes a `CleanPipeline`.
public struct CleanConfig: Decodable, Sendable, Equatable {
    public var numeric: NumericConfig?
    public var categorical: CategoricalConfig?
    public var tags: TagsConfig?
    /// TF-IDF features of text columns (one entry per column and analyzer).
    public var text: [TextConfig] = []
    /// PCA over the final matrix.
    public var pca: PCAConfig?

    public init(numeric: NumericConfig? = nil, categorical: CategoricalConfig? = nil, tags: TagsConfig? = nil,
                text: [TextConfig] = [], pca: PCAConfig? = nil) {
        self.numeric = numeric
        self.categorical = categorical
        self.tags = tags
        self.text = text
        self.pca = pca
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case numeric, categorical, tags, text, pca }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        numeric = try c.decodeIfPresent(NumericConfig.self, forKey: .numeric)
        categorical = try c.decodeIfPresent(CategoricalConfig.self, forKey: .categorical)
        tags = try c.decodeIfPresent(TagsConfig.self, forKey: .tags)
        if c.contains(.text) {
            // One block (a mapping) or several (a list).
            if (try? c.nestedUnkeyedContainer(forKey: .text)) != nil {
                text = try c.decode([TextConfig].self, forKey: .text)
            } else {
                text = [try c.decode(TextConfig.self, forKey: .text)]
            }
        }
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

/// How a categorical column becomes features.
public enum CategoryEncoding: String, Decodable, Sendable, CaseIterable {
    /// One indicator column per training category.
    case onehot
    /// One column per target: the category's shrunk mean target (scikit-learn's `TargetEncoder`).
    case target
}

/// `clean.categorical`: one-hot or target encoding of text columns. `encode` is one choice for every column,
/// or a mapping `{column: target}` (columns not named are one-hot encoded).
public struct CategoricalConfig: Decodable, Sendable, Equatable {
    public var columns: [String] = []
    public var handleUnknown: UnknownCategory = .ignore
    public var encode: CategoryEncoding = .onehot
    /// Per-column choices that override `encode`.
    public var encodeColumns: [String: CategoryEncoding] = [:]
    /// Target encoding's shrinkage: `nil` is scikit-learn's `smooth="auto"`.
    public var smooth: Double?
    /// Target encoding's cross-fitting folds for the training rows.
    public var cv = 5

    public init(columns: [String], handleUnknown: UnknownCategory = .ignore, encode: CategoryEncoding = .onehot) {
        self.columns = columns
        self.handleUnknown = handleUnknown
        self.encode = encode
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case columns, handleUnknown = "handle_unknown", encode, smooth, cv }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        columns = try c.decodeIfPresent([String].self, forKey: .columns) ?? []
        handleUnknown = try c.choice(UnknownCategory.self, .handleUnknown, default: .ignore)
        if (try? c.decodeIfPresent(String.self, forKey: .encode)) != nil {
            encode = try c.choice(CategoryEncoding.self, .encode, default: .onehot)
        } else if c.contains(.encode) {
            let map = try c.nestedContainer(keyedBy: AnyKey.self, forKey: .encode)
            for key in map.allKeys { encodeColumns[key.stringValue] = try map.choice(CategoryEncoding.self, key, default: .onehot) }
        }
        if let number = try? c.decodeIfPresent(Double.self, forKey: .smooth) {
            smooth = number
        } else if let text = try c.decodeIfPresent(String.self, forKey: .smooth), text != "auto" {
            throw DecodingError.dataCorruptedError(forKey: .smooth, in: c,
                debugDescription: "`smooth: \(text)` is not `auto` or a number ≥ 0")
        }
        cv = try c.decodeIfPresent(Int.self, forKey: .cv) ?? 5
    }

    /// The encoding of `column`.
    public func encoding(of column: String) -> CategoryEncoding { encodeColumns[column] ?? encode }
}

/// `clean.text`: TF-IDF of a text column (scikit-learn's `TfidfVectorizer` options), optionally reduced.
public struct TextConfig: Decodable, Sendable, Equatable {
    public var column: String
    public var analyzer: TextAnalyzer = .word
    public var ngramRange: [Int] = [1, 1]
    /// A count of rows (`5`) or a fraction of them (`0.01`).
    public var minDF: Double = 1
    public var maxDF: Double = 1.0
    public var maxFeatures: Int?
    public var sublinearTF = false
    public var lowercase = true
    public var reduce: ReduceConfig?

    public init(column: String, analyzer: TextAnalyzer = .word, ngramRange: [Int] = [1, 1], minDF: Double = 1,
                sublinearTF: Bool = false, reduce: ReduceConfig? = nil) {
        self.column = column
        self.analyzer = analyzer
        self.ngramRange = ngramRange
        self.minDF = minDF
        self.sublinearTF = sublinearTF
        self.reduce = reduce
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case column, analyzer, ngramRange = "ngram_range", minDF = "min_df", maxDF = "max_df",
             maxFeatures = "max_features", sublinearTF = "sublinear_tf", lowercase, reduce
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        column = try c.decode(String.self, forKey: .column)
        analyzer = try c.choice(TextAnalyzer.self, .analyzer, default: .word)
        ngramRange = try c.decodeIfPresent([Int].self, forKey: .ngramRange) ?? [1, 1]
        minDF = try c.decodeIfPresent(Double.self, forKey: .minDF) ?? 1
        maxDF = try c.decodeIfPresent(Double.self, forKey: .maxDF) ?? 1.0
        maxFeatures = try c.decodeIfPresent(Int.self, forKey: .maxFeatures)
        sublinearTF = try c.decodeIfPresent(Bool.self, forKey: .sublinearTF) ?? false
        lowercase = try c.decodeIfPresent(Bool.self, forKey: .lowercase) ?? true
        reduce = try c.decodeIfPresent(ReduceConfig.self, forKey: .reduce)
    }

    /// scikit-learn's reading of a df bound: a whole number ≥ 1 is a count of rows, else a fraction (1.0 for max_df
    /// is every row).
    static func frequency(_ value: Double, isMax: Bool) -> DocumentFrequency {
        if isMax && value == 1.0 { return .fraction(1) }
        return value >= 1 && value.rounded() == value ? .count(Int(value)) : .fraction(value)
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
        let c = try decoder.container(keyedBy: CodingKeys.self)
        if let count = try? c.decode(Int.self, forKey: .nComponents) {
            nComponents = .count(count)
        } else {
            nComponents = .fraction(try c.decode(Double.self, forKey: .nComponents))
        }
    }
}

import Foundation
import Frame
import Linalg

/// Multi-hot encoding of tags (e.g. genre tags from a list column, a delimited text column or several columns:
/// see `TagSource`): one column per tag present in at least `minCount` training rows, tags sorted by name. Optional TF-IDF weighting as scikit-learn's `TfidfTransformer()`
/// (smooth idf = ln((1 + n) / (1 + df)) + 1, rows L2-normalised).
///
/// Missing tag lists (songs whose artist did not match) and tags not kept encode as all-zero rows.
/// A tag repeated within one row counts once.
public struct TagSpec: Sendable, Equatable {
    public var source: TagSource
    /// The feature-name prefix: the column, or the columns joined by `+`.
    public var column: String { source.name }
    public var minCount: Int
    public var tfidf: Bool
    /// Reduces the tag matrix to dense components; `nil` keeps one column per tag.
    public var reduce: TruncatedSVD?
    /// Adds one column per target: the mean target of each row's tags (needs `targets` when fitting).
    public var targetEncoding: TagTargetEncoding?

    public init(column: String, minCount: Int = 5, tfidf: Bool = false, reduce: TruncatedSVD? = nil,
                targetEncoding: TagTargetEncoding? = nil) {
        self.init(source: TagSource(columns: [column]), minCount: minCount, tfidf: tfidf, reduce: reduce,
                  targetEncoding: targetEncoding)
    }

    public init(source: TagSource, minCount: Int = 5, tfidf: Bool = false, reduce: TruncatedSVD? = nil,
                targetEncoding: TagTargetEncoding? = nil) {
        self.source = source
        self.minCount = minCount
        self.tfidf = tfidf
        self.reduce = reduce
        self.targetEncoding = targetEncoding
    }

    /// Learns the vocabulary (and idf weights) from `rows` only.
    public func fit(_ frame: DataFrame, rows: [Int]) throws -> FittedTagEncoder {
        let lists = try source.lists(frame)
        var documentFrequency: [String: Int] = [:]
        for r in rows {
            guard let tags = lists[r] else { continue }
            for tag in Set(tags) { documentFrequency[tag, default: 0] += 1 }
        }
        let vocabulary = documentFrequency.filter { $0.value >= max(1, minCount) }.keys.sorted()
        var idf: [Double]? = nil
        if tfidf {
            let n = Double(rows.count)
            idf = vocabulary.map { Foundation.log((1 + n) / (1 + Double(documentFrequency[$0] ?? 0))) + 1 }
        }
        return FittedTagEncoder(column: column, vocabulary: vocabulary, idf: idf,
                                distinctTags: documentFrequency.count, source: source)
    }
}

/// A fitted tag vocabulary.
public struct FittedTagEncoder: Codable, Sendable, Equatable {
    public var column: String
    public var vocabulary: [String]
    /// Inverse document frequencies per kept tag when TF-IDF weighting is on.
    public var idf: [Double]?
    /// Distinct tags seen in the training rows (before `minCount`).
    public var distinctTags: Int
    /// The columns and separator the tags were read with; nil (models saved before it existed) means the list column `column`.
    public var source: TagSource?

    /// How to read each row's tags.
    public var tagSource: TagSource { source ?? TagSource(columns: [column]) }

    /// `<column>:<tag>` per kept tag.
    public var featureNames: [String] { vocabulary.map { "\(column):\($0)" } }

    /// The sparse rows × tags matrix of `rows`.
    public func transform(_ frame: DataFrame, rows: [Int]) throws -> SparseRows {
        let lists = try tagSource.lists(frame)
        let index = Dictionary(uniqueKeysWithValues: vocabulary.enumerated().map { ($1, $0) })
        var start = [0], columns: [Int] = [], values: [Double] = []
        start.reserveCapacity(rows.count + 1)
        for r in rows {
            let kept = Set((lists[r] ?? []).compactMap { index[$0] }).sorted()
            if let idf {
                let weights = kept.map { idf[$0] }
                let norm = weights.reduce(0) { $0 + $1 * $1 }.squareRoot()
                values.append(contentsOf: weights.map { $0 / norm })
            } else {
                values.append(contentsOf: repeatElement(1.0, count: kept.count))
            }
            columns.append(contentsOf: kept)
            start.append(columns.count)
        }
        return SparseRows(rows: rows.count, cols: vocabulary.count, rowStart: start, columnIndex: columns, values: values)
    }
}

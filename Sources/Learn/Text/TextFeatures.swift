import Frame
import Linalg

/// Text features of one column: its TF-IDF matrix, optionally reduced by truncated SVD to dense components.
/// Fitted on the training rows only (vocabulary, idf and SVD basis).
public struct TextFeatureSpec: Sendable, Equatable {
    public var column: String
    public var vectorizer: TfidfVectorizer
    public var reduce: TruncatedSVD?

    public init(column: String, vectorizer: TfidfVectorizer, reduce: TruncatedSVD? = nil) {
        self.column = column
        self.vectorizer = vectorizer
        self.reduce = reduce
    }

    /// Fits on `rows` and returns the training rows' block too.
    public func fitTransform(_ frame: DataFrame, rows: [Int], seed: UInt64,
                             termCounts: TermCountCache? = nil) throws -> (fitted: FittedTextFeatures, block: Matrix) {
        let (vectorizer, tfidf): (FittedTfidfVectorizer, SparseRows)
        if let termCounts {
            (vectorizer, tfidf) = try self.vectorizer.fitTransform(
                counts: termCounts.counts(column: column, terms: self.vectorizer.terms, rows: rows))
        } else {
            let all = try frame.text(column)
            (vectorizer, tfidf) = try self.vectorizer.fitTransform(rows.map { all[$0] })
        }
        let svd = try reduce?.fit(tfidf, seed: seed)
        let fitted = FittedTextFeatures(column: column, vectorizer: vectorizer, reduction: svd)
        return (fitted, try fitted.block(tfidf))
    }
}

/// A fitted text block.
public struct FittedTextFeatures: Codable, Sendable, Equatable {
    public var column: String
    public var vectorizer: FittedTfidfVectorizer
    public var reduction: FittedTruncatedSVD?

    /// `<column>_<analyzer>_svd<k>` per component, or `<column>:<term>` per term without a reduction.
    public var featureNames: [String] {
        if let reduction {
            return (0..<reduction.nComponents).map { "\(column)_\(vectorizer.terms.rawValue)_svd\($0 + 1)" }
        }
        return vectorizer.vocabulary.map { "\(column):\($0)" }
    }

    /// The block of `rows` (rows.count × featureNames.count).
    public func transform(_ frame: DataFrame, rows: [Int], termCounts: TermCountCache? = nil) throws -> Matrix {
        if let termCounts {
            return try block(vectorizer.weigh(termCounts.counts(column: column, terms: vectorizer.analyzer, rows: rows)))
        }
        let all = try frame.text(column)
        return try block(vectorizer.transform(rows.map { all[$0] }))
    }

    func block(_ tfidf: SparseRows) throws -> Matrix {
        if let reduction { return try reduction.transform(tfidf) }
        var out = Matrix(rows: tfidf.rows, cols: tfidf.cols)
        for i in 0..<tfidf.rows {
            for p in tfidf.rowStart[i]..<tfidf.rowStart[i + 1] { out[i, tfidf.columnIndex[p]] = tfidf.values[p] }
        }
        return out
    }
}

import Foundation
import Linalg

/// A document-frequency bound (scikit-learn's `min_df` / `max_df`): a count of documents, or a fraction of them.
public enum DocumentFrequency: Sendable, Equatable, Codable {
    case count(Int)
    case fraction(Double)

    /// The bound as a number of documents out of `documents`.
    func documents(of documents: Int) -> Double {
        switch self {
        case .count(let c): Double(c)
        case .fraction(let f): f * Double(documents)
        }
    }
}

/// Text → TF-IDF weighted term matrix with scikit-learn's `TfidfVectorizer` semantics: terms from `TextTerms`,
/// vocabulary = terms whose document frequency in the fitted texts is within [min_df, max_df] (the
/// `max_features` most frequent when set), sorted; raw counts (1 + ln(count) when `sublinearTF`) times the smooth
/// idf ln((1 + n) / (1 + df)) + 1, each row L2-normalised. Missing texts are empty documents.
public struct TfidfVectorizer: Sendable, Equatable {
    public var terms: TextTerms
    public var minDF: DocumentFrequency
    public var maxDF: DocumentFrequency
    public var maxFeatures: Int?
    public var sublinearTF: Bool

    public init(terms: TextTerms, minDF: DocumentFrequency = .count(1), maxDF: DocumentFrequency = .fraction(1),
                maxFeatures: Int? = nil, sublinearTF: Bool = false) {
        self.terms = terms
        self.minDF = minDF
        self.maxDF = maxDF
        self.maxFeatures = maxFeatures
        self.sublinearTF = sublinearTF
    }

    /// Learns the vocabulary and idf weights from `texts`.
    public func fit(_ texts: [String?]) throws -> FittedTfidfVectorizer {
        try fit(counts: Self.termCounts(texts, terms))
    }

    /// Fits on `texts` and returns their TF-IDF matrix too, analysing each text once.
    public func fitTransform(_ texts: [String?]) throws -> (fitted: FittedTfidfVectorizer, matrix: SparseRows) {
        try fitTransform(counts: Self.termCounts(texts, terms))
    }

    /// `fitTransform` from the texts' term counts (as `termCounts` gives them).
    func fitTransform(counts: [[String: Int]]) throws -> (fitted: FittedTfidfVectorizer, matrix: SparseRows) {
        let fitted = try fit(counts: counts)
        return (fitted, fitted.weigh(counts))
    }

    private func fit(counts: [[String: Int]]) throws -> FittedTfidfVectorizer {
        guard !counts.isEmpty else { throw LearnError("text features need at least one training row") }
        var df: [String: Int] = [:], total: [String: Int] = [:]
        for document in counts {
            for (term, count) in document {
                df[term, default: 0] += 1
                total[term, default: 0] += count
            }
        }
        let n = counts.count
        let low = minDF.documents(of: n), high = maxDF.documents(of: n)
        var kept = df.filter { Double($0.value) >= low && Double($0.value) <= high }.keys.sorted(by: Self.codePointOrder)
        if let maxFeatures, kept.count > maxFeatures {
            // The most frequent terms over the fitted texts; ties keep vocabulary order (a stable sort).
            let ranked = kept.enumerated().sorted { a, b in
                let (ta, tb) = (total[a.element] ?? 0, total[b.element] ?? 0)
                return ta != tb ? ta > tb : a.offset < b.offset
            }
            kept = ranked.prefix(maxFeatures).map(\.element).sorted(by: Self.codePointOrder)
        }
        if kept.isEmpty {
            throw LearnError("text features: no term is left after min_df/max_df on \(n) rows; lower min_df or change the analyzer")
        }
        let idf = kept.map { Foundation.log((1 + Double(n)) / (1 + Double(df[$0] ?? 0))) + 1 }
        return FittedTfidfVectorizer(terms: terms.analyzer, ngramMin: terms.ngramRange.min, ngramMax: terms.ngramRange.max,
                                     lowercase: terms.lowercase, sublinearTF: sublinearTF, vocabulary: kept, idf: idf,
                                     termsSeen: df.count)
    }

    /// Each text's term counts, texts analysed in parallel chunks (results in text order).
    static func termCounts(_ texts: [String?], _ terms: TextTerms) -> [[String: Int]] {
        let chunks = min(texts.count, 16), size = (texts.count + max(chunks, 1) - 1) / max(chunks, 1)
        return Parallel.map(chunks) { c in
            texts[min(texts.count, c * size)..<min(texts.count, (c + 1) * size)].map { text in
                var counts: [String: Int] = [:]
                for term in terms.terms(text ?? "") { counts[term, default: 0] += 1 }
                return counts
            }
        }.flatMap { $0 }
    }

    /// Python's string order: by Unicode code point (UTF-8 byte order is the same order).
    static func codePointOrder(_ a: String, _ b: String) -> Bool {
        a.utf8.lexicographicallyPrecedes(b.utf8)
    }
}

/// A fitted TF-IDF vocabulary. Codable, so saved models can vectorize new rows.
public struct FittedTfidfVectorizer: Codable, Sendable, Equatable {
    public var terms: TextAnalyzer
    public var ngramMin: Int
    public var ngramMax: Int
    public var lowercase: Bool
    public var sublinearTF: Bool
    public var vocabulary: [String]
    public var idf: [Double]
    /// Distinct terms in the fitted texts, before min_df/max_df/max_features.
    public var termsSeen: Int

    /// The rows × vocabulary TF-IDF matrix of `texts` (rows with no known term are all zero).
    public func transform(_ texts: [String?]) -> SparseRows {
        weigh(TfidfVectorizer.termCounts(texts, analyzer))
    }

    /// How the fitted texts were cut into terms.
    var analyzer: TextTerms { TextTerms(analyzer: terms, ngramRange: (ngramMin, ngramMax), lowercase: lowercase) }

    /// Weighted, L2-normalised rows from term counts.
    func weigh(_ counts: [[String: Int]]) -> SparseRows {
        let index = Dictionary(uniqueKeysWithValues: vocabulary.enumerated().map { ($1, $0) })
        var start = [0], columns: [Int] = [], values: [Double] = []
        start.reserveCapacity(counts.count + 1)
        for document in counts {
            var known: [(Int, Int)] = []
            for (term, count) in document { if let j = index[term] { known.append((j, count)) } }
            known.sort { $0.0 < $1.0 }
            let weights = known.map { j, count -> Double in
                (sublinearTF ? Foundation.log(Double(count)) + 1 : Double(count)) * idf[j]
            }
            let norm = weights.reduce(0) { $0 + $1 * $1 }.squareRoot()
            values.append(contentsOf: weights.map { norm > 0 ? $0 / norm : 0 })
            columns.append(contentsOf: known.map(\.0))
            start.append(columns.count)
        }
        return SparseRows(rows: counts.count, cols: vocabulary.count, rowStart: start, columnIndex: columns, values: values)
    }
}

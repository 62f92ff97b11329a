import Foundation
import Frame

/// The term counts of every row of a frame's text columns, analysed once and shared by every fit and transform on
/// that frame (each fold of a cross-validation, its inner folds, every model). A row's counts depend only on its
/// own text and the analyzer, never on which rows a fold trains on, so sharing them leaks nothing.
/// Safe to use from parallel folds. Use one cache per frame.
public final class TermCountCache: @unchecked Sendable {
    private let frame: DataFrame
    private let lock = NSLock()
    private var counts: [Key: [[String: Int]]] = [:]

    private struct Key: Hashable {
        let column: String
        let analyzer: TextAnalyzer
        let ngramMin: Int
        let ngramMax: Int
        let lowercase: Bool
    }

    public init(frame: DataFrame) {
        self.frame = frame
    }

    /// The term counts of `rows` of `column` as `terms` cuts them.
    func counts(column: String, terms: TextTerms, rows: [Int]) throws -> [[String: Int]] {
        let key = Key(column: column, analyzer: terms.analyzer, ngramMin: terms.ngramRange.min,
                      ngramMax: terms.ngramRange.max, lowercase: terms.lowercase)
        lock.lock()
        defer { lock.unlock() }
        if counts[key] == nil { counts[key] = TfidfVectorizer.termCounts(try frame.text(column), terms) }
        let all = counts[key] ?? []
        return rows.map { all[$0] }
    }
}

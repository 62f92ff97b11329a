import Learn
import Linalg
import XCTest

/// `TfidfVectorizer` against scikit-learn's `TfidfVectorizer` (fixtures from `make_encoding_text.py`): vocabulary,
/// idf and the TF-IDF matrices of the fitted and of held-out texts within 1e-12, for word, char and char_wb
/// analyzers, n-gram ranges, count and fraction min_df, sublinear tf and max_features.
final class TfidfParityTests: XCTestCase {
    func testMatchesScikitLearn() throws {
        let fixture = try loadFixture("tfidf", folder: "text")
        let texts = try XCTUnwrap(fixture["texts"] as? [String]).map { Optional($0) }
        let held = try XCTUnwrap(fixture["held"] as? [String]).map { Optional($0) }
        let cases = try XCTUnwrap(fixture["cases"] as? [[String: Any]])
        XCTAssertEqual(cases.count, 5)
        for c in cases {
            let analyzer = try XCTUnwrap(TextAnalyzer(rawValue: try XCTUnwrap(c["analyzer"] as? String)))
            let range = try XCTUnwrap(c["ngram_range"] as? [Int])
            let minDF = try XCTUnwrap(c["min_df"] as? NSNumber)
            let vectorizer = TfidfVectorizer(
                terms: TextTerms(analyzer: analyzer, ngramRange: (range[0], range[1])),
                minDF: minDF.doubleValue < 1 ? .fraction(minDF.doubleValue) : .count(minDF.intValue),
                maxFeatures: c["max_features"] as? Int, sublinearTF: try XCTUnwrap(c["sublinear_tf"] as? Bool))
            let what = "\(analyzer) \(range)"
            let fitted = try vectorizer.fit(texts)
            XCTAssertEqual(fitted.vocabulary, try XCTUnwrap(c["vocabulary"] as? [String]), what)
            assertClose(fitted.idf, try numbers(c["idf"]), tolerance: 1e-12, "\(what) idf")
            assertClose(dense(fitted.transform(texts)).values, try matrix(c["train"]).values, tolerance: 1e-12, "\(what) train")
            let (refitted, trainMatrix) = try vectorizer.fitTransform(texts)
            XCTAssertEqual(refitted, fitted)
            assertClose(dense(trainMatrix).values, try matrix(c["train"]).values, tolerance: 1e-12, "\(what) fit_transform")
            assertClose(dense(fitted.transform(held)).values, try matrix(c["test"]).values, tolerance: 1e-12, "\(what) held out")
        }
    }

    func testMissingTextsAreEmptyDocumentsAndVocabularyComesFromFittedRowsOnly() throws {
        let vectorizer = TfidfVectorizer(terms: TextTerms(analyzer: .word, ngramRange: (1, 1)))
        let fitted = try vectorizer.fit(["love song", nil, "love"])
        XCTAssertEqual(fitted.vocabulary, ["love", "song"])
        let m = fitted.transform([nil, "unseen words only"])
        XCTAssertEqual(m.values, [])
        XCTAssertThrowsError(try TfidfVectorizer(terms: TextTerms(analyzer: .word, ngramRange: (1, 1)), minDF: .count(5))
            .fit(["a b", "c"]))
    }

    private func dense(_ s: SparseRows) -> Matrix {
        var m = Matrix(rows: s.rows, cols: s.cols)
        for i in 0..<s.rows {
            for p in s.rowStart[i]..<s.rowStart[i + 1] { m[i, s.columnIndex[p]] = s.values[p] }
        }
        return m
    }
}

import Frame
import Learn
import Linalg
import XCTest

/// Text features fitted and applied through a shared `TermCountCache` equal those analysed from the texts each time.
final class TermCountCacheTests: XCTestCase {
    func testSharedCountsGiveTheSameFeaturesOnEveryPartition() throws {
        let words = ["love", "live", "remix", "night", "blue", "dance", "rain", "version"]
        let texts: [String?] = (0..<60).map { i in
            i % 13 == 0 ? nil : "\(words[i % 8]) \(words[(i / 3) % 8]) \(words[(i * 7) % 8]) Live"
        }
        let frame = try DataFrame([("title", .text(texts))])
        let spec = TextFeatureSpec(column: "title",
                                   vectorizer: TfidfVectorizer(terms: TextTerms(analyzer: .word, ngramRange: (1, 2)),
                                                               minDF: .count(2), sublinearTF: true),
                                   reduce: TruncatedSVD(nComponents: 3))
        let cache = TermCountCache(frame: frame)
        for (train, test) in [(Array(0..<40), Array(40..<60)), (Array(20..<60), Array(0..<20))] {
            let plain = try spec.fitTransform(frame, rows: train, seed: 5)
            let shared = try spec.fitTransform(frame, rows: train, seed: 5, termCounts: cache)
            XCTAssertEqual(shared.fitted, plain.fitted)
            XCTAssertEqual(shared.block, plain.block)
            XCTAssertEqual(try shared.fitted.transform(frame, rows: test, termCounts: cache),
                           try plain.fitted.transform(frame, rows: test))
        }
        // The vocabulary depends on the training rows: the two partitions really differ.
        let a = try spec.fitTransform(frame, rows: Array(0..<40), seed: 5, termCounts: cache).fitted.vectorizer
        let b = try spec.fitTransform(frame, rows: Array(20..<60), seed: 5, termCounts: cache).fitted.vectorizer
        XCTAssertNotEqual(a.idf, b.idf)
    }
}

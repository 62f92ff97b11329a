import Frame
import Linalg
import XCTest
@testable import Learn

/// Multi-hot tags: TF-IDF parity with scikit-learn, min_count, missing lists.
final class TagEncoderTests: XCTestCase {
    func testTFIDFMatchesScikitLearn() throws {
        let f = try loadFixture("tfidf")
        let x = try matrix(f["x"])
        // Tag names t0..t6 sort in column order, so the vocabulary lines up with the fixture's columns.
        let lists: [[String]?] = (0..<x.rows).map { r in (0..<x.cols).filter { x[r, $0] != 0 }.map { "t\($0)" } }
        let frame = try DataFrame([("tags", .list(lists))])
        let rows = Array(0..<x.rows)
        let encoder = try TagSpec(column: "tags", minCount: 1, tfidf: true).fit(frame, rows: rows)
        XCTAssertEqual(encoder.vocabulary, (0..<x.cols).map { "t\($0)" })
        assertClose(try XCTUnwrap(encoder.idf), try numbers(f["idf"]), tolerance: 1e-12, "idf")
        let sparse = try encoder.transform(frame, rows: rows)
        var dense = Matrix(rows: sparse.rows, cols: sparse.cols)
        for r in 0..<sparse.rows { for p in sparse.rowStart[r]..<sparse.rowStart[r + 1] { dense[r, sparse.columnIndex[p]] = sparse.values[p] } }
        assertClose(dense.values, try matrix(f["transformed"]).values, tolerance: 1e-12, "tf-idf rows")
    }

    func testMinCountAndMissingListsEncodeAsZeroRows() throws {
        let frame = try DataFrame([("genres", .list([["pop", "rock"], ["pop"], nil, ["jazz", "pop"], ["rock", "rock"], []]))])
        let encoder = try TagSpec(column: "genres", minCount: 2).fit(frame, rows: [0, 1, 2, 3, 4, 5])
        XCTAssertEqual(encoder.vocabulary, ["pop", "rock"], "jazz appears once: dropped")
        XCTAssertEqual(encoder.distinctTags, 3)
        let m = try encoder.transform(frame, rows: [2, 3, 4])
        XCTAssertEqual(m.rowStart, [0, 0, 1, 2], "missing list → zero row; duplicate tag counts once")
        XCTAssertEqual(m.columnIndex, [0, 1])
    }
}

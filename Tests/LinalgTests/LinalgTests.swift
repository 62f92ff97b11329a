import Support
import XCTest
@testable import Linalg

final class LinalgTests: XCTestCase {
    func testGemmMatchesHandComputedProduct() {
        let a = Matrix(rowArrays: [[1, 2, 3], [4, 5, 6]])
        let b = Matrix(rowArrays: [[7, 8], [9, 10], [11, 12]])
        XCTAssertEqual(BLAS.multiply(a, b), Matrix(rowArrays: [[58, 64], [139, 154]]))
        XCTAssertEqual(BLAS.multiply(a, transposeA: true, a), Matrix(rowArrays: [[17, 22, 27], [22, 29, 36], [27, 36, 45]]))
    }

    func testSymmetricEigenOfKnownMatrix() throws {
        // [[2,1],[1,2]] has eigenvalues 3 and 1 with eigenvectors (1,1)/√2 and (1,−1)/√2.
        let (values, vectors) = try LAPACK.symmetricEigen(Matrix(rowArrays: [[2, 1], [1, 2]]))
        XCTAssertEqual(values[0], 3, accuracy: 1e-12)
        XCTAssertEqual(values[1], 1, accuracy: 1e-12)
        XCTAssertEqual(abs(vectors[0, 0]), 1 / 2.0.squareRoot(), accuracy: 1e-12)
        XCTAssertEqual(vectors[0, 0] * vectors[1, 0], 0.5, accuracy: 1e-12)
    }

    func testSVDReconstructsInput() throws {
        let a = Matrix(rowArrays: [[3, 2, 2], [2, 3, -2]])
        let (u, s, vt) = try LAPACK.svd(a)
        XCTAssertEqual(s[0], 5, accuracy: 1e-12)
        XCTAssertEqual(s[1], 3, accuracy: 1e-12)
        var us = u
        for r in 0..<us.rows { for c in 0..<us.cols { us[r, c] *= s[c] } }
        let back = BLAS.multiply(us, vt)
        for (x, y) in zip(back.values, a.values) { XCTAssertEqual(x, y, accuracy: 1e-12) }
    }

    func testLeastSquaresSolvesExactSystem() throws {
        let a = Matrix(rowArrays: [[1, 0], [0, 2], [1, 1]])
        let x = try LAPACK.leastSquares(a, Matrix(rowArrays: [[1], [4], [3]]))
        XCTAssertEqual(x[0, 0], 1, accuracy: 1e-12)
        XCTAssertEqual(x[1, 0], 2, accuracy: 1e-12)
    }

    func testSeededGeneratorIsReproducibleAndStreamsDiffer() {
        var a = SeededGenerator(seed: 42), b = SeededGenerator(seed: 42)
        XCTAssertEqual((0..<5).map { _ in a.next() }, (0..<5).map { _ in b.next() })
        var s1 = SeededGenerator(seed: 42, stream: 1), s2 = SeededGenerator(seed: 42, stream: 2)
        XCTAssertNotEqual(s1.next(), s2.next())
        var p = SeededGenerator(seed: 7)
        XCTAssertEqual(p.permutation(10).sorted(), Array(0..<10))
    }

    func testParallelMapKeepsIndexOrder() {
        XCTAssertEqual(Parallel.map(1000) { $0 * $0 }, (0..<1000).map { $0 * $0 })
    }
}

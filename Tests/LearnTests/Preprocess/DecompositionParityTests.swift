import Linalg
import XCTest
@testable import Learn

/// PCA, TruncatedSVD and TF-IDF against scikit-learn 1.9 fixtures.
final class DecompositionParityTests: XCTestCase {
    func testPCAMatchesScikitLearn() throws {
        let f = try loadFixture("pca")
        let x = try matrix(f["x"])
        let pca = try PCA(nComponents: .count(8)).fitPCA(x)
        assertClose(pca.explainedVarianceRatio, try numbers(f["explained_variance_ratio"]), tolerance: 1e-8, "ratio")
        assertClose(pca.explainedVariance, try numbers(f["explained_variance"]), tolerance: 1e-8, "variance")
        assertClose(pca.mean, try numbers(f["mean"]), tolerance: 1e-12, "mean")
        let expected = try matrix(f["components"])
        let ours = pca.componentMatrix
        for r in 0..<expected.rows {
            let a = Array(ours.row(r)), b = Array(expected.row(r))
            let sign: Double = zip(a, b).reduce(0) { $0 + $1.0 * $1.1 } < 0 ? -1 : 1
            assertClose(a.map { $0 * sign }, b, tolerance: 1e-8, "component \(r) (up to sign)")
        }
        // Same sign convention as scikit-learn's svd_flip, so projections agree exactly too.
        let head = try pca.transform(x.selectingRows(Array(0..<10)))
        assertClose(head.values, try matrix(f["transformed_head"]).values, tolerance: 1e-8, "transform")
    }

    func testPCAFractionPicksScikitLearnsCount() throws {
        let f = try loadFixture("pca")
        let fraction = try XCTUnwrap(f["fraction"] as? Double)
        let pca = try PCA(nComponents: .fraction(fraction)).fitPCA(try matrix(f["x"]))
        XCTAssertEqual(pca.nComponents, try XCTUnwrap(f["fraction_n_components"] as? Int))
        XCTAssertGreaterThan(pca.explainedVarianceRatio.reduce(0, +), fraction)
    }

    func testTruncatedSVDMatchesScikitLearn() throws {
        let f = try loadFixture("tsvd")
        let a = SparseRows(dense: try matrix(f["x"]))
        let k = try XCTUnwrap(f["n_components"] as? Int)
        let svd = try TruncatedSVD(nComponents: k).fit(a, seed: 42)
        let exact = try numbers(f["singular_values"])
        for (ours, theirs) in zip(svd.singularValues, exact) {
            XCTAssertLessThanOrEqual(abs(ours - theirs) / theirs, 1e-4, "singular value \(ours) vs arpack \(theirs)")
        }
        for (ours, theirs) in zip(svd.singularValues, try numbers(f["randomized_singular_values"])) {
            XCTAssertLessThanOrEqual(abs(ours - theirs) / theirs, 1e-4, "singular value \(ours) vs randomized \(theirs)")
        }
        let ratio = try numbers(f["explained_variance_ratio"])
        for (ours, theirs) in zip(svd.explainedVarianceRatio, ratio) {
            XCTAssertLessThanOrEqual(abs(ours - theirs) / theirs, 1e-3, "explained variance ratio")
        }
        // The leading component is well separated: it matches up to sign.
        let first = Array(svd.componentMatrix.row(0)), expected = Array(try matrix(f["components"]).row(0))
        let sign: Double = zip(first, expected).reduce(0) { $0 + $1.0 * $1.1 } < 0 ? -1 : 1
        assertClose(first.map { $0 * sign }, expected, tolerance: 1e-4, "first component")
    }

    func testTruncatedSVDIsDeterministicPerSeed() throws {
        let a = SparseRows(dense: try matrix(loadFixture("tsvd")["x"]))
        let one = try TruncatedSVD(nComponents: 5).fit(a, seed: 7)
        let two = try TruncatedSVD(nComponents: 5).fit(a, seed: 7)
        XCTAssertEqual(one, two)
        XCTAssertEqual(try one.transform(a).cols, 5)
    }

    func testSparseProductsMatchDenseBLAS() throws {
        let dense = try matrix(loadFixture("tsvd")["x"])
        let a = SparseRows(dense: dense)
        var rng = SeededGenerator(seed: 3)
        let b = Matrix(rows: dense.cols, cols: 4, values: (0..<(dense.cols * 4)).map { _ in rng.nextGaussian() })
        assertClose(a.multiply(b).values, BLAS.multiply(dense, b).values, tolerance: 1e-12, "A·B")
        XCTAssertEqual(a.transposed().transposed(), a)
    }
}

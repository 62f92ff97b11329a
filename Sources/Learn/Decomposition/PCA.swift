import Linalg

/// How many components to keep: a count, or the smallest count whose cumulative explained variance
/// ratio exceeds a fraction in (0, 1) (scikit-learn's rule).
public enum ComponentCount: Sendable, Equatable, Codable {
    case count(Int)
    case fraction(Double)
}

/// Principal component analysis, centred (scikit-learn's `PCA` with `svd_solver="covariance_eigh"`):
/// the covariance matrix is formed with BLAS and decomposed by LAPACK's symmetric eigen-solver.
public struct PCA: MatrixTransform, Equatable {
    public var nComponents: ComponentCount

    public init(nComponents: ComponentCount) {
        self.nComponents = nComponents
    }

    public func fit(_ x: Matrix, seed: UInt64) throws -> any FittedMatrixTransform {
        try fitPCA(x)
    }

    /// Fits on the rows of `x` (no NaN allowed).
    public func fitPCA(_ x: Matrix) throws -> FittedPCA {
        guard x.rows >= 2 else { throw LearnError("PCA needs at least 2 training rows, got \(x.rows)") }
        guard !x.hasNonFinite else {
            throw LearnError("PCA input has missing or infinite values; impute the numeric columns first")
        }
        let n = x.rows, d = x.cols
        var mean = [Double](repeating: 0, count: d)
        for r in 0..<n { for c in 0..<d { mean[c] += x[r, c] } }
        mean = mean.map { $0 / Double(n) }
        let centred = FittedPCA.centre(x, mean)
        var covariance = BLAS.multiply(centred, transposeA: true, centred)
        for i in covariance.values.indices { covariance.values[i] /= Double(n - 1) }
        let (values, vectors) = try LAPACK.symmetricEigen(covariance)
        let variance = values.map { max($0, 0) }
        let total = variance.reduce(0, +)
        let ratio = variance.map { total > 0 ? $0 / total : 0 }
        let k: Int
        switch nComponents {
        case .count(let c):
            guard c >= 1 else { throw LearnError("PCA n_components must be ≥ 1, got \(c)") }
            k = min(c, d, n)
        case .fraction(let f):
            guard f > 0 && f < 1 else { throw LearnError("PCA n_components as a fraction must be in (0, 1), got \(f)") }
            var cumulative = 0.0, below = 0
            for r in ratio {
                cumulative += r
                if cumulative <= f { below += 1 } else { break }
            }
            k = min(below + 1, d, n)
        }
        var components = vectors.selectingColumns(Array(0..<k)).transposed()
        flipSigns(&components)
        return FittedPCA(mean: mean, components: components.values,
                         explainedVariance: Array(variance.prefix(k)),
                         explainedVarianceRatio: Array(ratio.prefix(k)),
                         singularValues: variance.prefix(k).map { ($0 * Double(n - 1)).squareRoot() })
    }
}

/// A fitted PCA: `(x - mean) · componentsᵀ`.
public struct FittedPCA: FittedMatrixTransform, Codable, Equatable {
    public var mean: [Double]
    /// Row-major k × d principal axes (scikit-learn's `components_`).
    public var components: [Double]
    public var explainedVariance: [Double]
    public var explainedVarianceRatio: [Double]
    public var singularValues: [Double]

    public var nComponents: Int { explainedVariance.count }
    public var componentMatrix: Matrix { Matrix(rows: nComponents, cols: mean.count, values: components) }

    public func transform(_ x: Matrix) throws -> Matrix {
        guard x.cols == mean.count else { throw LearnError("PCA was fitted on \(mean.count) columns, got \(x.cols)") }
        guard !x.hasNonFinite else { throw LearnError("PCA input has missing or infinite values") }
        return BLAS.multiply(FittedPCA.centre(x, mean), componentMatrix, transposeB: true)
    }

    static func centre(_ x: Matrix, _ mean: [Double]) -> Matrix {
        var out = x
        let d = x.cols
        for i in out.values.indices { out.values[i] -= mean[i % d] }
        return out
    }
}

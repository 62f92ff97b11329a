import Linalg

/// Truncated SVD of a sparse matrix without centring (scikit-learn's `TruncatedSVD`, randomized algorithm).
///
/// Randomized subspace iteration (Halko, Martinsson & Tropp): a Gaussian start of `nComponents + nOversamples`
/// columns, `nIter` power iterations with AᵀA (re-orthonormalised every step through LAPACK's SVD), then a
/// Rayleigh–Ritz step: the eigen-decomposition of (AQ)ᵀ(AQ) (LAPACK) gives the singular values and right vectors.
/// Signs follow scikit-learn's `svd_flip(u_based_decision=False)`: each component's largest entry is positive.
public struct TruncatedSVD: Sendable, Equatable {
    public var nComponents: Int
    public var nIter: Int
    public var nOversamples: Int

    public init(nComponents: Int, nIter: Int = 5, nOversamples: Int = 10) {
        self.nComponents = nComponents
        self.nIter = nIter
        self.nOversamples = nOversamples
    }

    /// Fits on the rows of `a`. Asking for more components than `a` has columns keeps `a.cols` components.
    public func fit(_ a: SparseRows, seed: UInt64) throws -> FittedTruncatedSVD {
        guard nComponents > 0 else { throw LearnError("truncated SVD needs n_components ≥ 1, got \(nComponents)") }
        guard a.rows > 0 else { throw LearnError("truncated SVD needs at least one training row") }
        let d = a.cols
        let k = min(nComponents, d)
        if k == 0 {
            return FittedTruncatedSVD(nFeatures: d, components: [], singularValues: [],
                                      explainedVariance: [], explainedVarianceRatio: [])
        }
        let width = min(k + max(0, nOversamples), d)
        var rng = SeededGenerator(seed: seed, stream: 0x7356_4453)
        var start = Matrix(rows: d, cols: width)
        for i in start.values.indices { start.values[i] = rng.nextGaussian() }
        var q = try orthonormalColumns(start)
        let at = a.transposed()
        // scikit-learn's final B = QᵀA adds one half-step to its nIter (A, Aᵀ) pairs; nIter + 1 Gram steps match it.
        for _ in 0...max(0, nIter) {
            q = try orthonormalColumns(at.multiply(a.multiply(q)))
        }
        let y = a.multiply(q)
        let gram = BLAS.multiply(y, transposeA: true, y)
        let (lambda, w) = try LAPACK.symmetricEigen(gram)
        let v = BLAS.multiply(q, w.selectingColumns(Array(0..<k)))   // d × k right singular vectors
        var components = v.transposed()
        flipSigns(&components)

        let projected = a.multiply(components.transposed())
        let total = a.columnMeanAndVariance().variance.reduce(0, +)
        let explained = columnVariances(projected)
        return FittedTruncatedSVD(nFeatures: d, components: components.values,
                                  singularValues: lambda.prefix(k).map { max($0, 0).squareRoot() },
                                  explainedVariance: explained,
                                  explainedVarianceRatio: explained.map { total > 0 ? $0 / total : 0 })
    }

    private func orthonormalColumns(_ m: Matrix) throws -> Matrix {
        try LAPACK.svd(m).u
    }
}

/// A fitted truncated SVD: `components` (k × d, row-major) project rows onto k dense columns.
public struct FittedTruncatedSVD: Codable, Sendable, Equatable {
    public var nFeatures: Int
    /// Row-major k × nFeatures right singular vectors (scikit-learn's `components_`).
    public var components: [Double]
    public var singularValues: [Double]
    /// Variance of each projected column over the training rows.
    public var explainedVariance: [Double]
    /// `explainedVariance` over the training rows' total column variance.
    public var explainedVarianceRatio: [Double]

    public var nComponents: Int { singularValues.count }

    /// The components as a k × d matrix.
    public var componentMatrix: Matrix { Matrix(rows: nComponents, cols: nFeatures, values: components) }

    /// Rows of `a` projected on the components (n × k).
    public func transform(_ a: SparseRows) throws -> Matrix {
        guard a.cols == nFeatures else {
            throw LearnError("truncated SVD was fitted on \(nFeatures) columns, got \(a.cols)")
        }
        if nComponents == 0 { return Matrix(rows: a.rows, cols: 0) }
        return a.multiply(componentMatrix.transposed())
    }
}

/// scikit-learn's `svd_flip(u_based_decision=False)`: makes each row's largest-magnitude entry positive.
func flipSigns(_ rowsOfComponents: inout Matrix) {
    for r in 0..<rowsOfComponents.rows {
        var best = 0.0
        for c in 0..<rowsOfComponents.cols where abs(rowsOfComponents[r, c]) > abs(best) { best = rowsOfComponents[r, c] }
        if best < 0 {
            for c in 0..<rowsOfComponents.cols { rowsOfComponents[r, c] = -rowsOfComponents[r, c] }
        }
    }
}

/// Population variance of each column.
func columnVariances(_ m: Matrix) -> [Double] {
    let n = Double(max(m.rows, 1))
    return (0..<m.cols).map { c in
        let column = m.column(c)
        let mean = column.reduce(0, +) / n
        return column.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / n
    }
}

import Linalg

/// L2-regularised least squares (scikit-learn's `Ridge`): minimises ||y − Xw − b||² + alpha ||w||².
///
/// Closed form on centred data, (XᵀX + alpha I) W = XᵀY, solved by Cholesky (LAPACK dposv) for all targets at once.
public struct Ridge: Regressor, Codable, Equatable {
    public var alpha: Double
    public var fitIntercept: Bool

    enum CodingKeys: String, CodingKey {
        case alpha
        case fitIntercept = "fit_intercept"
    }

    public init(alpha: Double = 1.0, fitIntercept: Bool = true) {
        self.alpha = alpha
        self.fitIntercept = fitIntercept
    }

    public func fit(_ x: Matrix, _ y: Matrix, seed: UInt64) throws -> any FittedRegressor {
        try fitLinear(x, y)
    }

    /// Throws when a hyperparameter is out of range (call it when building the model from a config or grid).
    public func validate() throws {
        guard alpha.isFinite, alpha >= 0 else {
            throw LearnError("Ridge alpha must be a non-negative number, got \(alpha)")
        }
    }

    /// The fitted coefficients and intercepts.
    public func fitLinear(_ x: Matrix, _ y: Matrix) throws -> FittedLinearModel {
        try validate()
        try validateTraining(x, y, model: "Ridge")
        let (xc, yc, xMeans, yMeans): (Matrix, Matrix, [Double], [Double])
        if fitIntercept {
            let cx = Centred(x), cy = Centred(y)
            (xc, yc, xMeans, yMeans) = (cx.matrix, cy.matrix, cx.means, cy.means)
        } else {
            (xc, yc, xMeans, yMeans) = (x, y, [Double](repeating: 0, count: x.cols), [Double](repeating: 0, count: y.cols))
        }
        var gram = BLAS.multiply(xc, transposeA: true, xc)
        for j in 0..<gram.rows { gram[j, j] += alpha }
        let xty = BLAS.multiply(xc, transposeA: true, yc)
        let w: Matrix
        do {
            w = try LAPACK.solveSPD(gram, xty)
        } catch {
            // Singular XᵀX with alpha = 0 (collinear features): fall back to minimum-norm least squares.
            w = try LAPACK.leastSquares(xc, yc)
        }
        return FittedLinearModel(coefficients: w, intercept: intercepts(xMeans: xMeans, yMeans: yMeans, coefficients: w))
    }
}

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
        return try RidgeSystem(x, y, fitIntercept: fitIntercept).solve(alpha: alpha)
    }

    /// Fits every ridge in `models` on the same rows (a grid over alpha): the centring, XᵀX and XᵀY are computed
    /// once per intercept setting and each model solves its own penalised system, so each fit is exactly
    /// `fitLinear(x, y)`. Nil when some model is not a ridge.
    public static func fitPath(_ models: [any Regressor], _ x: Matrix, _ y: Matrix) throws -> [FittedLinearModel]? {
        let ridges = models.compactMap { $0 as? Ridge }
        guard ridges.count == models.count, !ridges.isEmpty else { return nil }
        for ridge in ridges { try ridge.validate() }
        try validateTraining(x, y, model: "Ridge")
        var systems: [Bool: RidgeSystem] = [:]
        return try ridges.map { ridge in
            let system = try systems[ridge.fitIntercept] ?? RidgeSystem(x, y, fitIntercept: ridge.fitIntercept)
            systems[ridge.fitIntercept] = system
            return try system.solve(alpha: ridge.alpha)
        }
    }
}

/// The parts of a ridge fit that do not depend on alpha: the (centred) data, XᵀX and XᵀY.
struct RidgeSystem {
    let xc: Matrix
    let yc: Matrix
    let xMeans: [Double]
    let yMeans: [Double]
    let gram: Matrix
    let xty: Matrix

    init(_ x: Matrix, _ y: Matrix, fitIntercept: Bool) throws {
        if fitIntercept {
            let cx = Centred(x), cy = Centred(y)
            (xc, yc, xMeans, yMeans) = (cx.matrix, cy.matrix, cx.means, cy.means)
        } else {
            (xc, yc, xMeans, yMeans) = (x, y, [Double](repeating: 0, count: x.cols), [Double](repeating: 0, count: y.cols))
        }
        gram = BLAS.multiply(xc, transposeA: true, xc)
        xty = BLAS.multiply(xc, transposeA: true, yc)
    }

    /// Closed form (XᵀX + alpha I) W = XᵀY by Cholesky (LAPACK dposv), for all targets at once.
    func solve(alpha: Double) throws -> FittedLinearModel {
        var penalised = gram
        for j in 0..<penalised.rows { penalised[j, j] += alpha }
        let w: Matrix
        do {
            w = try LAPACK.solveSPD(penalised, xty)
        } catch {
            // Singular XᵀX with alpha = 0 (collinear features): fall back to minimum-norm least squares.
            w = try LAPACK.leastSquares(xc, yc)
        }
        return FittedLinearModel(coefficients: w, intercept: intercepts(xMeans: xMeans, yMeans: yMeans, coefficients: w))
    }
}

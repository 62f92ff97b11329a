import Linalg

/// Ordinary least squares with an intercept (scikit-learn's `LinearRegression`).
///
/// Solved on centred data by LAPACK's minimum-norm least squares (dgelsd), so collinear features are fine.
public struct LinearRegression: Regressor, Codable, Equatable {
    public var fitIntercept: Bool

    enum CodingKeys: String, CodingKey { case fitIntercept = "fit_intercept" }

    public init(fitIntercept: Bool = true) { self.fitIntercept = fitIntercept }

    public func fit(_ x: Matrix, _ y: Matrix, seed: UInt64) throws -> any FittedRegressor {
        try fitLinear(x, y)
    }

    /// The fitted coefficients and intercepts.
    public func fitLinear(_ x: Matrix, _ y: Matrix) throws -> FittedLinearModel {
        try validateTraining(x, y, model: "LinearRegression")
        guard fitIntercept else {
            let w = try LAPACK.leastSquares(x, y)
            return FittedLinearModel(coefficients: w, intercept: [Double](repeating: 0, count: y.cols))
        }
        let cx = Centred(x), cy = Centred(y)
        let w = try LAPACK.leastSquares(cx.matrix, cy.matrix)
        return FittedLinearModel(coefficients: w, intercept: intercepts(xMeans: cx.means, yMeans: cy.means, coefficients: w))
    }
}

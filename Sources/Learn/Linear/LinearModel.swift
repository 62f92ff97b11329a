import Linalg

/// A fitted linear model: `predict(x) = x · coefficients + intercept`, for every target at once.
public struct FittedLinearModel: FittedRegressor, Equatable {
    /// d × t: one column of weights per target.
    public let coefficients: Matrix
    /// One intercept per target.
    public let intercept: [Double]

    public init(coefficients: Matrix, intercept: [Double]) {
        precondition(coefficients.cols == intercept.count, "one intercept per target")
        self.coefficients = coefficients
        self.intercept = intercept
    }

    /// n × t predictions.
    public func predict(_ x: Matrix) throws -> Matrix {
        guard x.cols == coefficients.rows else {
            throw LearnError("the linear model was fitted on \(coefficients.rows) features but got \(x.cols)")
        }
        guard !x.hasNonFinite else {
            throw LearnError("features contain NaN or infinite values; impute them before predicting")
        }
        var out = Matrix(rows: x.rows, cols: intercept.count)
        for r in 0..<x.rows {
            for t in 0..<intercept.count { out.values[r * intercept.count + t] = intercept[t] }
        }
        BLAS.gemm(x, coefficients, beta: 1, into: &out)
        return out
    }
}

/// Column means and the centred copy of a matrix (for fitting the intercept separately).
struct Centred {
    let means: [Double]
    let matrix: Matrix

    init(_ m: Matrix) {
        var means = [Double](repeating: 0, count: m.cols)
        for r in 0..<m.rows {
            for c in 0..<m.cols { means[c] += m.values[r * m.cols + c] }
        }
        let n = Double(max(1, m.rows))
        for c in means.indices { means[c] /= n }
        var centred = m
        for r in 0..<m.rows {
            for c in 0..<m.cols { centred.values[r * m.cols + c] -= means[c] }
        }
        self.means = means
        self.matrix = centred
    }
}

/// Checks the shapes and values every linear model needs.
func validateTraining(_ x: Matrix, _ y: Matrix, model: String, minimumRows: Int = 1) throws {
    guard x.rows == y.rows else {
        throw LearnError("\(model): features have \(x.rows) rows but targets have \(y.rows)")
    }
    guard x.rows >= minimumRows else {
        throw LearnError("\(model) needs at least \(minimumRows) training rows, got \(x.rows)")
    }
    guard !x.hasNonFinite else {
        throw LearnError("\(model): features contain NaN or infinite values; impute them first")
    }
    guard !y.hasNonFinite else {
        throw LearnError("\(model): targets contain NaN or infinite values")
    }
}

/// Intercepts that make the centred fit predict the means: b = ȳ − x̄ · W.
func intercepts(xMeans: [Double], yMeans: [Double], coefficients w: Matrix) -> [Double] {
    var b = yMeans
    for t in 0..<w.cols {
        for j in 0..<w.rows { b[t] -= xMeans[j] * w[j, t] }
    }
    return b
}

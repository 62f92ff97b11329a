import Linalg

/// L1-regularised least squares (scikit-learn's `Lasso`):
/// minimises 1/(2n) ||y − Xw − b||² + alpha ||w||₁ by cyclic coordinate descent.
///
/// Uses the covariance ("precompute") form: XᵀX and Xᵀy come from BLAS once, after which each
/// coordinate update costs O(d). Stops like scikit-learn: when the largest weight change is below
/// `tol` relative to the largest weight, the duality gap is checked against `tol · ||y||²`.
public struct Lasso: Regressor, Codable, Equatable {
    public var alpha: Double
    public var maxIter: Int
    public var tol: Double
    public var fitIntercept: Bool

    enum CodingKeys: String, CodingKey {
        case alpha, tol
        case maxIter = "max_iter"
        case fitIntercept = "fit_intercept"
    }

    public init(alpha: Double = 1.0, maxIter: Int = 1000, tol: Double = 1e-4, fitIntercept: Bool = true) {
        self.alpha = alpha
        self.maxIter = maxIter
        self.tol = tol
        self.fitIntercept = fitIntercept
    }

    public func fit(_ x: Matrix, _ y: Matrix, seed: UInt64) throws -> any FittedRegressor {
        try fitLinear(x, y).model
    }

    /// Throws when a hyperparameter is out of range (call it when building the model from a config or grid).
    public func validate() throws {
        guard alpha.isFinite, alpha >= 0 else {
            throw LearnError("Lasso alpha must be a non-negative number, got \(alpha)")
        }
        guard maxIter >= 1 else { throw LearnError("Lasso max_iter must be at least 1, got \(maxIter)") }
        guard tol.isFinite, tol >= 0 else { throw LearnError("Lasso tol must be a non-negative number, got \(tol)") }
    }

    /// The fitted model and the number of passes each target took.
    public func fitLinear(_ x: Matrix, _ y: Matrix) throws -> (model: FittedLinearModel, iterations: [Int]) {
        try validate()
        try validateTraining(x, y, model: "Lasso")
        let cx = fitIntercept ? Centred(x) : nil
        let cy = fitIntercept ? Centred(y) : nil
        let xc = cx?.matrix ?? x, yc = cy?.matrix ?? y
        let gram = BLAS.multiply(xc, transposeA: true, xc)
        let xty = BLAS.multiply(xc, transposeA: true, yc)
        let d = x.cols
        var w = Matrix(rows: d, cols: y.cols)
        var iterations: [Int] = []
        for t in 0..<y.cols {
            var yNorm2 = 0.0
            for r in 0..<yc.rows { yNorm2 += yc[r, t] * yc[r, t] }
            let q = xty.column(t)
            let solved = coordinateDescent(gram: gram, q: q, yNorm2: yNorm2, l1: alpha * Double(x.rows))
            for j in 0..<d { w[j, t] = solved.w[j] }
            iterations.append(solved.iterations)
        }
        let b = intercepts(xMeans: cx?.means ?? [Double](repeating: 0, count: d),
                           yMeans: cy?.means ?? [Double](repeating: 0, count: y.cols), coefficients: w)
        return (FittedLinearModel(coefficients: w, intercept: b), iterations)
    }

    /// Minimises ½ wᵀGw − qᵀw + l1 ||w||₁ (the Lasso objective times n, up to a constant).
    func coordinateDescent(gram g: Matrix, q: [Double], yNorm2: Double, l1: Double) -> (w: [Double], iterations: Int) {
        let d = q.count
        var w = [Double](repeating: 0, count: d)
        var h = [Double](repeating: 0, count: d)  // h = G w
        let gapTol = tol * yNorm2
        var passes = 0
        for pass in 0..<maxIter {
            passes = pass + 1
            var wMax = 0.0, dwMax = 0.0
            for j in 0..<d {
                let gjj = g[j, j]
                if gjj == 0 { continue }
                let old = w[j]
                let tmp = q[j] - h[j] + gjj * old
                let new = tmp.sign == .minus ? -max(-tmp - l1, 0) / gjj : max(tmp - l1, 0) / gjj
                let delta = new - old
                if delta != 0 {
                    for k in 0..<d { h[k] += delta * g.values[j * d + k] }
                    w[j] = new
                }
                dwMax = max(dwMax, abs(delta))
                wMax = max(wMax, abs(new))
            }
            if wMax == 0 || dwMax / wMax < tol || pass == maxIter - 1 {
                if dualityGap(w: w, h: h, q: q, yNorm2: yNorm2, l1: l1) < gapTol { break }
            }
        }
        return (w, passes)
    }

    /// The duality gap of the current weights (as in scikit-learn's Gram coordinate descent).
    func dualityGap(w: [Double], h: [Double], q: [Double], yNorm2: Double, l1: Double) -> Double {
        var dualNorm = 0.0, qDotW = 0.0, wDotH = 0.0, l1Norm = 0.0
        for j in w.indices {
            dualNorm = max(dualNorm, abs(q[j] - h[j]))
            qDotW += q[j] * w[j]
            wDotH += w[j] * h[j]
            l1Norm += abs(w[j])
        }
        let rNorm2 = max(0, yNorm2 + wDotH - 2 * qDotW)
        var gap: Double
        let scale: Double
        if dualNorm > l1 {
            scale = l1 / dualNorm
            gap = 0.5 * (rNorm2 + rNorm2 * scale * scale)
        } else {
            scale = 1
            gap = rNorm2
        }
        gap += l1 * l1Norm - scale * (yNorm2 - qDotW)
        return gap
    }
}

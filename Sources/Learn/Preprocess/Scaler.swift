/// Column scaling after imputation: scikit-learn's `StandardScaler`, `MinMaxScaler` (range 0...1) or none.
public enum ScaleKind: String, Sendable, Codable, CaseIterable {
    case standard
    case minmax
    case none
}

/// A fitted per-column scaler. Fitting ignores NaN cells and transforming keeps them, as scikit-learn does.
///
/// Standard: `(x - mean) / scale`, with `scale` the population standard deviation (1 for constant columns).
/// Min-max: `x * scale + offset` with `scale = 1 / (max - min)` (1 for constant columns), `offset = -min * scale`.
public struct FittedScaler: Codable, Sendable, Equatable {
    public var kind: ScaleKind
    /// Column means (standard) or zeros.
    public var mean: [Double]
    /// Standard deviations (standard) or multipliers (min-max); ones for `.none`.
    public var scale: [Double]
    /// Additive offsets (min-max), zeros otherwise.
    public var offset: [Double]

    /// Fits on columns of training values (NaN = missing, ignored).
    public static func fit(_ kind: ScaleKind, columns: [[Double]]) -> FittedScaler {
        let d = columns.count
        var out = FittedScaler(kind: kind, mean: Array(repeating: 0, count: d),
                               scale: Array(repeating: 1, count: d), offset: Array(repeating: 0, count: d))
        let eps = Double.ulpOfOne
        for (j, column) in columns.enumerated() {
            let observed = column.filter { !$0.isNaN }
            if observed.isEmpty { continue }
            let n = Double(observed.count)
            switch kind {
            case .none:
                break
            case .standard:
                // scikit-learn's _incremental_mean_and_var: corrected two-pass variance.
                let mean = observed.reduce(0, +) / n
                var correction = 0.0, squares = 0.0
                for x in observed {
                    correction += x - mean
                    squares += (x - mean) * (x - mean)
                }
                let variance = (squares - correction * correction / n) / n
                let constant = variance <= n * eps * variance + (n * mean * eps) * (n * mean * eps)
                let sd = variance.squareRoot()
                out.mean[j] = mean
                out.scale[j] = (constant || sd < 10 * eps) ? 1 : sd
            case .minmax:
                let lo = observed.min() ?? 0, hi = observed.max() ?? 0
                let range = hi - lo
                let scale = 1 / (range < 10 * eps ? 1 : range)
                out.scale[j] = scale
                out.offset[j] = 0 - lo * scale
            }
        }
        return out
    }

    /// Column `j` scaled.
    public func transform(_ values: [Double], column j: Int) -> [Double] {
        switch kind {
        case .none: return values
        case .standard:
            let m = mean[j], s = scale[j]
            return values.map { ($0 - m) / s }
        case .minmax:
            let s = scale[j], o = offset[j]
            return values.map { $0 * s + o }
        }
    }
}

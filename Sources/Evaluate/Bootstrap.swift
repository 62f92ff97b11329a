import Linalg

/// Seeded percentile bootstrap of Pearson r: a confidence interval for one model, a paired comparison of two.
public struct Bootstrap: Sendable, Equatable {
    /// The most resamples an experiment may ask for: beyond it the intervals no longer change, and time and
    /// memory grow without bound (documented in the README).
    public static let maxResamples = 100_000

    public var resamples: Int
    /// Confidence level, e.g. 0.95.
    public var level: Double
    public var seed: UInt64

    public init(resamples: Int = 1000, level: Double = 0.95, seed: UInt64 = 0) {
        self.resamples = resamples
        self.level = level
        self.seed = seed
    }

    /// The percentile confidence interval [low, high] of r(actual, predicted).
    public func pearsonInterval(actual: [Double], predicted: [Double]) throws -> [Double] {
        try validate(actual.count)
        let rs = try resampledPearson(actual, [predicted]).map { $0[0] }
        return percentileInterval(rs)
    }

    /// Paired comparison on the same resampled rows: r(best) − r(other), its percentile interval, and the
    /// two-sided p-value of "no difference" from the same resamples (see `twoSidedPValue`).
    public func compare(actual: [Double], best: [Double], other: [Double]) throws
        -> (difference: Double, interval: [Double], pValue: Double) {
        try validate(actual.count)
        let difference = try Metric.pearson(actual, best) - Metric.pearson(actual, other)
        let rs = try resampledPearson(actual, [best, other])
        let diffs = rs.map { $0[0] - $0[1] }
        return (difference, percentileInterval(diffs), twoSidedPValue(diffs))
    }

    /// r of every prediction vector on the same resamples: `resamples` rows of `predictions.count` values.
    /// Intervals of each model and paired differences between any two come from this one matrix.
    public func resampledPearsonMatrix(actual: [Double], predictions: [[Double]]) throws -> [[Double]] {
        try validate(actual.count)
        return try resampledPearson(actual, predictions)
    }

    /// The paired comparison of columns `best` and `other` of a `resampledPearsonMatrix`.
    public func compare(resampled: [[Double]], best: Int, other: Int, difference: Double)
        -> (difference: Double, interval: [Double], pValue: Double) {
        let diffs = resampled.map { $0[best] - $0[other] }
        return (difference, percentileInterval(diffs), twoSidedPValue(diffs))
    }

    func validate(_ n: Int) throws {
        guard resamples >= 10 else { throw EvaluateError("bootstrap needs at least 10 resamples, got \(resamples)") }
        guard level > 0 && level < 1 else { throw EvaluateError("bootstrap level must be in (0, 1), got \(level)") }
        guard n >= 3 else { throw EvaluateError("bootstrap needs at least 3 rows, got \(n)") }
    }

    /// r of each prediction vector on each resample; resamples where some r is undefined are drawn again.
    ///
    /// One pass per resample over the drawn rows, accumulating the five sums of Pearson's formula (no copies).
    /// Every vector is centred on its full-sample mean first: r is shift-invariant, and centring keeps the
    /// one-pass formula free of cancellation.
    func resampledPearson(_ actual: [Double], _ predictions: [[Double]]) throws -> [[Double]] {
        let n = actual.count
        let m = predictions.count
        let a = centred(actual)
        let p = predictions.flatMap(centred)  // m vectors of n values, one after another
        let chunk = 50
        let chunks = (resamples + chunk - 1) / chunk
        let parts: [[[Double]]] = try Parallel.map(chunks) { c in
            var g = SeededGenerator(seed: seed, stream: UInt64(c))
            var out: [[Double]] = []
            var failures = 0
            let sums = UnsafeMutableBufferPointer<Double>.allocate(capacity: 3 * max(1, m))
            defer { sums.deallocate() }
            a.withUnsafeBufferPointer { a in
                p.withUnsafeBufferPointer { p in
                    while out.count < min(chunk, resamples - c * chunk) && failures <= 100 {
                        if let rs = Self.resample(a, p, m: m, n: n, sums: sums, generator: &g) {
                            out.append(rs)
                        } else {
                            failures += 1
                        }
                    }
                }
            }
            if failures > 100 {
                throw EvaluateError("bootstrap: resampled rows keep giving a constant vector, so r is undefined")
            }
            return out
        }
        return parts.flatMap { $0 }
    }

    /// One resample of n rows drawn with replacement: r of `a` with each of the m vectors in `p`, from running
    /// sums (nil when some vector is constant on the resample).
    private static func resample(_ a: UnsafeBufferPointer<Double>, _ p: UnsafeBufferPointer<Double>, m: Int, n: Int,
                                 sums: UnsafeMutableBufferPointer<Double>,
                                 generator g: inout SeededGenerator) -> [Double]? {
        for k in 0..<(3 * m) { sums[k] = 0 }
        var sa = 0.0, saa = 0.0
        for _ in 0..<n {
            let j = g.nextInt(below: n)
            let x = a[j]
            sa += x
            saa += x * x
            var offset = j
            for k in 0..<m {
                let y = p[offset]
                sums[3 * k] += y
                sums[3 * k + 1] += y * y
                sums[3 * k + 2] += x * y
                offset += n
            }
        }
        let nn = Double(n)
        let varA = nn * saa - sa * sa
        guard varA > 0 else { return nil }
        var rs: [Double] = []
        rs.reserveCapacity(m)
        for k in 0..<m {
            let s = sums[3 * k], ss = sums[3 * k + 1], sx = sums[3 * k + 2]
            let varP = nn * ss - s * s
            guard varP > 0 else { return nil }
            rs.append(min(1, max(-1, (nn * sx - sa * s) / (varA.squareRoot() * varP.squareRoot()))))
        }
        return rs
    }

    private func centred(_ v: [Double]) -> [Double] {
        let mean = v.reduce(0, +) / Double(max(1, v.count))
        return v.map { $0 - mean }
    }

    /// The two-sided bootstrap p-value of zero: the largest α whose (1 − α) percentile interval of `values`
    /// (the same interpolated percentiles as `percentileInterval`) still contains zero, i.e. twice the
    /// smaller share of the resampled distribution on either side of zero. By construction the `level`
    /// interval excludes zero exactly when p < 1 − level, so the interval and p always agree.
    public func twoSidedPValue(_ values: [Double]) -> Double {
        let s = values.sorted()
        guard s.count > 1 else { return s.first.map { $0 == 0 ? 1 : 0 } ?? 1 }
        let last = Double(s.count - 1)
        // below: the largest quantile q with Q(q) <= 0; above: the smallest q with Q(q) >= 0 (Q piecewise linear).
        var below = 0.0, above = 1.0
        if s[0] > 0 { below = 0 } else if s[s.count - 1] <= 0 { below = 1 } else {
            let i = s.lastIndex { $0 <= 0 } ?? 0
            below = (Double(i) + (0 - s[i]) / (s[i + 1] - s[i])) / last
        }
        if s[0] >= 0 { above = 0 } else if s[s.count - 1] < 0 { above = 1 } else {
            let j = s.firstIndex { $0 >= 0 } ?? 1
            above = (Double(j - 1) + (0 - s[j - 1]) / (s[j] - s[j - 1])) / last
        }
        if s[0] > 0 { return 0 }
        if s[s.count - 1] < 0 { return 0 }
        return min(1, 2 * min(below, 1 - above))
    }

    /// The (1 − level)/2 and (1 + level)/2 percentiles, linearly interpolated like numpy's default.
    public func percentileInterval(_ values: [Double]) -> [Double] {
        let sorted = values.sorted()
        func quantile(_ q: Double) -> Double {
            let pos = q * Double(sorted.count - 1)
            let lo = Int(pos.rounded(.down)), hi = min(sorted.count - 1, lo + 1)
            return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - Double(lo))
        }
        return [quantile((1 - level) / 2), quantile((1 + level) / 2)]
    }
}

import Linalg

/// Seeded percentile bootstrap of Pearson r: a confidence interval for one model, a paired comparison of two.
public struct Bootstrap: Sendable, Equatable {
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

    /// Paired comparison on the same resampled rows: r(best) − r(other), its interval, and the share of
    /// resamples in which `other` is at least as good as `best`.
    public func compare(actual: [Double], best: [Double], other: [Double]) throws
        -> (difference: Double, interval: [Double], shareOtherAtLeastAsGood: Double) {
        try validate(actual.count)
        let difference = try Metric.pearson(actual, best) - Metric.pearson(actual, other)
        let rs = try resampledPearson(actual, [best, other])
        let diffs = rs.map { $0[0] - $0[1] }
        let share = Double(diffs.filter { $0 <= 0 }.count) / Double(diffs.count)
        return (difference, percentileInterval(diffs), share)
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
            var sp = [Double](repeating: 0, count: m), spp = sp, sap = sp
            try a.withUnsafeBufferPointer { a in
                try p.withUnsafeBufferPointer { p in
                    while out.count < min(chunk, resamples - c * chunk) {
                        var sa = 0.0, saa = 0.0
                        for k in 0..<m { sp[k] = 0; spp[k] = 0; sap[k] = 0 }
                        for _ in 0..<n {
                            let j = g.nextInt(below: n)
                            let x = a[j]
                            sa += x
                            saa += x * x
                            for k in 0..<m {
                                let y = p[k * n + j]
                                sp[k] += y
                                spp[k] += y * y
                                sap[k] += x * y
                            }
                        }
                        let nn = Double(n)
                        let varA = nn * saa - sa * sa
                        var rs: [Double] = []
                        for k in 0..<m {
                            let varP = nn * spp[k] - sp[k] * sp[k]
                            guard varA > 0, varP > 0 else { break }
                            rs.append(min(1, max(-1, (nn * sap[k] - sa * sp[k]) / (varA.squareRoot() * varP.squareRoot()))))
                        }
                        if rs.count == m {
                            out.append(rs)
                        } else {
                            failures += 1
                            if failures > 100 {
                                throw EvaluateError("bootstrap: resampled rows keep giving a constant vector, so r is undefined")
                            }
                        }
                    }
                }
            }
            return out
        }
        return parts.flatMap { $0 }
    }

    private func centred(_ v: [Double]) -> [Double] {
        let mean = v.reduce(0, +) / Double(max(1, v.count))
        return v.map { $0 - mean }
    }

    /// The (1 − level)/2 and (1 + level)/2 percentiles, linearly interpolated like numpy's default.
    func percentileInterval(_ values: [Double]) -> [Double] {
        let sorted = values.sorted()
        func quantile(_ q: Double) -> Double {
            let pos = q * Double(sorted.count - 1)
            let lo = Int(pos.rounded(.down)), hi = min(sorted.count - 1, lo + 1)
            return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - Double(lo))
        }
        return [quantile((1 - level) / 2), quantile((1 + level) / 2)]
    }
}

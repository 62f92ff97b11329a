import Linalg

/// Feature values mapped to small integer bins, stored row-major (`bins[row * features + feature]`).
///
/// Bins `0..<missingBin` hold finite values; `missingBin` (255) holds NaN.
public struct BinnedMatrix: Sendable {
    /// Number of rows.
    public let rows: Int
    /// Number of features (bins per row).
    public let features: Int
    /// `bins[row * features + feature]`.
    public var bins: [UInt8]
}

/// Quantile binning of each feature into at most 255 bins plus one bin for missing values,
/// following scikit-learn's `_BinMapper`: with few distinct values the thresholds are the midpoints
/// between them, otherwise the training values' percentiles (numpy's `averaged_inverted_cdf`).
public struct FeatureBinner: Sendable {
    /// The bin that holds NaN.
    public static let missingBin: UInt8 = 255
    /// Upper edges: a value `x` goes to the number of thresholds strictly below it.
    public let thresholds: [[Double]]
    /// Whether each feature had NaN in the rows the binner was fitted on.
    public let hasMissing: [Bool]

    /// Finite bins used by `feature` (thresholds + 1).
    public func binCount(_ feature: Int) -> Int { thresholds[feature].count + 1 }

    /// Learns thresholds on `x` (training rows only), or on the rows `rows` of it (in that order, as if they had
    /// been copied out first; the copy is never made). `maxBins` must be in 2...255.
    public init(fitting x: Matrix, rows: [Int]? = nil, maxBins: Int = 255) throws {
        guard (2...255).contains(maxBins) else {
            throw LearnError("max_bins must be between 2 and 255, got \(maxBins)")
        }
        let picked = rows ?? Array(0..<x.rows)
        guard !picked.isEmpty else { throw LearnError("cannot bin features of an empty matrix") }
        let cols = x.cols
        let perFeature: [([Double], Bool)] = Parallel.map(cols) { c in
            var finite = [Double]()
            finite.reserveCapacity(picked.count)
            x.values.withUnsafeBufferPointer { src in
                for r in picked {
                    let v = src[r &* cols &+ c]
                    if !v.isNaN { finite.append(v) }
                }
            }
            let missing = finite.count < picked.count
            return (FeatureBinner.edges(sorted: DoubleRadixSort.sorted(finite), maxBins: maxBins), missing)
        }
        thresholds = perFeature.map { $0.0 }
        hasMissing = perFeature.map { $0.1 }
    }

    /// Thresholds for one feature's sorted finite values.
    static func edges(sorted values: [Double], maxBins: Int) -> [Double] {
        var distinct = [Double]()
        for v in values where distinct.last != v { distinct.append(v) }
        if distinct.count <= maxBins {
            if distinct.count < 2 { return [] }
            return (1..<distinct.count).map { (distinct[$0 - 1] + distinct[$0]) / 2 }
        }
        // numpy.percentile(values, linspace(0, 100, maxBins + 1)[1:-1], method="averaged_inverted_cdf"),
        // computed in the same floating-point order as numpy.
        let n = values.count
        let step = 100.0 / Double(maxBins)
        var out = [Double]()
        for k in 1..<maxBins {
            let q = Double(k) * step / 100.0
            let v = Double(n) * q - 1
            let prev = v.rounded(.down)
            let gamma = v - prev == 0 ? 0.5 : 1.0
            let lo = min(max(Int(prev), 0), n - 1), hi = min(max(Int(prev) + 1, 0), n - 1)
            let a = values[lo], b = values[hi], diff = b - a
            let x = gamma >= 0.5 ? b - diff * (1 - gamma) : a + diff * gamma
            if out.last != x { out.append(x) }
        }
        return out
    }

    /// Maps every row of `x` to bins, or the rows `rows` of it (binned row `k` is row `rows[k]` of `x`). `x` must
    /// have the fitted number of columns.
    public func transform(_ x: Matrix, rows picked: [Int]? = nil) throws -> BinnedMatrix {
        guard x.cols == thresholds.count else {
            throw LearnError("expected \(thresholds.count) feature columns, got \(x.cols)")
        }
        let cols = x.cols, rows = picked?.count ?? x.rows
        let source = picked ?? Array(0..<x.rows)
        let search = ThresholdSearch(thresholds)
        var bins = [UInt8](repeating: 0, count: rows * cols)
        bins.withUnsafeMutableBufferPointer { out in
            x.values.withUnsafeBufferPointer { src in
                search.padded.withUnsafeBufferPointer { t in source.withUnsafeBufferPointer { source in
                    Parallel.chunks(rows, minimumChunk: 2048) { range in
                        // Blocks of rows, one feature at a time inside a block: the comparison count is
                        // fixed for the whole inner loop, and the block's rows stay in cache across features.
                        for block in stride(from: range.lowerBound, to: range.upperBound, by: FeatureBinner.rowBlock) {
                            let rowsInBlock = block..<min(block + FeatureBinner.rowBlock, range.upperBound)
                            for c in 0..<cols {
                                guard search.searchable[c] else {
                                    for r in rowsInBlock { out[r * cols + c] = self.bin(src[source[r] * cols + c], feature: c) }
                                    continue
                                }
                                let base = search.start[c], levels = search.levels[c]
                                for r in rowsInBlock {
                                    let v = src[source[r] &* cols &+ c]
                                    let below = ThresholdSearch.countBelow(v, in: t, from: base, levels: levels)
                                    out[r &* cols &+ c] = v.isNaN ? FeatureBinner.missingBin : UInt8(truncatingIfNeeded: below)
                                }
                            }
                        }
                    }
                }}
            }
        }
        return BinnedMatrix(rows: rows, features: cols, bins: bins)
    }

    /// Rows binned together, feature by feature, in `transform`.
    static let rowBlock = 64

    /// The bin of one value by plain binary search: the count of thresholds strictly below it, or `missingBin`
    /// for NaN. `transform` uses it for features whose thresholds `ThresholdSearch` cannot search.
    @inline(__always)
    func bin(_ v: Double, feature: Int) -> UInt8 {
        if v.isNaN { return FeatureBinner.missingBin }
        return thresholds[feature].withUnsafeBufferPointer { t in
            var lo = 0, hi = t.count
            while lo < hi {
                let mid = (lo + hi) >> 1
                if t[mid] < v { lo = mid + 1 } else { hi = mid }
            }
            return UInt8(lo)
        }
    }
}

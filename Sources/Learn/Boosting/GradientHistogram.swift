import Linalg

/// Per-feature histograms of (sum of gradients, count) over 256 bin slots, interleaved:
/// slot `(feature * 256 + bin) * 2` is the gradient sum and `+ 1` the count (the hessian sum for squared error).
struct GradientHistogram {
    static let slots = 256
    var data: [Double]

    init(features: Int) { data = [Double](repeating: 0, count: features * GradientHistogram.slots * 2) }

    /// Rows whose work is split over the cores (by feature blocks, so sums never depend on thread count).
    static let parallelThreshold = 3000

    /// Overwrites this histogram with the sums over `rows` (indices into `bins`/`gradients`).
    mutating func build(rows: UnsafeBufferPointer<Int32>, bins: UnsafePointer<UInt8>, features d: Int,
                        gradients: UnsafePointer<Double>, parallel: Bool) {
        let n = rows.count
        data.withUnsafeMutableBufferPointer { hist in
            guard let h = hist.baseAddress else { return }
            let blocks = parallel && n >= GradientHistogram.parallelThreshold ? 2 : 1
            let per = (d + blocks - 1) / blocks
            let work: (Int) -> Void = { blk in
                let f0 = blk * per, f1 = min(d, f0 + per)
                if f0 >= f1 { return }
                (h + f0 * 512).initialize(repeating: 0, count: (f1 - f0) * 512)
                // Each slot is a (gradient, count) pair updated with one vector add.
                let hv = UnsafeMutableRawPointer(h).bindMemory(to: SIMD2<Double>.self, capacity: d * 256)
                for k in 0..<n {
                    let r = Int(rows[k])
                    let gc = SIMD2<Double>(gradients[r], 1)
                    let row = bins + r * d
                    var f = f0
                    while f < f1 {
                        hv[f &* 256 &+ Int(row[f])] += gc
                        f &+= 1
                    }
                }
            }
            if blocks == 1 { work(0) } else { Parallel.forEach(blocks, work) }
        }
    }

    /// `self = parent - sibling`, in place on a histogram that held the parent.
    mutating func subtract(_ sibling: GradientHistogram) {
        data.withUnsafeMutableBufferPointer { h in
            sibling.data.withUnsafeBufferPointer { s in
                for i in 0..<h.count { h[i] -= s[i] }
            }
        }
    }
}

/// The best split found for a node.
struct BinSplit {
    var gain = 0.0
    var feature = -1
    var bin: UInt8 = 0
    var missingLeft = false
    var gradLeft = 0.0, countLeft = 0.0
}

/// Split search on a histogram (scikit-learn's `_find_best_bin_to_split_*`, constant hessian).
///
/// Cumulative sums are taken four features at a time (independent dependency chains), then every candidate
/// threshold in the valid range is scored without divisions.
struct SplitFinder: Sendable {
    let binCounts: [Int]
    let hasMissing: [Bool]
    let minSamplesLeaf: Double
    let l2: Double
    /// `inverse[c] = 1 / (c + l2)` for every count up to the number of training rows.
    let inverse: [Double]

    init(binCounts: [Int], hasMissing: [Bool], minSamplesLeaf: Double, l2: Double, rows: Int) {
        self.binCounts = binCounts
        self.hasMissing = hasMissing
        self.minSamplesLeaf = minSamplesLeaf
        self.l2 = l2
        inverse = (0...rows).map { 1 / (Double($0) + l2) }
    }

    /// The best split over all features, or nil when none is valid with positive gain.
    func best(_ hist: GradientHistogram, grad G: Double, count C: Double) -> BinSplit? {
        let d = binCounts.count
        var best = BinSplit()
        withUnsafeTemporaryAllocation(of: SIMD2<Double>.self, capacity: 4 * 256) { pre in
        inverse.withUnsafeBufferPointer { ib in
        hist.data.withUnsafeBufferPointer { hb in
            guard let raw = hb.baseAddress, let p = pre.baseAddress, let inv = ib.baseAddress else { return }
            let h = UnsafeRawPointer(raw).bindMemory(to: SIMD2<Double>.self, capacity: d * 256)
            var f0 = 0
            while f0 < d {
                let k = min(4, d - f0)
                prefixSums(h, features: f0..<(f0 + k), into: p)
                for j in 0..<k {
                    let f = f0 + j
                    let sums = p + j * 256
                    let nb = binCounts[f]
                    if nb >= 2, let c = bestCandidate(sums, count: nb - 1, grad: G, total: C, inverse: inv), c.gain > best.gain {
                        best = BinSplit(gain: c.gain, feature: f, bin: UInt8(c.bin), missingLeft: false,
                                        gradLeft: sums[c.bin].x, countLeft: sums[c.bin].y)
                    }
                    if hasMissing[f] { missingLeftScan(h, feature: f, G: G, C: C, best: &best) }
                }
                f0 += k
            }
        }}}
        return best.feature >= 0 ? best : nil
    }

    /// Cumulative (gradient, count) sums over bins for up to four features, interleaved for throughput.
    @inline(__always)
    private func prefixSums(_ h: UnsafePointer<SIMD2<Double>>, features: Range<Int>, into p: UnsafeMutablePointer<SIMD2<Double>>) {
        let f = features.lowerBound
        if features.count == 4 {
            var a0 = SIMD2<Double>(), a1 = a0, a2 = a0, a3 = a0
            let h0 = h + f * 256, h1 = h0 + 256, h2 = h1 + 256, h3 = h2 + 256
            for b in 0..<256 {
                a0 += h0[b]; a1 += h1[b]; a2 += h2[b]; a3 += h3[b]
                p[b] = a0; p[256 + b] = a1; p[512 + b] = a2; p[768 + b] = a3
            }
        } else {
            for (j, g) in features.enumerated() {
                var a = SIMD2<Double>()
                for b in 0..<256 { a += h[g * 256 + b]; p[j * 256 + b] = a }
            }
        }
    }

    /// Index of the best candidate among thresholds 0..<count (left = bins 0...b), or nil if none is valid.
    /// Counts are whole numbers, so `1 / (count + l2)` comes from the `inverse` table instead of a division.
    @inline(__always)
    private func bestCandidate(_ sums: UnsafePointer<SIMD2<Double>>, count m: Int, grad G: Double, total C: Double,
                               inverse inv: UnsafePointer<Double>) -> (bin: Int, gain: Double)? {
        let msl = minSamplesLeaf
        // Valid thresholds form one range because the left count only grows with the bin.
        var lo = 0
        while lo < m && sums[lo].y < msl { lo += 1 }
        var hi = m
        while hi > lo && C - sums[hi - 1].y < msl { hi -= 1 }
        if lo >= hi { return nil }
        let total = Int(C)
        var bi = -1
        var bv = 0.0
        for b in lo..<hi {
            let gl = sums[b].x, cl = Int(sums[b].y), gr = G - gl
            let gain = gl * gl * inv[cl] + gr * gr * inv[total - cl]
            if gain > bv { bv = gain; bi = b }
        }
        return bi >= 0 ? (bi, bv - G * G * inv[total]) : nil
    }

    /// The split with its gain recomputed exactly in `Double`.
    private func exact(feature f: Int, bin b: Int, missingLeft: Bool, left: SIMD2<Double>, G: Double, C: Double) -> BinSplit {
        let gl = left.x, cl = left.y, gr = G - gl, cr = C - cl
        let gain = gl * gl / (cl + l2) + gr * gr / (cr + l2) - G * G / (C + l2)
        return BinSplit(gain: gain, feature: f, bin: UInt8(b), missingLeft: missingLeft, gradLeft: gl, countLeft: cl)
    }

    /// Thresholds with the missing bin sent left (only for features that had missing values in training).
    private func missingLeftScan(_ h: UnsafePointer<SIMD2<Double>>, feature f: Int, G: Double, C: Double, best: inout BinSplit) {
        let nb = binCounts[f]
        var right = SIMD2<Double>()
        var b = nb - 1
        while b >= 1 {
            right += h[f * 256 + b]
            b -= 1
            if right.y < minSamplesLeaf { continue }
            let left = SIMD2<Double>(G, C) - right
            if left.y < minSamplesLeaf { break }
            let s = exact(feature: f, bin: b, missingLeft: true, left: left, G: G, C: C)
            if s.gain > best.gain { best = s }
        }
    }
}

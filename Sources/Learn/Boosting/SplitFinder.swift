import Linalg

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
/// Each feature's thresholds are scanned once, accumulating the left (gradient, count) sums and scoring every
/// threshold without divisions or data-dependent skips. Features are scanned four at a time in lockstep
/// (independent dependency chains), grouped by bin count so the four have about as many thresholds; the
/// per-feature bests are then compared in feature order, so the chosen split does not depend on the grouping.
struct SplitFinder: Sendable {
    let binCounts: [Int]
    let hasMissing: [Bool]
    /// Slot of each feature's bin 0 in the histograms searched (`HistogramLayout.offsets`).
    let offsets: [Int]
    let minSamplesLeaf: Double
    let l2: Double
    /// `inverse[c] = 1 / (c + l2)` for every count up to the number of training rows.
    let inverse: [Double]
    /// Features with at least one threshold, most thresholds first (the order they are scanned in, four at a time).
    let scanOrder: [Int]

    init(binCounts: [Int], hasMissing: [Bool], offsets: [Int], minSamplesLeaf: Double, l2: Double, rows: Int) {
        self.binCounts = binCounts
        self.hasMissing = hasMissing
        self.offsets = offsets
        self.minSamplesLeaf = minSamplesLeaf
        self.l2 = l2
        inverse = (0...rows).map { 1 / (Double($0) + l2) }
        scanOrder = binCounts.indices.filter { binCounts[$0] >= 2 }.sorted { binCounts[$0] > binCounts[$1] }
    }

    /// One feature's threshold scan: the running left sums and the best threshold so far.
    struct Scan {
        var sums = SIMD2<Double>()
        /// Best `gl² / (cl + l2) + gr² / (cr + l2)` so far (0 before any valid threshold).
        var score = 0.0
        var bin = -1
    }

    /// The best split over all features, or nil when none is valid with positive gain.
    func best(_ hist: GradientHistogram, grad G: Double, count C: Double) -> BinSplit? {
        let d = binCounts.count
        var best = BinSplit()
        withUnsafeTemporaryAllocation(of: Scan.self, capacity: d) { scans in
        inverse.withUnsafeBufferPointer { ib in
        scanOrder.withUnsafeBufferPointer { order in
        hist.data.withUnsafeBufferPointer { hb in
            guard let h = hb.baseAddress, let inv = ib.baseAddress, let found = scans.baseAddress,
                  let first = order.baseAddress else { return }
            found.initialize(repeating: Scan(), count: d)
            var i = 0
            while i < order.count {
                let k = min(4, order.count - i)
                scanFour(h, features: UnsafeBufferPointer(start: first + i, count: k), G: G, C: C, inverse: inv, into: found)
                i += k
            }
            let parent = G * G * inv[Int(C)]
            for f in 0..<d {
                let s = found[f]
                if s.bin >= 0 && s.score - parent > best.gain {
                    // The left sums again, added in the scan's order (so bit-identical to those scored).
                    var left = SIMD2<Double>()
                    for b in 0...s.bin { left += h[offsets[f] + b] }
                    best = BinSplit(gain: s.score - parent, feature: f, bin: UInt8(s.bin), missingLeft: false,
                                    gradLeft: left.x, countLeft: left.y)
                }
                if hasMissing[f] { missingLeftScan(h, feature: f, G: G, C: C, best: &best) }
            }
            found.deinitialize(count: d)
        }}}}
        return best.feature >= 0 ? best : nil
    }

    /// Scans up to four features' thresholds (left = bins 0...b, for b below each feature's last bin) in lockstep
    /// while all have thresholds left, then each feature's remaining ones; writes each feature's scan to `found[f]`.
    @inline(__always)
    private func scanFour(_ h: UnsafePointer<SIMD2<Double>>, features order: UnsafeBufferPointer<Int>, G: Double, C: Double,
                          inverse inv: UnsafePointer<Double>, into found: UnsafeMutablePointer<Scan>) {
        let n = order.count
        // Lanes past the group's end repeat its last feature with no thresholds.
        let f0 = order[0], f1 = order[min(1, n - 1)], f2 = order[min(2, n - 1)], f3 = order[min(3, n - 1)]
        let m0 = binCounts[f0] - 1, m1 = n > 1 ? binCounts[f1] - 1 : 0
        let m2 = n > 2 ? binCounts[f2] - 1 : 0, m3 = n > 3 ? binCounts[f3] - 1 : 0
        let h0 = h + offsets[f0], h1 = h + offsets[f1], h2 = h + offsets[f2], h3 = h + offsets[f3]
        var s0 = Scan(), s1 = Scan(), s2 = Scan(), s3 = Scan()
        let total = Int(C)
        // Past the last threshold that leaves `minSamplesLeaf` rows on the right no threshold is valid again
        // (the left count only grows): the lanes stop there.
        let lastLeft = C - minSamplesLeaf
        var common = min(m0, m1, m2, m3), b = 0
        while b < common {
            step(&s0, h0[b], bin: b, G: G, C: C, total: total, inverse: inv)
            step(&s1, h1[b], bin: b, G: G, C: C, total: total, inverse: inv)
            step(&s2, h2[b], bin: b, G: G, C: C, total: total, inverse: inv)
            step(&s3, h3[b], bin: b, G: G, C: C, total: total, inverse: inv)
            if min(min(s0.sums.y, s1.sums.y), min(s2.sums.y, s3.sums.y)) > lastLeft { common = b }
            b += 1
        }
        scanRest(&s0, h0, from: b, to: m0, G: G, C: C, total: total, inverse: inv)
        scanRest(&s1, h1, from: b, to: m1, G: G, C: C, total: total, inverse: inv)
        scanRest(&s2, h2, from: b, to: m2, G: G, C: C, total: total, inverse: inv)
        scanRest(&s3, h3, from: b, to: m3, G: G, C: C, total: total, inverse: inv)
        found[f0] = s0
        if n > 1 { found[f1] = s1 }
        if n > 2 { found[f2] = s2 }
        if n > 3 { found[f3] = s3 }
    }

    /// A row count held as a `Double` (a whole number in 0..<2^52) as an `Int`, without the range checks of
    /// `Int(_:)`: adding 2^52 puts the integer in the low mantissa bits.
    @inline(__always)
    static func wholeCount(_ c: Double) -> Int {
        Int(truncatingIfNeeded: (c + 0x1p52).bitPattern & 0x000F_FFFF_FFFF_FFFF)
    }

    /// One feature's thresholds `from..<to` after the lockstep part, stopping where none can be valid any more.
    @inline(__always)
    private func scanRest(_ s: inout Scan, _ h: UnsafePointer<SIMD2<Double>>, from: Int, to end: Int, G: Double, C: Double,
                          total: Int, inverse inv: UnsafePointer<Double>) {
        var b = from
        while b < end && C - s.sums.y >= minSamplesLeaf {
            step(&s, h[b], bin: b, G: G, C: C, total: total, inverse: inv)
            b += 1
        }
    }

    /// Adds bin `b`'s slot to the left sums and keeps threshold `b` when it leaves `minSamplesLeaf` rows on both
    /// sides and scores strictly higher than the best so far. Counts are whole numbers, so `1 / (count + l2)` comes
    /// from the `inverse` table instead of a division. An empty bin repeats the previous threshold's score, which
    /// the strict comparison never keeps.
    @inline(__always)
    private func step(_ s: inout Scan, _ slot: SIMD2<Double>, bin b: Int, G: Double, C: Double, total: Int,
                      inverse inv: UnsafePointer<Double>) {
        s.sums += slot
        guard s.sums.y >= minSamplesLeaf && C - s.sums.y >= minSamplesLeaf else { return }
        let gl = s.sums.x, cl = SplitFinder.wholeCount(s.sums.y), gr = G - gl
        let score = gl * gl * inv[cl] + gr * gr * inv[total - cl]
        if score > s.score { s.score = score; s.bin = b }
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
            right += h[offsets[f] + b]
            b -= 1
            if right.y < minSamplesLeaf { continue }
            let left = SIMD2<Double>(G, C) - right
            if left.y < minSamplesLeaf { break }
            let s = exact(feature: f, bin: b, missingLeft: true, left: left, G: G, C: C)
            if s.gain > best.gain { best = s }
        }
    }
}

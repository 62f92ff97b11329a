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
                        gradients: UnsafePointer<Double>) {
        let n = rows.count
        data.withUnsafeMutableBufferPointer { hist in
            guard let h = hist.baseAddress else { return }
            let blocks = n >= GradientHistogram.parallelThreshold ? 2 : 1
            let per = (d + blocks - 1) / blocks
            let work: (Int) -> Void = { blk in
                let f0 = blk * per, f1 = min(d, f0 + per)
                if f0 >= f1 { return }
                (h + f0 * 512).initialize(repeating: 0, count: (f1 - f0) * 512)
                for k in 0..<n {
                    let r = Int(rows[k])
                    let g = gradients[r]
                    let row = bins + r * d
                    var f = f0
                    while f < f1 {
                        let s = (f &* 256 &+ Int(row[f])) &* 2
                        h[s] += g
                        h[s &+ 1] += 1
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
struct SplitFinder {
    let binCounts: [Int]
    let hasMissing: [Bool]
    let minSamplesLeaf: Double
    let l2: Double

    @inline(__always)
    private func score(_ g: Double, _ c: Double) -> Double { g * g / (c + l2) }

    /// The best split over all features, or nil when none is valid with positive gain.
    func best(_ hist: GradientHistogram, grad G: Double, count C: Double) -> BinSplit? {
        let parent = score(G, C)
        var best = BinSplit()
        hist.data.withUnsafeBufferPointer { h in
            for f in 0..<binCounts.count {
                let base = f * 512
                let nb = binCounts[f]
                // Missing values (if any) to the right.
                var gl = 0.0, cl = 0.0
                if nb >= 2 {
                    for b in 0..<(nb - 1) {
                        gl += h[base + 2 * b]; cl += h[base + 2 * b + 1]
                        if cl < minSamplesLeaf { continue }
                        let cr = C - cl
                        if cr < minSamplesLeaf { break }
                        let gain = score(gl, cl) + score(G - gl, cr) - parent
                        if gain > best.gain {
                            best = BinSplit(gain: gain, feature: f, bin: UInt8(b), missingLeft: false, gradLeft: gl, countLeft: cl)
                        }
                    }
                }
                guard hasMissing[f] else { continue }
                // Missing values to the left: scan from the right.
                var gr = 0.0, cr = 0.0
                var b = nb - 1
                while b >= 1 {
                    gr += h[base + 2 * b]; cr += h[base + 2 * b + 1]
                    b -= 1
                    if cr < minSamplesLeaf { continue }
                    let cl = C - cr
                    if cl < minSamplesLeaf { break }
                    let gain = score(G - gr, cl) + score(gr, cr) - parent
                    if gain > best.gain {
                        best = BinSplit(gain: gain, feature: f, bin: UInt8(b), missingLeft: true, gradLeft: G - gr, countLeft: cl)
                    }
                }
            }
        }
        return best.feature >= 0 ? best : nil
    }
}

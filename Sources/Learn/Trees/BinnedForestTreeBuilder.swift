import Linalg

/// A multi-output tree on binned features (quantile bins from `FeatureBinner`): a row goes left when its bin
/// is `<= threshold`. `values[node * targets + j]` holds target `j`'s leaf value.
public struct BinnedForestTree: Sendable {
    var feature: [Int32] = []
    var threshold: [UInt8] = []
    var left: [Int32] = []
    var right: [Int32] = []
    var values: [Double] = []

    mutating func addLeaf(_ v: ArraySlice<Double>) -> Int {
        feature.append(-1); threshold.append(0); left.append(-1); right.append(-1); values.append(contentsOf: v)
        return feature.count - 1
    }

    /// The leaf reached by a binned row.
    @inline(__always)
    func leaf(_ row: UnsafePointer<UInt8>) -> Int {
        var i = 0
        while feature[i] >= 0 { i = Int(row[Int(feature[i])] <= threshold[i] ? left[i] : right[i]) }
        return i
    }
}

/// Grows one random-forest tree depth-first on binned data with row weights (bootstrap counts).
///
/// At each node `maxFeatures` features are drawn without replacement; for each, per-bin sums of
/// (weight, rows, weight × y_j) are gathered in one pass over the node's rows, and only the bins that
/// occur (tracked in a 256-bit mask) are scanned, so small nodes cost O(rows), not O(bins).
struct BinnedForestTreeBuilder {
    let bins: [UInt8]        // row-major n × d
    let features: Int
    let y: [Double]          // row-major n × t
    let targets: Int
    let maxDepth: Int?
    let minSamplesSplit: Int
    let minSamplesLeaf: Int
    let maxFeatures: Int

    /// Grows one tree on the rows with positive weight (`initial`, in row order), drawing features from `generator`.
    func build(rows initial: [Int32], weights: [Double], generator: inout SeededGenerator) -> BinnedForestTree {
        bins.withUnsafeBufferPointer { b in
            y.withUnsafeBufferPointer { yv in
                weights.withUnsafeBufferPointer { w in
                    guard let bp = b.baseAddress, let yp = yv.baseAddress, let wp = w.baseAddress else {
                        return BinnedForestTree()
                    }
                    var growth = ForestTreeGrowth(spec: self, bins: bp, y: yp, weights: wp, rows: initial)
                    return growth.grow(generator: &generator)
                }
            }
        }
    }
}

/// The memory one tree's growth reuses at every node, allocated once per tree.
private final class ForestNodeBuffers {
    /// SIMD4 vectors per bin slot: (weight, rows, weight × y_j, ...) padded to whole vectors.
    let lanes: Int
    /// Per-bin sums of each chosen feature at `(i × 256 + bin) × lanes`, in Float (halves the memory traffic of
    /// the hot loop); every slot is back to zero once a node has been scanned.
    let hist: UnsafeMutablePointer<SIMD4<Float>>
    /// The bins that occur in the node: 256 bits per chosen feature.
    let masks: UnsafeMutablePointer<UInt64>
    /// One row's lanes.
    let row: UnsafeMutablePointer<SIMD4<Float>>
    /// The running left-side sums while a feature's bins are scanned, in Double.
    let left: UnsafeMutablePointer<SIMD4<Double>>
    /// The features drawn at the node.
    let chosen: UnsafeMutablePointer<Int>
    /// The tree's rows, each node a contiguous range of them; `spill` holds a partition's right side.
    let rows: UnsafeMutablePointer<Int32>
    let spill: UnsafeMutablePointer<Int32>

    init(maxFeatures: Int, lanes: Int, rows initial: [Int32]) {
        self.lanes = lanes
        hist = allocated(maxFeatures * 256 * lanes, .zero)
        masks = allocated(maxFeatures * 4, 0)
        row = allocated(lanes, .zero)
        left = allocated(lanes, .zero)
        chosen = allocated(maxFeatures, 0)
        rows = .allocate(capacity: initial.count)
        rows.initialize(from: initial, count: initial.count)
        spill = allocated(initial.count, 0)
    }

    deinit {
        hist.deallocate(); masks.deallocate(); row.deallocate(); left.deallocate()
        chosen.deallocate(); rows.deallocate(); spill.deallocate()
    }
}

/// `count` copies of `value` in fresh memory.
private func allocated<T>(_ count: Int, _ value: T) -> UnsafeMutablePointer<T> {
    let p = UnsafeMutablePointer<T>.allocate(capacity: count)
    p.initialize(repeating: value, count: count)
    return p
}

/// One tree's growth, depth-first from a stack of nodes: for each node, test whether it may split, draw
/// `maxFeatures` features, fill their per-bin sums in one pass over the node's rows, scan the bins that occur
/// for the best threshold, and partition the rows.
private struct ForestTreeGrowth {
    /// A node waiting to be split: its rows `start..<end` and their sums (see `nodeSums`).
    struct Node {
        let node: Int, start: Int, end: Int, depth: Int
        let sums: [Double]
    }

    let spec: BinnedForestTreeBuilder
    let bins: UnsafePointer<UInt8>, y: UnsafePointer<Double>, weights: UnsafePointer<Double>
    let buffers: ForestNodeBuffers
    let rowCount: Int
    var order: [Int]
    var tree = BinnedForestTree()

    init(spec: BinnedForestTreeBuilder, bins: UnsafePointer<UInt8>, y: UnsafePointer<Double>,
         weights: UnsafePointer<Double>, rows: [Int32]) {
        self.spec = spec
        self.bins = bins; self.y = y; self.weights = weights
        buffers = ForestNodeBuffers(maxFeatures: spec.maxFeatures, lanes: (2 + spec.targets + 3) / 4, rows: rows)
        rowCount = rows.count
        order = Array(0..<spec.features)
    }

    /// Lanes of a row's sums before the squares: weight, count, weight × y_j.
    var stride: Int { 2 + spec.targets }

    mutating func grow(generator: inout SeededGenerator) -> BinnedForestTree {
        let rootSums = nodeSums(0, rowCount)
        var stack = [Node(node: tree.addLeaf(leafValues(rootSums)), start: 0, end: rowCount, depth: 0, sums: rootSums)]
        while let job = stack.popLast() {
            guard canSplit(job) else { continue }
            drawFeatures(&generator)
            fillHistograms(job)
            guard let split = bestThreshold(job) else { continue }
            let mid = partition(job, feature: split.feature, threshold: split.bin)
            let ls = nodeSums(job.start, mid), rs = nodeSums(mid, job.end)
            let ln = tree.addLeaf(leafValues(ls)), rn = tree.addLeaf(leafValues(rs))
            tree.feature[job.node] = Int32(split.feature); tree.threshold[job.node] = split.bin
            tree.left[job.node] = Int32(ln); tree.right[job.node] = Int32(rn)
            stack.append(Node(node: rn, start: mid, end: job.end, depth: job.depth + 1, sums: rs))
            stack.append(Node(node: ln, start: job.start, end: mid, depth: job.depth + 1, sums: ls))
        }
        return tree
    }

    /// (weight, count, Σ w y_j, Σ w y_j²) over the rows `s..<e`.
    func nodeSums(_ s: Int, _ e: Int) -> [Double] {
        let t = spec.targets, stride = self.stride
        var sums = [Double](repeating: 0, count: stride + t)
        for k in s..<e {
            let r = Int(buffers.rows[k]), w = weights[r]
            sums[0] += w; sums[1] += 1
            for j in 0..<t { let v = y[r * t + j]; sums[2 + j] += w * v; sums[stride + j] += w * v * v }
        }
        return sums
    }

    func leafValues(_ sums: [Double]) -> ArraySlice<Double> { sums[2..<stride].map { $0 / sums[0] }[...] }

    /// Whether the node is large enough, shallow enough and not already pure.
    func canSplit(_ job: Node) -> Bool {
        let m = job.end - job.start, W = job.sums[0], t = spec.targets
        if m < spec.minSamplesSplit || m < 2 * spec.minSamplesLeaf { return false }
        if let md = spec.maxDepth, job.depth >= md { return false }
        var impurity = 0.0
        for j in 0..<t { let mu = job.sums[2 + j] / W; impurity += job.sums[stride + j] / W - mu * mu }
        return !(impurity / Double(t) <= 1e-12)
    }

    /// Draws `maxFeatures` features without replacement (a partial Fisher–Yates shuffle of `order`).
    mutating func drawFeatures(_ generator: inout SeededGenerator) {
        let d = spec.features
        for i in 0..<spec.maxFeatures {
            let j = i + generator.nextInt(below: d - i)
            order.swapAt(i, j)
            buffers.chosen[i] = order[i]
        }
    }

    /// One pass over the node's rows fills every chosen feature's per-bin sums and marks the bins that occur.
    func fillHistograms(_ job: Node) {
        let h = buffers.hist, mask = buffers.masks, v = buffers.row, q = buffers.lanes
        let chosen = buffers.chosen, nodeRows = buffers.rows
        let d = spec.features, t = spec.targets, maxFeatures = spec.maxFeatures
        mask.initialize(repeating: 0, count: maxFeatures * 4)
        for k in job.start..<job.end {
            let r = Int(nodeRows[k]), w = weights[r], row = bins + r * d, yr = y + r * t
            // Lane i is v[i / 4][i % 4] (typed access: the vectors are never read through a Float pointer).
            v[0][0] = Float(w); v[0][1] = 1
            for j in 0..<t { v[(2 + j) >> 2][(2 + j) & 3] = Float(w * yr[j]) }
            for i in 0..<maxFeatures {
                let b = Int(row[chosen[i]])
                mask[i * 4 + b >> 6] |= 1 &<< UInt64(b & 63)
                let slot = h + (i * 256 + b) * q
                if q == 1 { slot[0] += v[0] } else { for c in 0..<q { slot[c] += v[c] } }
            }
        }
    }

    /// The best (feature, threshold) over the filled histograms, scanning only the bins that occur ("left =
    /// bins <= threshold", both sides with at least `minSamplesLeaf` rows); clears the histograms as it goes.
    func bestThreshold(_ job: Node) -> (feature: Int, bin: UInt8)? {
        let h = buffers.hist, mask = buffers.masks, left = buffers.left, q = buffers.lanes
        let m = job.end - job.start, W = job.sums[0], t = spec.targets
        let msl = Double(spec.minSamplesLeaf)
        var bestScore = -Double.infinity, bestFeature = -1, bestBin = 0
        for i in 0..<spec.maxFeatures {
            for c in 0..<q { left[c] = .zero }
            var lastBin = -1
            for word in 0..<4 {
                var bits = mask[i * 4 + word]
                while bits != 0 {
                    let b = word * 64 + bits.trailingZeroBitCount
                    bits &= bits - 1
                    let slot = h + (i * 256 + b) * q
                    // Candidate "left = bins <= lastBin", before bin b joins the left side.
                    let cl = left[0][1], cr = Double(m) - cl
                    if lastBin >= 0 && cl >= msl && cr >= msl {
                        let wl = left[0][0], wr = W - wl
                        var score = 0.0
                        for j in 0..<t {
                            let sl = left[(2 + j) >> 2][(2 + j) & 3], sr = job.sums[2 + j] - sl
                            score += sl * sl / wl + sr * sr / wr
                        }
                        if score > bestScore { bestScore = score; bestFeature = buffers.chosen[i]; bestBin = lastBin }
                    }
                    for c in 0..<q { left[c] += SIMD4<Double>(slot[c]); slot[c] = .zero }
                    lastBin = b
                }
            }
        }
        return bestFeature >= 0 ? (bestFeature, UInt8(bestBin)) : nil
    }

    /// Stable partition of the node's rows: those whose bin of `feature` is `<= threshold` first. Returns the
    /// index where the right side starts.
    func partition(_ job: Node, feature f: Int, threshold thr: UInt8) -> Int {
        let rows = buffers.rows, spill = buffers.spill, d = spec.features
        var mid = job.start, nr = 0
        for k in job.start..<job.end {
            let row = rows[k]
            if bins[Int(row) * d + f] <= thr { rows[mid] = row; mid += 1 } else { spill[nr] = row; nr += 1 }
        }
        for k in 0..<nr { rows[mid + k] = spill[k] }
        return mid
    }
}

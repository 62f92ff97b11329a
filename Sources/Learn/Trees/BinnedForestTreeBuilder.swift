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

    func build(rows initial: [Int32], weights: [Double], generator: inout SeededGenerator) -> BinnedForestTree {
        let t = targets, d = features, stride = 2 + t
        // Per-bin sums (weight, rows, weight * y_j...) in Float (halves the memory traffic of the hot loop),
        // padded to `q` SIMD4 vectors; candidates are scored on Double running sums.
        let q = (stride + 3) / 4
        var tree = BinnedForestTree()
        var rows = initial
        var spill = [Int32](repeating: 0, count: initial.count)
        var hist = [SIMD4<Float>](repeating: .zero, count: maxFeatures * 256 * q)
        var masks = [UInt64](repeating: 0, count: maxFeatures * 4)
        var scratch = [SIMD4<Float>](repeating: .zero, count: q)
        var leftScratch = [SIMD4<Double>](repeating: .zero, count: q)
        var chosen = [Int](repeating: 0, count: maxFeatures)
        var order = Array(0..<d)

        func nodeSums(_ s: Int, _ e: Int) -> [Double] {
            var sums = [Double](repeating: 0, count: stride + t) // w, count, sum wy_j, sum wy_j^2
            for k in s..<e {
                let r = Int(rows[k]), w = weights[r]
                sums[0] += w; sums[1] += 1
                for j in 0..<t { let v = y[r * t + j]; sums[2 + j] += w * v; sums[stride + j] += w * v * v }
            }
            return sums
        }
        func leafValues(_ sums: [Double]) -> ArraySlice<Double> { sums[2..<stride].map { $0 / sums[0] }[...] }

        let rootSums = nodeSums(0, rows.count)
        var stack = [(node: tree.addLeaf(leafValues(rootSums)), start: 0, end: rows.count, depth: 0, sums: rootSums)]
        while let job = stack.popLast() {
            let m = job.end - job.start, W = job.sums[0]
            if m < minSamplesSplit || m < 2 * minSamplesLeaf { continue }
            if let md = maxDepth, job.depth >= md { continue }
            var impurity = 0.0
            for j in 0..<t { let mu = job.sums[2 + j] / W; impurity += job.sums[stride + j] / W - mu * mu }
            if impurity / Double(t) <= 1e-12 { continue }

            for i in 0..<maxFeatures {
                let j = i + generator.nextInt(below: d - i)
                order.swapAt(i, j)
                chosen[i] = order[i]
            }
            var bestScore = -Double.infinity, bestFeature = -1, bestBin = 0
            hist.withUnsafeMutableBufferPointer { hb in
            masks.withUnsafeMutableBufferPointer { mb in
            bins.withUnsafeBufferPointer { bb in
            y.withUnsafeBufferPointer { yb in
            weights.withUnsafeBufferPointer { wb in
            scratch.withUnsafeMutableBufferPointer { sb in
            chosen.withUnsafeBufferPointer { cb in
            rows.withUnsafeBufferPointer { rb in
            leftScratch.withUnsafeMutableBufferPointer { lb in
                guard let h = hb.baseAddress, let bp = bb.baseAddress, let yp = yb.baseAddress,
                      let mask = mb.baseAddress, let v = sb.baseAddress,
                      let left = lb.baseAddress, let chosenFeatures = cb.baseAddress, let nodeRows = rb.baseAddress else { return }
                let lanes = UnsafeMutableRawPointer(v).assumingMemoryBound(to: Float.self)
                mask.initialize(repeating: 0, count: maxFeatures * 4)
                // One pass over the node's rows fills every chosen feature's per-bin sums.
                for k in job.start..<job.end {
                    let r = Int(nodeRows[k]), w = wb[r], row = bp + r * d, yr = yp + r * t
                    lanes[0] = Float(w); lanes[1] = 1
                    for j in 0..<t { lanes[2 + j] = Float(w * yr[j]) }
                    for i in 0..<maxFeatures {
                        let b = Int(row[chosenFeatures[i]])
                        mask[i * 4 + b >> 6] |= 1 &<< UInt64(b & 63)
                        let slot = h + (i * 256 + b) * q
                        if q == 1 { slot[0] += v[0] } else { for c in 0..<q { slot[c] += v[c] } }
                    }
                }
                let leftLanes = UnsafeMutableRawPointer(left).assumingMemoryBound(to: Double.self)
                let msl = Double(minSamplesLeaf)
                for i in 0..<maxFeatures {
                    for c in 0..<q { left[c] = .zero }
                    var lastBin = -1
                    for word in 0..<4 {
                        var bits = mask[i * 4 + word]
                        while bits != 0 {
                            let b = word * 64 + bits.trailingZeroBitCount
                            bits &= bits - 1
                            let slot = h + (i * 256 + b) * q
                            // Candidate "left = bins <= lastBin", before bin b joins the left side.
                            let cl = leftLanes[1], cr = Double(m) - cl
                            if lastBin >= 0 && cl >= msl && cr >= msl {
                                let wl = leftLanes[0], wr = W - wl
                                var score = 0.0
                                for j in 0..<t {
                                    let sl = leftLanes[2 + j], sr = job.sums[2 + j] - sl
                                    score += sl * sl / wl + sr * sr / wr
                                }
                                if score > bestScore { bestScore = score; bestFeature = chosen[i]; bestBin = lastBin }
                            }
                            for c in 0..<q { left[c] += SIMD4<Double>(slot[c]); slot[c] = .zero }
                            lastBin = b
                        }
                    }
                }
            }}}}}}}}}
            guard bestFeature >= 0 else { continue }
            // Stable partition of the node's rows.
            let f = bestFeature, thr = UInt8(bestBin)
            var mid = job.start
            rows.withUnsafeMutableBufferPointer { rb in
                spill.withUnsafeMutableBufferPointer { sb in
                    bins.withUnsafeBufferPointer { bb in
                        var nr = 0
                        for k in job.start..<job.end {
                            let row = rb[k]
                            if bb[Int(row) * d + f] <= thr { rb[mid] = row; mid += 1 } else { sb[nr] = row; nr += 1 }
                        }
                        for k in 0..<nr { rb[mid + k] = sb[k] }
                    }
                }
            }
            let ls = nodeSums(job.start, mid), rs = nodeSums(mid, job.end)
            let ln = tree.addLeaf(leafValues(ls)), rn = tree.addLeaf(leafValues(rs))
            tree.feature[job.node] = Int32(f); tree.threshold[job.node] = thr
            tree.left[job.node] = Int32(ln); tree.right[job.node] = Int32(rn)
            stack.append((rn, mid, job.end, job.depth + 1, rs))
            stack.append((ln, job.start, mid, job.depth + 1, ls))
        }
        return tree
    }
}

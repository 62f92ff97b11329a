import Linalg

/// The vectors a forest histogram sums rows in: `SIMD4<Float>` for Float sums, `SIMD4<Double>` for exact sums
/// (see `ForestHistogramSums`).
protocol ForestHistogramLane: SIMD where Scalar: BinaryFloatingPoint {
    /// The lanes in Double.
    var widened: SIMD4<Double> { get }
}

extension SIMD4: ForestHistogramLane where Scalar: BinaryFloatingPoint {
    var widened: SIMD4<Double> { SIMD4<Double>(self) }
}

/// The training data one tree's growth reads.
struct ForestGrowthData {
    let bins: UnsafePointer<UInt8>, y: UnsafePointer<Double>, histogramY: UnsafePointer<Double>, weights: UnsafePointer<Double>
}

/// One tree's growth, depth-first from a stack of nodes: for each node, test whether it may split, draw
/// `maxFeatures` features, fill their per-bin sums in one pass over the node's rows, scan the bins that occur
/// for the best threshold, and partition the rows.
struct ForestTreeGrowth<Lane: ForestHistogramLane> {
    /// A node waiting to be split: its rows `start..<end` and their sums (see `nodeSums`).
    struct Node {
        let node: Int, start: Int, end: Int, depth: Int
        let sums: [Double]
    }

    let spec: BinnedForestTreeBuilder
    let data: ForestGrowthData
    /// Columns read from their entries (exact sums only).
    let sparse: ForestSparseColumns?
    let buffers: ForestNodeBuffers<Lane>
    let rowCount: Int
    var order: [Int]
    var tree = BinnedForestTree()

    init(spec: BinnedForestTreeBuilder, data: ForestGrowthData, sparse: ForestSparseColumns?, rows: [Int32]) {
        self.spec = spec
        self.data = data
        self.sparse = sparse
        buffers = ForestNodeBuffers(maxFeatures: spec.maxFeatures, features: spec.features,
                                    lanes: (2 + spec.targets + 3) / 4, targets: spec.targets, rows: rows)
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
            if Lane.Scalar.self == Float.self { fillHistograms(job) } else { fillExactHistograms(job) }
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
        let t = spec.targets, stride = self.stride, y = data.y
        var sums = [Double](repeating: 0, count: stride + t)
        for k in s..<e {
            let r = Int(buffers.rows[k]), w = data.weights[r]
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

    /// Draws `maxFeatures` features without replacement (a partial Fisher–Yates shuffle of `order`), and
    /// sorts them into those read row by row and those read from their entries.
    mutating func drawFeatures(_ generator: inout SeededGenerator) {
        let d = spec.features
        buffers.denseCount = 0; buffers.sparseCount = 0
        for i in 0..<spec.maxFeatures {
            let j = i + generator.nextInt(below: d - i)
            order.swapAt(i, j)
            let f = order[i]
            buffers.chosen[i] = f
            buffers.offsets[i] = i == 0 ? 0 : buffers.offsets[i - 1] + spec.binCounts[buffers.chosen[i - 1]]
            if let sparse, sparse.isSparse[f] {
                buffers.chosenSlot[f] = Int32(i); buffers.sparseChosen[buffers.sparseCount] = i; buffers.sparseCount += 1
            } else {
                buffers.denseChosen[buffers.denseCount] = i; buffers.denseCount += 1
                buffers.densePosition[i] = sparse?.densePosition[f] ?? f
            }
        }
    }

    /// A row's lanes: (weight, 1, weight × y_j) in `Lane`'s scalar.
    @inline(__always)
    func loadRow(_ r: Int, into v: UnsafeMutablePointer<Lane>) {
        let w = data.weights[r], t = spec.targets, yr = data.histogramY + r * t
        // Lane i is v[i / 4][i % 4] (typed access: the vectors are never read through a scalar pointer).
        v[0][0] = Lane.Scalar(w); v[0][1] = 1
        for j in 0..<t { v[(2 + j) >> 2][(2 + j) & 3] = Lane.Scalar(w * yr[j]) }
    }

    /// Adds `v` to bin `b` of chosen feature `i` and marks the bin.
    @inline(__always)
    func add(_ v: UnsafeMutablePointer<Lane>, feature i: Int, bin b: Int) {
        let q = buffers.lanes
        buffers.masks[i * 4 + b >> 6] |= 1 &<< UInt64(b & 63)
        let slot = buffers.hist + (buffers.offsets[i] + b) * q
        if q == 1 { slot[0] += v[0] } else { for c in 0..<q { slot[c] += v[c] } }
    }

    /// Float sums: one pass over the node's rows, in row order, fills every chosen feature's per-bin sums.
    func fillHistograms(_ job: Node) {
        let v = buffers.row, chosen = buffers.chosen, nodeRows = buffers.rows
        let d = spec.features, maxFeatures = spec.maxFeatures
        buffers.masks.initialize(repeating: 0, count: maxFeatures * 4)
        for k in job.start..<job.end {
            let r = Int(nodeRows[k]), row = data.bins + r * d
            loadRow(r, into: v)
            for i in 0..<maxFeatures { add(v, feature: i, bin: Int(row[chosen[i]])) }
        }
        for c in 0..<spec.targets { buffers.scoreTotals[c] = job.sums[2 + c] }
    }

    /// Exact sums: one pass over the node's rows adds each row to its dense features' bins, to its sparse
    /// entries' bins and to the node total; then each sparse feature's frequent bin is the total minus its other
    /// bins, exactly what summing it would give (the sums are exact).
    func fillExactHistograms(_ job: Node) {
        let v = buffers.row, total = buffers.total, nodeRows = buffers.rows, q = buffers.lanes
        let d = spec.features, denseChosen = buffers.denseChosen, denseCount = buffers.denseCount
        let chosenSlot = buffers.chosenSlot
        let hasEntries = sparse != nil, starts = sparse?.starts ?? [], entries = sparse?.entries ?? []
        // Dense bins from the sparse columns' compact copy when there is one, else from the whole rows.
        let denseBins = sparse?.denseBins ?? [], width = sparse?.denseWidth ?? d
        let position = buffers.densePosition
        buffers.masks.initialize(repeating: 0, count: spec.maxFeatures * 4)
        total.initialize(repeating: .zero, count: q)
        denseBins.withUnsafeBufferPointer { compact in
        let base = hasEntries ? compact.baseAddress ?? data.bins : data.bins
        for k in job.start..<job.end {
            let r = Int(nodeRows[k]), row = base + r * width
            loadRow(r, into: v)
            for c in 0..<q { total[c] += v[c] }
            for a in 0..<denseCount { let i = denseChosen[a]; add(v, feature: i, bin: Int(row[position[i]])) }
            guard hasEntries else { continue }
            for e in Int(starts[r])..<Int(starts[r + 1]) {
                let entry = entries[e], i = Int(chosenSlot[Int(entry >> 8)])
                if i >= 0 { add(v, feature: i, bin: Int(entry & 255)) }
            }
        }
        }
        if let sparse { fillFrequentBins(sparse) }
        for c in 0..<spec.targets { buffers.scoreTotals[c] = Double(total[(2 + c) >> 2][(2 + c) & 3]) }
    }

    /// Each chosen sparse feature's frequent bin: the node total minus the feature's other bins.
    func fillFrequentBins(_ sparse: ForestSparseColumns) {
        let q = buffers.lanes, rest = buffers.row, total = buffers.total
        for a in 0..<buffers.sparseCount {
            let i = buffers.sparseChosen[a], f = buffers.chosen[i]
            buffers.chosenSlot[f] = -1
            for c in 0..<q { rest[c] = total[c] }
            for word in 0..<4 {
                var bits = buffers.masks[i * 4 + word]
                while bits != 0 {
                    let slot = buffers.hist + (buffers.offsets[i] + word * 64 + bits.trailingZeroBitCount) * q
                    bits &= bits - 1
                    for c in 0..<q { rest[c] -= slot[c] }
                }
            }
            if rest[0][1] > 0 {
                let b = Int(sparse.frequentBin[f])
                let slot = buffers.hist + (buffers.offsets[i] + b) * q
                for c in 0..<q { slot[c] = rest[c] }
                buffers.masks[i * 4 + b >> 6] |= 1 &<< UInt64(b & 63)
            }
        }
    }

    /// The best (feature, threshold) over the filled histograms, scanning only the bins that occur ("left =
    /// bins <= threshold", both sides with at least `minSamplesLeaf` rows); clears the histograms as it goes.
    func bestThreshold(_ job: Node) -> (feature: Int, bin: UInt8)? {
        let h = buffers.hist, mask = buffers.masks, left = buffers.left, totals = buffers.scoreTotals, q = buffers.lanes
        let offsets = buffers.offsets
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
                    let slot = h + (offsets[i] + b) * q
                    // Candidate "left = bins <= lastBin", before bin b joins the left side.
                    let cl = left[0][1], cr = Double(m) - cl
                    if lastBin >= 0 && cl >= msl && cr >= msl {
                        let wl = left[0][0], wr = W - wl
                        var score = 0.0
                        for j in 0..<t {
                            let sl = left[(2 + j) >> 2][(2 + j) & 3], sr = totals[j] - sl
                            score += sl * sl / wl + sr * sr / wr
                        }
                        if score > bestScore { bestScore = score; bestFeature = buffers.chosen[i]; bestBin = lastBin }
                    }
                    for c in 0..<q { left[c] += slot[c].widened; slot[c] = .zero }
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
            if data.bins[Int(row) * d + f] <= thr { rows[mid] = row; mid += 1 } else { spill[nr] = row; nr += 1 }
        }
        for k in 0..<nr { rows[mid + k] = spill[k] }
        return mid
    }
}

/// The memory one tree's growth reuses at every node, allocated once per tree.
final class ForestNodeBuffers<Lane: ForestHistogramLane> {
    /// Vectors per bin slot: (weight, rows, weight × y_j, ...) padded to whole vectors.
    let lanes: Int
    /// Per-bin sums of each chosen feature at `(offsets[i] + bin) × lanes`, a feature taking only the bins it
    /// has (two for an indicator column), so the node's histograms stay small in cache; every slot is back to
    /// zero once a node has been scanned.
    let hist: UnsafeMutablePointer<Lane>
    let offsets: UnsafeMutablePointer<Int>
    /// The bins that occur in the node: 256 bits per chosen feature.
    let masks: UnsafeMutablePointer<UInt64>
    /// One row's lanes, and the node's total (exact sums).
    let row: UnsafeMutablePointer<Lane>
    let total: UnsafeMutablePointer<Lane>
    /// The running left-side sums while a feature's bins are scanned, in Double.
    let left: UnsafeMutablePointer<SIMD4<Double>>
    /// The node's Σ w y_j the split scores subtract left sums from (as summed for the histograms).
    let scoreTotals: UnsafeMutablePointer<Double>
    /// The features drawn at the node; the positions among them of the dense and of the sparse ones.
    let chosen: UnsafeMutablePointer<Int>
    let denseChosen: UnsafeMutablePointer<Int>
    /// Where a drawn dense feature's bin sits in a row of the dense bins the fill reads.
    let densePosition: UnsafeMutablePointer<Int>
    let sparseChosen: UnsafeMutablePointer<Int>
    var denseCount = 0, sparseCount = 0
    /// Per feature, its position among the drawn features when it is drawn and sparse, else −1.
    let chosenSlot: UnsafeMutablePointer<Int32>
    /// The tree's rows, each node a contiguous range of them; `spill` holds a partition's right side.
    let rows: UnsafeMutablePointer<Int32>
    let spill: UnsafeMutablePointer<Int32>

    init(maxFeatures: Int, features: Int, lanes: Int, targets: Int, rows initial: [Int32]) {
        self.lanes = lanes
        hist = allocated(maxFeatures * 256 * lanes, .zero)
        offsets = allocated(maxFeatures, 0)
        masks = allocated(maxFeatures * 4, 0)
        row = allocated(lanes, .zero)
        total = allocated(lanes, .zero)
        left = allocated(lanes, .zero)
        scoreTotals = allocated(targets, 0)
        chosen = allocated(maxFeatures, 0)
        denseChosen = allocated(maxFeatures, 0)
        densePosition = allocated(maxFeatures, 0)
        sparseChosen = allocated(maxFeatures, 0)
        chosenSlot = allocated(features, -1)
        rows = .allocate(capacity: initial.count)
        rows.initialize(from: initial, count: initial.count)
        spill = allocated(initial.count, 0)
    }

    deinit {
        hist.deallocate(); offsets.deallocate(); masks.deallocate(); row.deallocate(); total.deallocate(); left.deallocate()
        scoreTotals.deallocate()
        chosen.deallocate(); denseChosen.deallocate(); densePosition.deallocate(); sparseChosen.deallocate(); chosenSlot.deallocate()
        rows.deallocate(); spill.deallocate()
    }
}

/// `count` copies of `value` in fresh memory.
private func allocated<T>(_ count: Int, _ value: T) -> UnsafeMutablePointer<T> {
    let p = UnsafeMutablePointer<T>.allocate(capacity: count)
    p.initialize(repeating: value, count: count)
    return p
}

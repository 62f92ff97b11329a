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
///
/// What the growth reads of a row (its bins, its histogram lanes, its weight and targets) is copied once per
/// tree into position order (`ForestNodeBuffers`) and moved with the row when a node is partitioned, so every
/// pass over a node reads memory in sequence. Reading rows through their indices instead costs a cache miss
/// per row and array once the matrix outgrows the cache (a forest at a million rows spent most of its time
/// waiting on them); the sums are added in the same order either way, so the trees are the same.
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
        // The exact sums with sparse columns read dense bins from the sparse columns' compact copy.
        let buffers = ForestNodeBuffers<Lane>(maxFeatures: spec.maxFeatures, features: spec.features,
                                              binWidth: sparse?.denseWidth ?? spec.features,
                                              lanes: (2 + spec.targets + 3) / 4, targets: spec.targets, rows: rows.count)
        if let sparse {
            sparse.denseBins.withUnsafeBufferPointer { compact in
                buffers.load(rows: rows, bins: compact.baseAddress ?? data.bins, data: data)
            }
        } else {
            buffers.load(rows: rows, bins: data.bins, data: data)
        }
        self.buffers = buffers
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
            let (mid, ls, rs) = partition(job, feature: split.feature, threshold: split.bin)
            let ln = tree.addLeaf(leafValues(ls)), rn = tree.addLeaf(leafValues(rs))
            tree.feature[job.node] = Int32(split.feature); tree.threshold[job.node] = split.bin
            tree.left[job.node] = Int32(ln); tree.right[job.node] = Int32(rn)
            stack.append(Node(node: rn, start: mid, end: job.end, depth: job.depth + 1, sums: rs))
            stack.append(Node(node: ln, start: job.start, end: mid, depth: job.depth + 1, sums: ls))
        }
        return tree
    }

    /// (weight, count, Σ w y_j, Σ w y_j²) over the positions `s..<e`.
    func nodeSums(_ s: Int, _ e: Int) -> [Double] {
        var sums = [Double](repeating: 0, count: stride + spec.targets)
        for k in s..<e { addToSums(&sums, position: k) }
        return sums
    }

    /// Adds the row at position `k` to node sums (see `nodeSums`).
    @inline(__always)
    func addToSums(_ sums: inout [Double], position k: Int) {
        let t = spec.targets, stride = self.stride, p = buffers.rowTargets + k * (1 + t), w = p[0]
        sums[0] += w; sums[1] += 1
        for j in 0..<t { let v = p[1 + j]; sums[2 + j] += w * v; sums[stride + j] += w * v * v }
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

    /// Adds `v` to bin `b` of chosen feature `i` and marks the bin.
    @inline(__always)
    func add(_ v: UnsafePointer<Lane>, feature i: Int, bin b: Int) {
        let q = buffers.lanes
        buffers.masks[i * 4 + b >> 6] |= 1 &<< UInt64(b & 63)
        let slot = buffers.hist + (buffers.offsets[i] + b) * q
        if q == 1 { slot[0] += v[0] } else { for c in 0..<q { slot[c] += v[c] } }
    }

    /// Float sums: one pass over the node's rows, in row order, fills every chosen feature's per-bin sums.
    func fillHistograms(_ job: Node) {
        let chosen = buffers.chosen, bins = buffers.rowBins, lanes = buffers.rowLanes
        let width = buffers.binWidth, q = buffers.lanes, maxFeatures = spec.maxFeatures
        buffers.masks.initialize(repeating: 0, count: maxFeatures * 4)
        for k in job.start..<job.end {
            let row = bins + k * width, v = UnsafePointer(lanes + k * q)
            for i in 0..<maxFeatures { add(v, feature: i, bin: Int(row[chosen[i]])) }
        }
        for c in 0..<spec.targets { buffers.scoreTotals[c] = job.sums[2 + c] }
    }

    /// Exact sums: one pass over the node's rows adds each row to its dense features' bins, to its sparse
    /// entries' bins and to the node total; then each sparse feature's frequent bin is the total minus its other
    /// bins, exactly what summing it would give (the sums are exact).
    func fillExactHistograms(_ job: Node) {
        let total = buffers.total, nodeRows = buffers.rows, q = buffers.lanes
        let bins = buffers.rowBins, lanes = buffers.rowLanes, width = buffers.binWidth
        let denseChosen = buffers.denseChosen, denseCount = buffers.denseCount
        let chosenSlot = buffers.chosenSlot
        let hasEntries = sparse != nil, starts = sparse?.starts ?? [], entries = sparse?.entries ?? []
        let position = buffers.densePosition
        buffers.masks.initialize(repeating: 0, count: spec.maxFeatures * 4)
        total.initialize(repeating: .zero, count: q)
        for k in job.start..<job.end {
            let row = bins + k * width, v = UnsafePointer(lanes + k * q)
            for c in 0..<q { total[c] += v[c] }
            for a in 0..<denseCount { let i = denseChosen[a]; add(v, feature: i, bin: Int(row[position[i]])) }
            guard hasEntries else { continue }
            let r = Int(nodeRows[k])
            for e in Int(starts[r])..<Int(starts[r + 1]) {
                let entry = entries[e], i = Int(chosenSlot[Int(entry >> 8)])
                if i >= 0 { add(v, feature: i, bin: Int(entry & 255)) }
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

    /// Stable partition of the node's positions: rows whose bin of `feature` is `<= threshold` first, each row's
    /// copies moving with it. Returns where the right side starts and both sides' `nodeSums`, added in the order
    /// a pass over each side would add them.
    func partition(_ job: Node, feature f: Int, threshold thr: UInt8) -> (mid: Int, left: [Double], right: [Double]) {
        let b = buffers, width = b.binWidth, d = spec.features
        // Where `f` sits in the copied bins; a sparse column is read from the whole matrix by row.
        let column: Int? = sparse.map { $0.isSparse[f] ? nil : $0.densePosition[f] } ?? f
        var left = [Double](repeating: 0, count: stride + spec.targets), right = left
        var mid = job.start, nr = 0
        for k in job.start..<job.end {
            let bin = column.map { b.rowBins[k * width + $0] } ?? data.bins[Int(b.rows[k]) * d + f]
            if bin <= thr {
                addToSums(&left, position: k)
                if mid != k { b.move(from: k, to: mid) }
                mid += 1
            } else {
                addToSums(&right, position: k)
                b.spill(from: k, to: nr)
                nr += 1
            }
        }
        b.unspill(count: nr, to: mid)
        return (mid, left, right)
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
    /// Scratch lanes (a sparse feature's frequent bin), and the node's total (exact sums).
    let row: UnsafeMutablePointer<Lane>
    let total: UnsafeMutablePointer<Lane>
    /// The running left-side sums while a feature's bins are scanned, in Double.
    let left: UnsafeMutablePointer<SIMD4<Double>>
    /// The node's Σ w y_j the split scores subtract left sums from (as summed for the histograms).
    let scoreTotals: UnsafeMutablePointer<Double>
    /// The features drawn at the node; the positions among them of the dense and of the sparse ones.
    let chosen: UnsafeMutablePointer<Int>
    let denseChosen: UnsafeMutablePointer<Int>
    /// Where a drawn dense feature's bin sits in a row of the copied bins.
    let densePosition: UnsafeMutablePointer<Int>
    let sparseChosen: UnsafeMutablePointer<Int>
    var denseCount = 0, sparseCount = 0
    /// Per feature, its position among the drawn features when it is drawn and sparse, else −1.
    let chosenSlot: UnsafeMutablePointer<Int32>

    /// The tree's rows in position order, each node a contiguous range of positions, and each position's copy
    /// of its row: `binWidth` bins, `lanes` vectors (weight, 1, weight × y_j in `Lane`'s scalar: what the
    /// histograms add) and `1 + targets` Doubles (weight, y_j: what `nodeSums` adds).
    let binWidth: Int
    let targets: Int
    let rows: UnsafeMutablePointer<Int32>
    let rowBins: UnsafeMutablePointer<UInt8>
    let rowLanes: UnsafeMutablePointer<Lane>
    let rowTargets: UnsafeMutablePointer<Double>
    /// A partition's right side, in the same layout, until it is moved back behind the left side.
    let spillRows: UnsafeMutablePointer<Int32>
    let spillBins: UnsafeMutablePointer<UInt8>
    let spillLanes: UnsafeMutablePointer<Lane>
    let spillTargets: UnsafeMutablePointer<Double>

    init(maxFeatures: Int, features: Int, binWidth: Int, lanes: Int, targets: Int, rows count: Int) {
        self.lanes = lanes
        self.binWidth = binWidth
        self.targets = targets
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
        rows = allocated(count, 0)
        rowBins = allocated(count * binWidth, 0)
        rowLanes = allocated(count * lanes, .zero)
        rowTargets = allocated(count * (1 + targets), 0)
        spillRows = allocated(count, 0)
        spillBins = allocated(count * binWidth, 0)
        spillLanes = allocated(count * lanes, .zero)
        spillTargets = allocated(count * (1 + targets), 0)
    }

    /// Copies each of `rows` (in order) into its position: its `binWidth` bins from row-major `bins`, its lanes
    /// and its weight and targets from `data`.
    func load(rows initial: [Int32], bins: UnsafePointer<UInt8>, data: ForestGrowthData) {
        let t = targets
        for (k, r32) in initial.enumerated() {
            let r = Int(r32), w = data.weights[r], hy = data.histogramY + r * t, y = data.y + r * t
            rows[k] = r32
            (rowBins + k * binWidth).update(from: bins + r * binWidth, count: binWidth)
            // Lane i is v[i / 4][i % 4] (typed access: the vectors are never read through a scalar pointer).
            let v = rowLanes + k * lanes
            v[0][0] = Lane.Scalar(w); v[0][1] = 1
            for j in 0..<t { v[(2 + j) >> 2][(2 + j) & 3] = Lane.Scalar(w * hy[j]) }
            let p = rowTargets + k * (1 + t)
            p[0] = w
            for j in 0..<t { p[1 + j] = y[j] }
        }
    }

    /// Moves position `k`'s row to position `m` (`m < k`).
    @inline(__always)
    func move(from k: Int, to m: Int) {
        copy(from: k, of: (rows, rowBins, rowLanes, rowTargets), to: m, of: (rows, rowBins, rowLanes, rowTargets))
    }

    /// Moves position `k`'s row to spill slot `s`.
    @inline(__always)
    func spill(from k: Int, to s: Int) {
        copy(from: k, of: (rows, rowBins, rowLanes, rowTargets), to: s, of: (spillRows, spillBins, spillLanes, spillTargets))
    }

    /// Moves the first `count` spill slots to positions `start...`.
    func unspill(count: Int, to start: Int) {
        guard count > 0 else { return }
        rows.advanced(by: start).update(from: spillRows, count: count)
        rowBins.advanced(by: start * binWidth).update(from: spillBins, count: count * binWidth)
        rowLanes.advanced(by: start * lanes).update(from: spillLanes, count: count * lanes)
        rowTargets.advanced(by: start * (1 + targets)).update(from: spillTargets, count: count * (1 + targets))
    }

    typealias Layout = (UnsafeMutablePointer<Int32>, UnsafeMutablePointer<UInt8>, UnsafeMutablePointer<Lane>, UnsafeMutablePointer<Double>)

    @inline(__always)
    private func copy(from k: Int, of a: Layout, to m: Int, of b: Layout) {
        let tw = 1 + targets
        b.0[m] = a.0[k]
        (b.1 + m * binWidth).update(from: a.1 + k * binWidth, count: binWidth)
        for c in 0..<lanes { b.2[m * lanes + c] = a.2[k * lanes + c] }
        for c in 0..<tw { b.3[m * tw + c] = a.3[k * tw + c] }
    }

    deinit {
        hist.deallocate(); offsets.deallocate(); masks.deallocate(); row.deallocate(); total.deallocate(); left.deallocate()
        scoreTotals.deallocate()
        chosen.deallocate(); denseChosen.deallocate(); densePosition.deallocate(); sparseChosen.deallocate(); chosenSlot.deallocate()
        rows.deallocate(); rowBins.deallocate(); rowLanes.deallocate(); rowTargets.deallocate()
        spillRows.deallocate(); spillBins.deallocate(); spillLanes.deallocate(); spillTargets.deallocate()
    }
}

/// `count` copies of `value` in fresh memory.
private func allocated<T>(_ count: Int, _ value: T) -> UnsafeMutablePointer<T> {
    let p = UnsafeMutablePointer<T>.allocate(capacity: count)
    p.initialize(repeating: value, count: count)
    return p
}

import Linalg

/// Grows one gradient-boosting tree leaf-wise on binned data (scikit-learn's `TreeGrower`, squared error):
/// the leaf with the largest gain is split next, the smaller child's histogram is built by scanning its
/// rows and the larger child's by subtraction from the parent.
///
/// One grower is reused across boosting iterations so that its buffers are allocated once.
///
/// The training rows are kept in position order, each node a contiguous range of positions, with a copy of
/// each row's dense bins and gradient at its position, moved with the row when a node is partitioned: building
/// a node's histogram reads memory in sequence, where reading rows through their indices costs a cache miss per
/// row once the data outgrow the cache. Rows stay in ascending order within a node (the partition is stable), so
/// the sums are added in row order as before.
final class HistogramTreeGrower {
    struct Limits {
        var maxLeafNodes: Int?
        var maxDepth: Int?
        var minSamplesLeaf: Int
        var l2: Double
        var learningRate: Double
    }

    /// A node of the tree being grown, with its rows `rows[start..<end]` and, while open, its histogram and best split.
    private struct Candidate {
        var node: Int          // index in the tree being built
        var start: Int, end: Int
        var depth: Int
        var grad: Double, count: Double
        var hist: Int          // index into `histograms`, -1 when it has none
        var split = BinSplit()
    }

    /// The tree being grown: its nodes, the finished leaves (with their rows) and the leaves still open to a split.
    private struct Growth {
        var tree = BinnedTree()
        var leaves: [(node: Int, start: Int, end: Int)] = []
        var open: [Candidate] = []
        var leafCount = 1
    }

    let binned: BinnedMatrix
    let layout: HistogramLayout
    let finder: SplitFinder
    let limits: Limits
    /// Whether histogram building and split search may use both cores (off when targets already run in parallel).
    let parallel: Bool
    /// The training row at each position, its dense bins (`denseWidth` per position) and its gradient.
    private var rows: [Int32]
    private var positionBins: [UInt8]
    private var positionGradients: [Double]
    /// A partition's right side, in the same layout, until it is moved back behind the left side.
    private var spillRows: [Int32]
    private var spillBins: [UInt8]
    private var spillGradients: [Double]
    private let denseWidth: Int
    /// Each feature's place among the dense bins, −1 for a sparse feature.
    private let denseColumn: [Int]
    private var histograms: [GradientHistogram] = []
    private var freeHistograms: [Int] = []

    init(binned: BinnedMatrix, binCounts: [Int], hasMissing: [Bool], parallel: Bool, limits: Limits,
         sparseShare: Double = HistogramLayout.sparseShare) {
        self.binned = binned
        self.parallel = parallel
        self.limits = limits
        layout = HistogramLayout(binned: binned, binCounts: binCounts, hasMissing: hasMissing, sparseShare: sparseShare)
        finder = SplitFinder(binCounts: binCounts, hasMissing: hasMissing, offsets: layout.offsets,
                             minSamplesLeaf: Double(limits.minSamplesLeaf), l2: limits.l2, rows: binned.rows)
        let n = binned.rows, width = layout.denseFeatures.count
        denseWidth = width
        var column = [Int](repeating: -1, count: binned.features)
        for (j, f) in layout.denseFeatures.enumerated() { column[f] = j }
        denseColumn = column
        rows = (0..<n).map { Int32($0) }
        spillRows = rows
        // One spare byte and gradient keep the buffers' addresses valid when they would be empty.
        positionBins = [UInt8](repeating: 0, count: n * width + 1)
        spillBins = positionBins
        positionGradients = [Double](repeating: 0, count: n + 1)
        spillGradients = positionGradients
    }

    /// Grows a tree on `gradients` (prediction - target) and adds its leaf values to `raw` for every training row.
    func grow(gradients: [Double], raw: inout [Double]) -> BinnedTree {
        var growth = Growth()
        let n = binned.rows
        for i in 0..<n { rows[i] = Int32(i) }
        positionBins.withUnsafeMutableBufferPointer { dst in
            layout.denseBins.withUnsafeBufferPointer { src in
                if let d = dst.baseAddress, let s = src.baseAddress { d.update(from: s, count: src.count) }
            }
        }
        positionGradients.withUnsafeMutableBufferPointer { dst in
            gradients.withUnsafeBufferPointer { src in
                if let d = dst.baseAddress, let s = src.baseAddress { d.update(from: s, count: n) }
            }
        }
        freeHistograms = Array(0..<histograms.count)
        gradients.withUnsafeBufferPointer { gb in
            guard let g = gb.baseAddress else { return }
            guard let root = growRoot(&growth, gradients: g) else { return }
            searchOrFinalize([root], ok: [true], &growth)
            while let parent = nextToSplit(&growth) {
                splitNode(parent, &growth)
            }
            for c in growth.open { finalize(c, &growth) }
        }
        addLeafValues(growth, to: &raw)
        return growth.tree
    }

    // MARK: - Steps of `grow`

    /// Adds the root leaf; returns it with its histogram built when it may be split, nil when it is final.
    private func growRoot(_ growth: inout Growth, gradients g: UnsafePointer<Double>) -> Candidate? {
        let n = binned.rows
        var total = 0.0
        for i in 0..<n { total += g[i] }
        let node = growth.tree.addLeaf(leafValue(total, Double(n)))
        if n == 0 { return nil }
        let root = Candidate(node: node, start: 0, end: n, depth: 0, grad: total, count: Double(n), hist: takeHistogram())
        guard canSplit(count: root.count, depth: 0) else {
            finalize(root, &growth)
            return nil
        }
        buildHistogram(root.hist, start: 0, end: n)
        return root
    }

    /// Removes and returns the open leaf with the largest gain (the first on ties), or nil when growth is over.
    private func nextToSplit(_ growth: inout Growth) -> Candidate? {
        if growth.open.isEmpty { return nil }
        if let m = limits.maxLeafNodes, growth.leafCount >= m { return nil }
        var bi = 0
        for i in 1..<growth.open.count where growth.open[i].split.gain > growth.open[bi].split.gain { bi = i }
        return growth.open.remove(at: bi)
    }

    /// Splits `p` into two leaves, gives them histograms when they may be split further, and searches their splits.
    private func splitNode(_ p: Candidate, _ growth: inout Growth) {
        let s = p.split
        let mid = partition(start: p.start, end: p.end, split: s)
        let lNode = growth.tree.addLeaf(0), rNode = growth.tree.addLeaf(0)
        let nl = Double(mid - p.start), nr = Double(p.end - mid)
        let missingLeft = finder.hasMissing[s.feature] ? s.missingLeft : nl > nr
        growth.tree.setSplit(p.node, feature: s.feature, threshold: s.bin, missingLeft: missingLeft, left: lNode, right: rNode)
        growth.leafCount += 1
        var left = Candidate(node: lNode, start: p.start, end: mid, depth: p.depth + 1, grad: s.gradLeft, count: nl, hist: -1)
        var right = Candidate(node: rNode, start: mid, end: p.end, depth: p.depth + 1, grad: p.grad - s.gradLeft, count: nr, hist: -1)
        let full = limits.maxLeafNodes.map { growth.leafCount >= $0 } ?? false
        let splitL = !full && canSplit(count: nl, depth: left.depth)
        let splitR = !full && canSplit(count: nr, depth: right.depth)
        if splitL || splitR {
            childHistograms(parent: p.hist, left: &left, right: &right)
        } else {
            freeHistograms.append(p.hist)
        }
        searchOrFinalize([left, right], ok: [splitL, splitR], &growth)
    }

    /// Builds the smaller child's histogram from its rows and turns the parent's into the larger child's by subtraction.
    private func childHistograms(parent: Int, left: inout Candidate, right: inout Candidate) {
        let small = takeHistogram()
        let leftIsSmall = left.count <= right.count
        let (start, end) = leftIsSmall ? (left.start, left.end) : (right.start, right.end)
        buildHistogram(small, start: start, end: end)
        histograms[parent].subtract(histograms[small])
        if leftIsSmall { left.hist = small; right.hist = parent } else { left.hist = parent; right.hist = small }
    }

    /// Finds the best split of each candidate whose `ok` is set (in parallel when allowed, each writing its own
    /// slot); candidates with a split are opened in order, the others become leaves.
    private func searchOrFinalize(_ candidates: [Candidate], ok: [Bool], _ growth: inout Growth) {
        let search: (Int) -> BinSplit? = { i in
            let c = candidates[i]
            return ok[i] ? self.finder.best(self.histograms[c.hist], grad: c.grad, count: c.count) : nil
        }
        let found = parallel && candidates.count > 1 ? Parallel.map(candidates.count, search) : candidates.indices.map(search)
        for (var c, s) in zip(candidates, found) {
            if let s {
                c.split = s
                growth.open.append(c)
            } else {
                finalize(c, &growth)
            }
        }
    }

    /// Makes `c` a leaf of the tree and releases its histogram.
    private func finalize(_ c: Candidate, _ growth: inout Growth) {
        growth.tree.value[c.node] = leafValue(c.grad, c.count)
        growth.leaves.append((c.node, c.start, c.end))
        if c.hist >= 0 { freeHistograms.append(c.hist) }
    }

    /// Adds each leaf's value to `raw` for the training rows it holds.
    private func addLeafValues(_ growth: Growth, to raw: inout [Double]) {
        rows.withUnsafeBufferPointer { r in
            raw.withUnsafeMutableBufferPointer { out in
                for leaf in growth.leaves {
                    let v = growth.tree.value[leaf.node]
                    for k in leaf.start..<leaf.end { out[Int(r[k])] += v }
                }
            }
        }
    }

    // MARK: - Helpers

    private func leafValue(_ g: Double, _ c: Double) -> Double { -g / (c + limits.l2) * limits.learningRate }

    private func canSplit(count: Double, depth: Int) -> Bool {
        if let md = limits.maxDepth, depth >= md { return false }
        return count >= Double(2 * limits.minSamplesLeaf)
    }

    private func takeHistogram() -> Int {
        if let i = freeHistograms.popLast() { return i }
        histograms.append(GradientHistogram(slots: layout.slots))
        return histograms.count - 1
    }

    private func buildHistogram(_ h: Int, start: Int, end: Int) {
        rows.withUnsafeBufferPointer { r in
            positionBins.withUnsafeBufferPointer { b in
                positionGradients.withUnsafeBufferPointer { g in
                    guard let rb = r.baseAddress, let bb = b.baseAddress, let gb = g.baseAddress else { return }
                    let source = HistogramRows(rows: rb + start, bins: bb + start * denseWidth, gradients: gb + start,
                                               count: end - start)
                    histograms[h].build(source, layout: layout, parallel: parallel)
                }
            }
        }
    }

    /// Stable partition of positions `start..<end` by the split, each row's copies moving with it; returns the
    /// first position of the right child.
    private func partition(start: Int, end: Int, split: BinSplit) -> Int {
        let d = binned.features, f = split.feature, t = split.bin, ml = split.missingLeft
        let w = denseWidth, column = denseColumn[f]
        var mid = start, nr = 0
        rows.withUnsafeMutableBufferPointer { r in
        positionBins.withUnsafeMutableBufferPointer { pb in
        positionGradients.withUnsafeMutableBufferPointer { pg in
        spillRows.withUnsafeMutableBufferPointer { sr in
        spillBins.withUnsafeMutableBufferPointer { sb in
        spillGradients.withUnsafeMutableBufferPointer { sg in
        binned.bins.withUnsafeBufferPointer { b in
            guard let pbp = pb.baseAddress, let sbp = sb.baseAddress else { return }
            for k in start..<end {
                // A sparse feature is read from the whole matrix by row.
                let v = column >= 0 ? pbp[k &* w &+ column] : b[Int(r[k]) &* d &+ f]
                let goLeft = v == FeatureBinner.missingBin ? ml : v <= t
                if goLeft {
                    if mid != k {
                        r[mid] = r[k]; pg[mid] = pg[k]
                        (pbp + mid &* w).update(from: pbp + k &* w, count: w)
                    }
                    mid &+= 1
                } else {
                    sr[nr] = r[k]; sg[nr] = pg[k]
                    (sbp + nr &* w).update(from: pbp + k &* w, count: w)
                    nr &+= 1
                }
            }
            for k in 0..<nr { r[mid &+ k] = sr[k]; pg[mid &+ k] = sg[k] }
            (pbp + mid &* w).update(from: sbp, count: nr &* w)
        }}}}}}}
        return mid
    }
}

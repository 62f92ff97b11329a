import Linalg

/// Grows one gradient-boosting tree leaf-wise on binned data (scikit-learn's `TreeGrower`, squared error):
/// the leaf with the largest gain is split next, the smaller child's histogram is built by scanning its
/// rows and the larger child's by subtraction from the parent.
///
/// One grower is reused across boosting iterations so that its buffers are allocated once.
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
    private var rows: [Int32]
    private var scratch: [Int32]
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
        rows = (0..<binned.rows).map { Int32($0) }
        scratch = rows
    }

    /// Grows a tree on `gradients` (prediction - target) and adds its leaf values to `raw` for every training row.
    func grow(gradients: [Double], raw: inout [Double]) -> BinnedTree {
        var growth = Growth()
        let n = binned.rows
        for i in 0..<n { rows[i] = Int32(i) }
        freeHistograms = Array(0..<histograms.count)
        gradients.withUnsafeBufferPointer { gb in
            guard let g = gb.baseAddress else { return }
            guard let root = growRoot(&growth, gradients: g) else { return }
            searchOrFinalize([root], ok: [true], &growth)
            while let parent = nextToSplit(&growth) {
                splitNode(parent, &growth, gradients: g)
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
        buildHistogram(root.hist, start: 0, end: n, gradients: g)
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
    private func splitNode(_ p: Candidate, _ growth: inout Growth, gradients g: UnsafePointer<Double>) {
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
            childHistograms(parent: p.hist, left: &left, right: &right, gradients: g)
        } else {
            freeHistograms.append(p.hist)
        }
        searchOrFinalize([left, right], ok: [splitL, splitR], &growth)
    }

    /// Builds the smaller child's histogram from its rows and turns the parent's into the larger child's by subtraction.
    private func childHistograms(parent: Int, left: inout Candidate, right: inout Candidate, gradients g: UnsafePointer<Double>) {
        let small = takeHistogram()
        let leftIsSmall = left.count <= right.count
        let (start, end) = leftIsSmall ? (left.start, left.end) : (right.start, right.end)
        buildHistogram(small, start: start, end: end, gradients: g)
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

    private func buildHistogram(_ h: Int, start: Int, end: Int, gradients: UnsafePointer<Double>) {
        rows.withUnsafeBufferPointer { r in
            guard let rb = r.baseAddress else { return }
            histograms[h].build(rows: UnsafeBufferPointer(start: rb + start, count: end - start), layout: layout,
                                gradients: gradients, parallel: parallel)
        }
    }

    /// Stable partition of rows[start..<end] by the split; returns the first index of the right child.
    private func partition(start: Int, end: Int, split: BinSplit) -> Int {
        let d = binned.features, f = split.feature, t = split.bin, ml = split.missingLeft
        var mid = start
        rows.withUnsafeMutableBufferPointer { r in
            scratch.withUnsafeMutableBufferPointer { s in
                binned.bins.withUnsafeBufferPointer { b in
                    var nr = 0
                    for k in start..<end {
                        let row = r[k]
                        let v = b[Int(row) * d + f]
                        let goLeft = v == FeatureBinner.missingBin ? ml : v <= t
                        // Branch-free: write to both sides, advance one (mid <= k, so r[k] was already read).
                        r[mid] = row; s[nr] = row
                        let step = goLeft ? 1 : 0
                        mid &+= step; nr &+= 1 &- step
                    }
                    for k in 0..<nr { r[mid + k] = s[k] }
                }
            }
        }
        return mid
    }
}

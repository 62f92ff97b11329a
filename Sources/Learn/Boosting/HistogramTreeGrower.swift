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

    private struct Candidate {
        var node: Int          // index in the tree being built
        var start: Int, end: Int
        var depth: Int
        var grad: Double, count: Double
        var hist: Int          // index into `histograms`
        var split: BinSplit
    }

    let binned: BinnedMatrix
    let finder: SplitFinder
    let limits: Limits
    /// Whether histogram building and split search may use both cores (off when targets already run in parallel).
    let parallel: Bool
    private var rows: [Int32]
    private var scratch: [Int32]
    private var histograms: [GradientHistogram] = []
    private var freeHistograms: [Int] = []

    init(binned: BinnedMatrix, binCounts: [Int], hasMissing: [Bool], parallel: Bool, limits: Limits) {
        self.binned = binned
        self.parallel = parallel
        self.limits = limits
        finder = SplitFinder(binCounts: binCounts, hasMissing: hasMissing,
                             minSamplesLeaf: Double(limits.minSamplesLeaf), l2: limits.l2, rows: binned.rows)
        rows = (0..<binned.rows).map { Int32($0) }
        scratch = rows
    }

    private func takeHistogram() -> Int {
        if let i = freeHistograms.popLast() { return i }
        histograms.append(GradientHistogram(features: binned.features))
        return histograms.count - 1
    }

    private func buildHistogram(_ h: Int, start: Int, end: Int, gradients: UnsafePointer<Double>) {
        let d = binned.features
        rows.withUnsafeBufferPointer { r in
            binned.bins.withUnsafeBufferPointer { b in
                guard let bins = b.baseAddress, let rb = r.baseAddress else { return }
                histograms[h].build(rows: UnsafeBufferPointer(start: rb + start, count: end - start),
                                    bins: bins, features: d, gradients: gradients, parallel: parallel)
            }
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

    private func canSplit(count: Double, depth: Int) -> Bool {
        if let md = limits.maxDepth, depth >= md { return false }
        return count >= Double(2 * limits.minSamplesLeaf)
    }

    /// Grows a tree on `gradients` (prediction - target) and adds its leaf values to `raw` for every training row.
    func grow(gradients: [Double], raw: inout [Double]) -> BinnedTree {
        var tree = BinnedTree()
        var leaves: [(node: Int, start: Int, end: Int)] = []
        var open: [Candidate] = []
        let n = binned.rows
        for i in 0..<n { rows[i] = Int32(i) }
        freeHistograms = Array(0..<histograms.count)
        let lr = limits.learningRate, l2 = limits.l2

        func leafValue(_ g: Double, _ c: Double) -> Double { -g / (c + l2) * lr }
        func finalize(_ c: Candidate) {
            tree.value[c.node] = leafValue(c.grad, c.count)
            leaves.append((c.node, c.start, c.end))
            freeHistograms.append(c.hist)
        }

        gradients.withUnsafeBufferPointer { gb in
            guard let g = gb.baseAddress else { return }
            var total = 0.0
            for i in 0..<n { total += g[i] }
            let root = tree.addLeaf(leafValue(total, Double(n)))
            if n == 0 { return }
            let rootHist = takeHistogram()
            var rootCand = Candidate(node: root, start: 0, end: n, depth: 0, grad: total, count: Double(n), hist: rootHist, split: BinSplit())
            if canSplit(count: Double(n), depth: 0) {
                buildHistogram(rootHist, start: 0, end: n, gradients: g)
                if let s = finder.best(histograms[rootHist], grad: total, count: Double(n)) {
                    rootCand.split = s
                    open.append(rootCand)
                } else { finalize(rootCand) }
            } else { finalize(rootCand) }

            var leafCount = 1
            while !open.isEmpty {
                if let m = limits.maxLeafNodes, leafCount >= m { break }
                var bi = 0
                for i in 1..<open.count where open[i].split.gain > open[bi].split.gain { bi = i }
                let p = open.remove(at: bi)
                let mid = partition(start: p.start, end: p.end, split: p.split)
                let s = p.split
                let lNode = tree.addLeaf(0), rNode = tree.addLeaf(0)
                let nl = Double(mid - p.start), nr = Double(p.end - mid)
                let missingLeft = finder.hasMissing[s.feature] ? s.missingLeft : nl > nr
                tree.setSplit(p.node, feature: s.feature, threshold: s.bin, missingLeft: missingLeft, left: lNode, right: rNode)
                leafCount += 1
                var lc = Candidate(node: lNode, start: p.start, end: mid, depth: p.depth + 1,
                                   grad: s.gradLeft, count: nl, hist: -1, split: BinSplit())
                var rc = Candidate(node: rNode, start: mid, end: p.end, depth: p.depth + 1,
                                   grad: p.grad - s.gradLeft, count: nr, hist: -1, split: BinSplit())
                let full = limits.maxLeafNodes.map { leafCount >= $0 } ?? false
                let splitL = !full && canSplit(count: nl, depth: lc.depth)
                let splitR = !full && canSplit(count: nr, depth: rc.depth)
                if splitL || splitR {
                    let small = takeHistogram()
                    let leftIsSmall = nl <= nr
                    let (ss, se) = leftIsSmall ? (lc.start, lc.end) : (rc.start, rc.end)
                    buildHistogram(small, start: ss, end: se, gradients: g)
                    histograms[p.hist].subtract(histograms[small])
                    if leftIsSmall { lc.hist = small; rc.hist = p.hist } else { lc.hist = p.hist; rc.hist = small }
                } else {
                    freeHistograms.append(p.hist)
                }
                // Both children's split searches run in parallel (each writes its own slot).
                let search: (Int) -> BinSplit? = { i in
                    let (c, ok) = i == 0 ? (lc, splitL) : (rc, splitR)
                    return ok ? self.finder.best(self.histograms[c.hist], grad: c.grad, count: c.count) : nil
                }
                let found = parallel ? Parallel.map(2, search) : [search(0), search(1)]
                for (var c, s) in [(lc, found[0]), (rc, found[1])] {
                    if let s {
                        c.split = s
                        open.append(c)
                    } else if c.hist >= 0 {
                        finalize(c)
                    } else {
                        tree.value[c.node] = leafValue(c.grad, c.count)
                        leaves.append((c.node, c.start, c.end))
                    }
                }
            }
            for c in open { finalize(c) }
        }
        rows.withUnsafeBufferPointer { r in
            raw.withUnsafeMutableBufferPointer { out in
                for leaf in leaves {
                    let v = tree.value[leaf.node]
                    for k in leaf.start..<leaf.end { out[Int(r[k])] += v }
                }
            }
        }
        return tree
    }
}

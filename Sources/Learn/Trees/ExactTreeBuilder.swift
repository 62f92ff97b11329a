import Linalg

/// Depth-first growth of a multi-output regression tree with exact thresholds (scikit-learn's
/// `BestSplitter` with squared error): at each node the node's rows are sorted on each candidate feature
/// and every midpoint between distinct values is scored by the summed squared error over targets.
struct ExactTreeBuilder {
    let x: Matrix
    let y: Matrix
    let maxDepth: Int?
    let minSamplesSplit: Int
    let minSamplesLeaf: Int
    let maxFeatures: Int

    private struct Best { var score = -Double.infinity; var feature = -1; var threshold = 0.0 }

    func build(rows initial: [Int], generator: inout SeededGenerator) -> RegressionTree {
        let t = y.cols, d = x.cols
        var tree = RegressionTree(targets: t)
        var rows = initial
        var stack = [(node: tree.addLeaf(mean(rows[...])), start: 0, end: rows.count, depth: 0)]
        var keys = [(Double, Int)]()
        while let job = stack.popLast() {
            let m = job.end - job.start
            if m < minSamplesSplit || m < 2 * minSamplesLeaf { continue }
            if let md = maxDepth, job.depth >= md { continue }
            if impurity(rows[job.start..<job.end]) <= Double.ulpOfOne { continue }
            var best = Best()
            var features = Array(0..<d)
            var visited = 0, drawn = 0
            while visited < maxFeatures && drawn < d {
                let j = drawn + generator.nextInt(below: d - drawn)
                features.swapAt(drawn, j)
                let f = features[drawn]
                drawn += 1
                keys.removeAll(keepingCapacity: true)
                for r in rows[job.start..<job.end] { keys.append((x[r, f], r)) }
                keys.sort { $0.0 < $1.0 }
                guard let first = keys.first, let last = keys.last, last.0 > first.0 + 1e-7 else { continue }
                visited += 1
                scan(keys, feature: f, best: &best)
            }
            guard best.feature >= 0 else { continue }
            let f = best.feature, thr = best.threshold
            let part = rows[job.start..<job.end]
            let l = part.filter { x[$0, f] <= thr }, r = part.filter { x[$0, f] > thr }
            rows.replaceSubrange(job.start..<job.end, with: l + r)
            let mid = job.start + l.count
            let ln = tree.addLeaf(mean(rows[job.start..<mid])), rn = tree.addLeaf(mean(rows[mid..<job.end]))
            tree.setSplit(job.node, feature: f, threshold: thr, left: ln, right: rn)
            stack.append((rn, mid, job.end, job.depth + 1))
            stack.append((ln, job.start, mid, job.depth + 1))
        }
        return tree
    }

    /// Scores every threshold between distinct sorted values; keeps the first strictly better one.
    private func scan(_ keys: [(Double, Int)], feature f: Int, best: inout Best) {
        let t = y.cols, m = keys.count
        var total = [Double](repeating: 0, count: t), left = total
        for (_, r) in keys { for j in 0..<t { total[j] += y[r, j] } }
        for i in 1..<m {
            let r = keys[i - 1].1
            for j in 0..<t { left[j] += y[r, j] }
            if i < minSamplesLeaf || m - i < minSamplesLeaf { continue }
            if keys[i].0 <= keys[i - 1].0 + 1e-7 { continue }
            var score = 0.0
            for j in 0..<t {
                let sr = total[j] - left[j]
                score += left[j] * left[j] / Double(i) + sr * sr / Double(m - i)
            }
            if score > best.score {
                var thr = keys[i - 1].0 / 2 + keys[i].0 / 2
                if thr == keys[i].0 || !thr.isFinite { thr = keys[i - 1].0 }
                best = Best(score: score, feature: f, threshold: thr)
            }
        }
    }

    private func mean(_ rows: ArraySlice<Int>) -> [Double] {
        var s = [Double](repeating: 0, count: y.cols)
        for r in rows { for j in 0..<y.cols { s[j] += y[r, j] } }
        return s.map { $0 / Double(max(1, rows.count)) }
    }

    /// Mean over targets of the node's variance.
    private func impurity(_ rows: ArraySlice<Int>) -> Double {
        let mu = mean(rows)
        var v = 0.0
        for r in rows { for j in 0..<y.cols { let e = y[r, j] - mu[j]; v += e * e } }
        return v / Double(rows.count * y.cols)
    }
}

import Linalg

/// Mean silhouette coefficient of a clustering (Euclidean), as scikit-learn's `silhouette_score`.
///
/// For each row, a = mean distance to the other members of its cluster, b = lowest mean distance to
/// another cluster, s = (b − a) / max(a, b), and s = 0 for a row alone in its cluster.
/// With `sampleSize` below the row count, the score is computed on that many rows drawn without
/// replacement with `seed` (distances among the sample only), as scikit-learn does.
public func silhouetteScore(_ x: Matrix, labels: [Int], sampleSize: Int? = nil, seed: UInt64 = 0) throws -> Double {
    guard labels.count == x.rows else {
        throw LearnError("silhouette: \(x.rows) rows but \(labels.count) labels")
    }
    guard !x.hasNonFinite else { throw LearnError("silhouette: input contains missing or infinite values") }
    var rows = Array(0..<x.rows)
    if let s = sampleSize, s < x.rows {
        guard s >= 2 else { throw LearnError("silhouette: sample size must be at least 2, got \(s)") }
        var rng = SeededGenerator(seed: seed)
        rows = Array(rng.permutation(x.rows).prefix(s))
    }
    let sample = x.selectingRows(rows)
    // Relabel to 0..<k in order of appearance.
    var codes: [Int: Int] = [:]
    let local = rows.map { r -> Int in
        if let c = codes[labels[r]] { return c }
        codes[labels[r]] = codes.count
        return codes.count - 1
    }
    let k = codes.count, n = sample.rows
    guard k >= 2 && k <= n - 1 else {
        throw LearnError("silhouette needs between 2 and n − 1 clusters among \(n) rows, got \(k)")
    }
    var sizes = [Int](repeating: 0, count: k)
    for l in local { sizes[l] += 1 }
    let norms = SquaredDistances.rowNorms(sample)
    let bs = 256
    let blocks = (n + bs - 1) / bs
    let perBlock = Parallel.map(blocks) { b -> [Double] in
        let range = (b * bs)..<min(n, (b + 1) * bs)
        var dist = [Double](repeating: 0, count: range.count * n)
        dist.withUnsafeMutableBufferPointer { p in
            if let base = p.baseAddress {
                SquaredDistances.block(sample, rowNorms: norms, range: range, centers: sample,
                                       centerNorms: norms, into: base)
            }
        }
        var scores = [Double]()
        scores.reserveCapacity(range.count)
        var sums = [Double](repeating: 0, count: k)
        for (i, g) in range.enumerated() {
            for j in 0..<k { sums[j] = 0 }
            let rowBase = i * n
            for j in 0..<n where j != g { sums[local[j]] += dist[rowBase + j].squareRoot() }
            let own = local[g]
            if sizes[own] <= 1 { scores.append(0); continue }
            let a = sums[own] / Double(sizes[own] - 1)
            var bMin = Double.infinity
            for j in 0..<k where j != own { bMin = min(bMin, sums[j] / Double(sizes[j])) }
            let m = max(a, bMin)
            scores.append(m > 0 ? (bMin - a) / m : 0)
        }
        return scores
    }
    var total = 0.0
    for block in perBlock { for s in block { total += s } }
    return total / Double(n)
}

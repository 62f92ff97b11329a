import Linalg

/// One restart's outcome.
struct LloydResult: Sendable {
    var centers: Matrix
    var labels: [Int]
    var inertia: Double
    var iterations: Int
}

/// The data of one KMeans fit, shared (read-only) by all restarts.
struct LloydProblem: Sendable {
    let x: Matrix
    let xNorms: [Double]
    let k: Int
    /// Absolute tolerance on the total squared centre shift.
    let tol: Double

    init(x: Matrix, k: Int, tol: Double) {
        self.x = x
        self.xNorms = SquaredDistances.rowNorms(x)
        self.k = k
        self.tol = tol
    }

    /// Nearest centre of every row plus per-cluster sums, accumulated block by block in a fixed order.
    struct Assignment {
        var labels: [Int]
        var minDistances: [Double]
        var sums: [Double]
        var counts: [Int]
    }

    func assign(_ centers: Matrix, parallelBlocks: Bool) -> Assignment {
        let n = x.rows, d = x.cols, bs = SquaredDistances.blockRows
        let cNorms = SquaredDistances.rowNorms(centers)
        let blocks = (n + bs - 1) / bs
        let work = { (b: Int) -> Assignment in
            let range = (b * bs)..<min(n, (b + 1) * bs)
            var dist = [Double](repeating: 0, count: range.count * k)
            dist.withUnsafeMutableBufferPointer { p in
                if let base = p.baseAddress {
                    SquaredDistances.block(x, rowNorms: xNorms, range: range, centers: centers,
                                           centerNorms: cNorms, into: base)
                }
            }
            var part = Assignment(labels: [], minDistances: [], sums: [Double](repeating: 0, count: k * d),
                                  counts: [Int](repeating: 0, count: k))
            part.labels.reserveCapacity(range.count)
            part.minDistances.reserveCapacity(range.count)
            x.values.withUnsafeBufferPointer { px in
                for i in 0..<range.count {
                    var best = 0
                    for j in 1..<k where dist[i * k + j] < dist[i * k + best] { best = j }
                    part.labels.append(best)
                    part.minDistances.append(dist[i * k + best])
                    part.counts[best] += 1
                    let row = (range.lowerBound + i) * d
                    for c in 0..<d { part.sums[best * d + c] += px[row + c] }
                }
            }
            return part
        }
        let parts = parallelBlocks ? Parallel.map(blocks, work) : (0..<blocks).map(work)
        var total = Assignment(labels: [], minDistances: [], sums: [Double](repeating: 0, count: k * d),
                               counts: [Int](repeating: 0, count: k))
        total.labels.reserveCapacity(n)
        total.minDistances.reserveCapacity(n)
        for p in parts {
            total.labels += p.labels
            total.minDistances += p.minDistances
            for i in 0..<(k * d) { total.sums[i] += p.sums[i] }
            for j in 0..<k { total.counts[j] += p.counts[j] }
        }
        return total
    }

    /// Lloyd iterations from `start` until labels stop changing, the centre shift falls under `tol`,
    /// or `maxIter`. Empty clusters are moved to the rows farthest from their centres.
    func lloyd(start: Matrix, maxIter: Int, parallelBlocks: Bool) -> LloydResult {
        let d = x.cols
        var centers = start
        var previous: [Int] = []
        var iterations = 0
        for _ in 0..<maxIter {
            iterations += 1
            let a = assign(centers, parallelBlocks: parallelBlocks)
            var next = Matrix(rows: k, cols: d)
            var far = farthestRows(a.minDistances, count: a.counts.filter { $0 == 0 }.count).makeIterator()
            for j in 0..<k {
                if a.counts[j] > 0 {
                    for c in 0..<d { next[j, c] = a.sums[j * d + c] / Double(a.counts[j]) }
                } else if let r = far.next() {
                    for c in 0..<d { next[j, c] = x[r, c] }
                }
            }
            var shift = 0.0
            for i in next.values.indices { let s = next.values[i] - centers.values[i]; shift += s * s }
            centers = next
            if a.labels == previous || shift <= tol { break }
            previous = a.labels
        }
        let final = assign(centers, parallelBlocks: parallelBlocks)
        return LloydResult(centers: centers, labels: final.labels,
                           inertia: final.minDistances.reduce(0, +), iterations: iterations)
    }

    /// Indices of the `count` largest distances, largest first (ties: lower index first).
    private func farthestRows(_ distances: [Double], count: Int) -> [Int] {
        if count == 0 { return [] }
        let order = distances.indices.sorted { distances[$0] != distances[$1] ? distances[$0] > distances[$1] : $0 < $1 }
        return Array(order.prefix(count))
    }

    /// Greedy k-means++ (scikit-learn's `_kmeans_plusplus`): each new centre is the best of
    /// 2 + ⌊ln k⌋ candidates drawn with probability proportional to the squared distance.
    func kMeansPlusPlus(_ rng: inout SeededGenerator) -> Matrix {
        let n = x.rows
        let trials = 2 + Int(log(Double(k)))
        var chosen = [rng.nextInt(below: n)]
        var closest = distances(toRows: chosen)[0]
        var potential = closest.reduce(0, +)
        while chosen.count < k {
            var cumulative = [Double](repeating: 0, count: n)
            var running = 0.0
            for i in 0..<n { running += closest[i]; cumulative[i] = running }
            let candidates = (0..<trials).map { _ -> Int in
                let target = rng.nextUnit() * potential
                return min(n - 1, firstIndex(in: cumulative, notBelow: target))
            }
            let candidateDistances = distances(toRows: candidates)
            var bestIndex = 0, bestPotential = Double.infinity
            for (t, dist) in candidateDistances.enumerated() {
                var p = 0.0
                for i in 0..<n { p += min(closest[i], dist[i]) }
                if p < bestPotential { bestPotential = p; bestIndex = t }
            }
            let dist = candidateDistances[bestIndex]
            for i in 0..<n { closest[i] = min(closest[i], dist[i]) }
            potential = bestPotential
            chosen.append(candidates[bestIndex])
        }
        return x.selectingRows(chosen)
    }

    /// Squared distances from every row of `x` to each of the rows `indices`, one array per index.
    private func distances(toRows indices: [Int]) -> [[Double]] {
        let centers = x.selectingRows(indices)
        let m = indices.count, n = x.rows
        var buffer = [Double](repeating: 0, count: n * m)
        buffer.withUnsafeMutableBufferPointer { p in
            if let base = p.baseAddress {
                SquaredDistances.block(x, rowNorms: xNorms, range: 0..<n, centers: centers,
                                       centerNorms: indices.map { xNorms[$0] }, into: base)
            }
        }
        return (0..<m).map { j in (0..<n).map { buffer[$0 * m + j] } }
    }

    /// numpy's `searchsorted(side="left")`: the first index whose value is >= target.
    private func firstIndex(in sorted: [Double], notBelow target: Double) -> Int {
        var lo = 0, hi = sorted.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if sorted[mid] < target { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}

#if canImport(Glibc)
import Glibc
#else
import Foundation
#endif

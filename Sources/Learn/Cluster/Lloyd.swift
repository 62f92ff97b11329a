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
        let n = x.rows, d = x.cols, k = self.k, segment = SquaredDistances.blockRows
        let cNorms = SquaredDistances.rowNorms(centers)
        let segments = (n + segment - 1) / segment
        var labels = [Int](repeating: 0, count: n)
        var minDistances = [Double](repeating: 0, count: n)
        var partialSums = [Double](repeating: 0, count: segments * k * d)
        var partialCounts = [Int](repeating: 0, count: segments * k)
        labels.withUnsafeMutableBufferPointer { lp in
            minDistances.withUnsafeMutableBufferPointer { mp in
                partialSums.withUnsafeMutableBufferPointer { sp in
                    partialCounts.withUnsafeMutableBufferPointer { cp in
                        x.values.withUnsafeBufferPointer { xp in
                            guard let l = lp.baseAddress, let md = mp.baseAddress, let sums = sp.baseAddress,
                                  let counts = cp.baseAddress, let xs = xp.baseAddress else { return }
                            let work = { (s: Int) in
                                assignSegment(s, segment: segment, centers: centers, centerNorms: cNorms, x: xs,
                                              labels: l, minDistances: md, sums: sums + s * k * d, counts: counts + s * k)
                            }
                            if parallelBlocks { Parallel.forEach(segments, work) } else { (0..<segments).forEach(work) }
                        }
                    }
                }
            }
        }
        // Combine the segments' partial sums in a fixed order.
        var sums = [Double](repeating: 0, count: k * d), counts = [Int](repeating: 0, count: k)
        for s in 0..<segments {
            for i in 0..<(k * d) { sums[i] += partialSums[s * k * d + i] }
            for j in 0..<k { counts[j] += partialCounts[s * k + j] }
        }
        return Assignment(labels: labels, minDistances: minDistances, sums: sums, counts: counts)
    }

    /// Nearest centres for the rows of segment `s`, in cache-sized chunks (distances by BLAS, then the
    /// chunk's rows added to their cluster's sum while still in cache).
    private func assignSegment(_ s: Int, segment: Int, centers: Matrix, centerNorms: [Double],
                               x xs: UnsafePointer<Double>, labels: UnsafeMutablePointer<Int>,
                               minDistances: UnsafeMutablePointer<Double>, sums: UnsafeMutablePointer<Double>,
                               counts: UnsafeMutablePointer<Int>) {
        let n = x.rows, d = x.cols, k = self.k, chunk = 256
        let dist = UnsafeMutablePointer<Double>.allocate(capacity: chunk * k)
        defer { dist.deallocate() }
        var lo = s * segment
        let end = min(n, (s + 1) * segment)
        while lo < end {
            let hi = min(end, lo + chunk)
            SquaredDistances.block(x, rowNorms: xNorms, range: lo..<hi, centers: centers,
                                   centerNorms: centerNorms, into: dist)
            for i in 0..<(hi - lo) {
                let row = dist + i * k
                var best = 0, bestValue = row[0]
                for j in 1..<k where row[j] < bestValue { best = j; bestValue = row[j] }
                labels[lo + i] = best
                minDistances[lo + i] = bestValue
                counts[best] += 1
                let src = xs + (lo + i) * d, dst = sums + best * d
                for c in 0..<d { dst[c] += src[c] }
            }
            lo = hi
        }
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
        var closest = distances(toRows: chosen)
        var potential = closest.reduce(0, +)
        var cumulative = [Double](repeating: 0, count: n)
        while chosen.count < k {
            var running = 0.0
            for i in 0..<n { running += closest[i]; cumulative[i] = running }
            let candidates = (0..<trials).map { _ -> Int in
                let target = rng.nextUnit() * potential
                return min(n - 1, firstIndex(in: cumulative, notBelow: target))
            }
            // distances(toRows:) is n × trials, row-major.
            let candidateDistances = distances(toRows: candidates)
            var bestIndex = 0, bestPotential = Double.infinity
            for t in 0..<trials {
                var p = 0.0
                for i in 0..<n { p += min(closest[i], candidateDistances[i * trials + t]) }
                if p < bestPotential { bestPotential = p; bestIndex = t }
            }
            for i in 0..<n { closest[i] = min(closest[i], candidateDistances[i * trials + bestIndex]) }
            potential = bestPotential
            chosen.append(candidates[bestIndex])
        }
        return x.selectingRows(chosen)
    }

    /// Squared distances from every row of `x` to the rows `indices`: n × indices.count, row-major.
    private func distances(toRows indices: [Int]) -> [Double] {
        let centers = x.selectingRows(indices)
        var buffer = [Double](repeating: 0, count: x.rows * indices.count)
        buffer.withUnsafeMutableBufferPointer { p in
            if let base = p.baseAddress {
                SquaredDistances.block(x, rowNorms: xNorms, range: 0..<x.rows, centers: centers,
                                       centerNorms: indices.map { xNorms[$0] }, into: base)
            }
        }
        return buffer
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

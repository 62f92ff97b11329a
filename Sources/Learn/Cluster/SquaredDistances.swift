import Linalg

/// Squared Euclidean distances between rows and centroids through BLAS:
/// ||x||² − 2 x·cᵀ + ||c||², clamped at zero against rounding.
enum SquaredDistances {
    /// Rows per block: bounds the scratch buffer and fixes the summation order, so results
    /// never depend on the number of workers.
    static let blockRows = 2048

    /// Squared norm of every row of a row-major buffer.
    static func rowNorms(_ m: Matrix) -> [Double] {
        var out = [Double](repeating: 0, count: m.rows)
        m.values.withUnsafeBufferPointer { p in
            for r in 0..<m.rows {
                var s = 0.0
                let base = r * m.cols
                for c in 0..<m.cols { s += p[base + c] * p[base + c] }
                out[r] = s
            }
        }
        return out
    }

    /// Distances from rows `range` of `x` to every row of `centers`, written row-major into `out`
    /// (`range.count × centers.rows`).
    static func block(_ x: Matrix, rowNorms: [Double], range: Range<Int>,
                      centers: Matrix, centerNorms: [Double], into out: UnsafeMutablePointer<Double>) {
        let k = centers.rows, d = x.cols, m = range.count
        if m == 0 || k == 0 { return }
        x.values.withUnsafeBufferPointer { px in
            centers.values.withUnsafeBufferPointer { pc in
                guard let xa = px.baseAddress, let ca = pc.baseAddress else { return }
                BLAS.dgemm(transposeA: false, transposeB: true, m: m, n: k, k: d, alpha: -2,
                           a: xa + range.lowerBound * d, lda: d, b: ca, ldb: d, beta: 0, c: out, ldc: k)
            }
        }
        for i in 0..<m {
            let xn = rowNorms[range.lowerBound + i]
            for j in 0..<k { out[i * k + j] = max(0, out[i * k + j] + xn + centerNorms[j]) }
        }
    }

    /// The full n × k matrix of squared distances (for transforms on modest n).
    static func all(_ x: Matrix, centers: Matrix) -> Matrix {
        var out = Matrix(rows: x.rows, cols: centers.rows)
        let xn = rowNorms(x), cn = rowNorms(centers)
        let blocks = (x.rows + blockRows - 1) / blockRows
        out.values.withUnsafeMutableBufferPointer { po in
            guard let base = po.baseAddress else { return }
            Parallel.forEach(blocks) { b in
                let lo = b * blockRows, hi = min(x.rows, lo + blockRows)
                block(x, rowNorms: xn, range: lo..<hi, centers: centers, centerNorms: cn,
                      into: base + lo * centers.rows)
            }
        }
        return out
    }
}

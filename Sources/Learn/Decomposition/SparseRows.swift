import Linalg

/// A compressed-sparse-row matrix (e.g. the multi-hot tag matrix: ~18k songs × ~1000 tags, a few tags per song).
///
/// Sparse × dense products are row loops over the stored entries (not dense algebra), split across cores
/// by rows so that every output row is written by one thread: results do not depend on scheduling.
public struct SparseRows: Sendable, Equatable {
    public let rows: Int
    public let cols: Int
    /// Row `r`'s entries are at `rowStart[r]..<rowStart[r + 1]`.
    public let rowStart: [Int]
    public let columnIndex: [Int]
    public var values: [Double]

    public init(rows: Int, cols: Int, rowStart: [Int], columnIndex: [Int], values: [Double]) {
        precondition(rowStart.count == rows + 1 && columnIndex.count == values.count, "inconsistent CSR arrays")
        self.rows = rows
        self.cols = cols
        self.rowStart = rowStart
        self.columnIndex = columnIndex
        self.values = values
    }

    /// The non-zero entries of a dense matrix.
    public init(dense m: Matrix) {
        var start = [0], index: [Int] = [], values: [Double] = []
        for r in 0..<m.rows {
            for c in 0..<m.cols where m[r, c] != 0 {
                index.append(c)
                values.append(m[r, c])
            }
            start.append(index.count)
        }
        self.init(rows: m.rows, cols: m.cols, rowStart: start, columnIndex: index, values: values)
    }

    /// The transpose, also in CSR form (column indices stay sorted within each row).
    public func transposed() -> SparseRows {
        var counts = [Int](repeating: 0, count: cols + 1)
        for c in columnIndex { counts[c + 1] += 1 }
        for c in 0..<cols { counts[c + 1] += counts[c] }
        var next = counts
        var index = [Int](repeating: 0, count: values.count)
        var out = [Double](repeating: 0, count: values.count)
        for r in 0..<rows {
            for p in rowStart[r]..<rowStart[r + 1] {
                let c = columnIndex[p]
                index[next[c]] = r
                out[next[c]] = values[p]
                next[c] += 1
            }
        }
        return SparseRows(rows: cols, cols: rows, rowStart: counts, columnIndex: index, values: out)
    }

    /// self × b, with `b` dense (cols × k).
    public func multiply(_ b: Matrix) -> Matrix {
        precondition(b.rows == cols, "sparse multiply: inner dimensions differ")
        let k = b.cols
        var out = Matrix(rows: rows, cols: k)
        // Work is proportional to stored entries, so chunks are small enough for the short transposed side too.
        let minimumChunk = max(16, rows * 256 / max(values.count, 1))
        out.values.withUnsafeMutableBufferPointer { po in
            b.values.withUnsafeBufferPointer { pb in
                rowStart.withUnsafeBufferPointer { start in
                    columnIndex.withUnsafeBufferPointer { index in
                        values.withUnsafeBufferPointer { v in
                            guard let po = po.baseAddress, let pb = pb.baseAddress else { return }
                            let (start, index, v) = (start, index, v)
                            Parallel.chunks(rows, minimumChunk: minimumChunk) { range in
                                for r in range {
                                    let target = po + r * k
                                    for p in start[r]..<start[r + 1] {
                                        let x = v[p], source = pb + index[p] * k
                                        for j in 0..<k { target[j] += x * source[j] }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return out
    }

    /// Column means and population variances (NumPy's `var(axis=0)`), zeros counted.
    public func columnMeanAndVariance() -> (mean: [Double], variance: [Double]) {
        var sum = [Double](repeating: 0, count: cols), squares = sum
        for p in values.indices {
            sum[columnIndex[p]] += values[p]
        }
        let n = Double(max(rows, 1))
        let mean = sum.map { $0 / n }
        for p in values.indices {
            let d = values[p] - mean[columnIndex[p]]
            squares[columnIndex[p]] += d * d
        }
        // Each of the column's implicit zeros contributes mean².
        var stored = [Int](repeating: 0, count: cols)
        for c in columnIndex { stored[c] += 1 }
        let variance = (0..<cols).map { c in
            (squares[c] + Double(rows - stored[c]) * mean[c] * mean[c]) / n
        }
        return (mean, variance)
    }
}

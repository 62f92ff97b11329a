/// A dense row-major matrix of `Double`, the currency of every transform and estimator.
///
/// Missing values are `.nan`. `values[r * cols + c]` is row `r`, column `c`.
public struct Matrix: Equatable, Sendable {
    public private(set) var rows: Int
    public private(set) var cols: Int
    public var values: [Double]

    public init(rows: Int, cols: Int, repeating value: Double = 0) {
        precondition(rows >= 0 && cols >= 0, "matrix dimensions must be non-negative")
        self.rows = rows
        self.cols = cols
        self.values = [Double](repeating: value, count: rows * cols)
    }

    public init(rows: Int, cols: Int, values: [Double]) {
        precondition(values.count == rows * cols, "matrix needs \(rows * cols) values, got \(values.count)")
        self.rows = rows
        self.cols = cols
        self.values = values
    }

    /// Builds a matrix from row arrays, all of the same length.
    public init(rowArrays: [[Double]]) {
        let cols = rowArrays.first?.count ?? 0
        precondition(rowArrays.allSatisfy { $0.count == cols }, "all rows must have the same length")
        self.init(rows: rowArrays.count, cols: cols, values: rowArrays.flatMap { $0 })
    }

    /// Builds a matrix from column arrays, all of the same length.
    public init(columns: [[Double]]) {
        let rows = columns.first?.count ?? 0
        precondition(columns.allSatisfy { $0.count == rows }, "all columns must have the same length")
        var m = Matrix(rows: rows, cols: columns.count)
        for (c, column) in columns.enumerated() {
            for r in 0..<rows { m.values[r * columns.count + c] = column[r] }
        }
        self = m
    }

    public subscript(row: Int, col: Int) -> Double {
        get { values[row * cols + col] }
        set { values[row * cols + col] = newValue }
    }

    public func row(_ r: Int) -> ArraySlice<Double> {
        values[(r * cols)..<((r + 1) * cols)]
    }

    public func column(_ c: Int) -> [Double] {
        (0..<rows).map { values[$0 * cols + c] }
    }

    /// The rows at `indices`, in that order.
    public func selectingRows(_ indices: [Int]) -> Matrix {
        var out = [Double]()
        out.reserveCapacity(indices.count * cols)
        values.withUnsafeBufferPointer { src in
            for r in indices { out.append(contentsOf: src[(r * cols)..<((r + 1) * cols)]) }
        }
        return Matrix(rows: indices.count, cols: cols, values: out)
    }

    /// The columns at `indices`, in that order.
    public func selectingColumns(_ indices: [Int]) -> Matrix {
        var out = Matrix(rows: rows, cols: indices.count)
        for r in 0..<rows {
            for (j, c) in indices.enumerated() { out.values[r * indices.count + j] = values[r * cols + c] }
        }
        return out
    }

    public func transposed() -> Matrix {
        var out = Matrix(rows: cols, cols: rows)
        for r in 0..<rows {
            for c in 0..<cols { out.values[c * rows + r] = values[r * cols + c] }
        }
        return out
    }

    /// Side-by-side concatenation of matrices with equal row counts.
    public static func hstack(_ parts: [Matrix]) -> Matrix {
        guard let first = parts.first else { return Matrix(rows: 0, cols: 0) }
        precondition(parts.allSatisfy { $0.rows == first.rows }, "hstack needs equal row counts")
        let cols = parts.reduce(0) { $0 + $1.cols }
        var out = [Double]()
        out.reserveCapacity(first.rows * cols)
        for r in 0..<first.rows {
            for p in parts { out.append(contentsOf: p.row(r)) }
        }
        return Matrix(rows: first.rows, cols: cols, values: out)
    }

    /// Stacks matrices with equal column counts on top of each other.
    public static func vstack(_ parts: [Matrix]) -> Matrix {
        guard let first = parts.first else { return Matrix(rows: 0, cols: 0) }
        precondition(parts.allSatisfy { $0.cols == first.cols }, "vstack needs equal column counts")
        return Matrix(rows: parts.reduce(0) { $0 + $1.rows }, cols: first.cols, values: parts.flatMap { $0.values })
    }

    /// True when any entry is NaN or infinite.
    public var hasNonFinite: Bool { values.contains { !$0.isFinite } }
}

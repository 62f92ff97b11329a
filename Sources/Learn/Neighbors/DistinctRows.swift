import Linalg

/// The distinct rows of a matrix (bit-for-bit equal rows merged) and which original rows each stands for.
///
/// Real feature matrices repeat rows (songs of one artist share the artist's features; unmatched songs share
/// the imputed values), so neighbour search on distinct rows does the same work several times faster.
struct DistinctRows: Sendable {
    /// u × d, in order of first appearance.
    let matrix: Matrix
    /// Original row indices of each distinct row, ascending.
    let members: [[Int]]
    /// The distinct row of each original row.
    let distinctOf: [Int]

    init(_ m: Matrix) {
        var index: [RowKey: Int] = [:]
        var members: [[Int]] = []
        var distinctOf = [Int](repeating: 0, count: m.rows)
        var values: [Double] = []
        for r in 0..<m.rows {
            let key = RowKey(m.row(r))
            if let u = index[key] {
                members[u].append(r)
                distinctOf[r] = u
            } else {
                index[key] = members.count
                distinctOf[r] = members.count
                members.append([r])
                values.append(contentsOf: m.row(r))
            }
        }
        self.matrix = Matrix(rows: members.count, cols: m.cols, values: values)
        self.members = members
        self.distinctOf = distinctOf
    }
}

/// A row's exact bit pattern, hashable (so −0.0 and 0.0 differ; both are kept, which is only slower).
struct RowKey: Hashable {
    let bits: [UInt64]
    init(_ row: ArraySlice<Double>) { bits = row.map(\.bitPattern) }
}

import Linalg

/// How fitted models store a `Matrix` in saved model files: its shape and its row-major values.
struct MatrixCoding: Codable {
    var rows: Int
    var cols: Int
    var values: [Double]

    init(_ matrix: Matrix) {
        rows = matrix.rows
        cols = matrix.cols
        values = matrix.values
    }

    /// The matrix; throws when the shape does not match the number of values (a damaged file).
    func matrix(_ what: String) throws -> Matrix {
        guard rows >= 0, cols >= 0, rows * cols == values.count else {
            throw LearnError("saved \(what): \(rows) × \(cols) needs \(rows * cols) values, found \(values.count)")
        }
        return Matrix(rows: rows, cols: cols, values: values)
    }
}

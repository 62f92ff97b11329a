import Linalg

/// Saved models store k, the weighting, the training rows and their targets; the distinct-row index is rebuilt.
extension FittedKNeighbors: Codable {
    enum CodingKeys: String, CodingKey { case k, weights, train, targets }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let train = try c.decode(MatrixCoding.self, forKey: .train).matrix("neighbours' training rows")
        let targets = try c.decode(MatrixCoding.self, forKey: .targets).matrix("neighbours' targets")
        let k = try c.decode(Int.self, forKey: .k)
        guard train.rows == targets.rows, train.rows > 0, k >= 1, k <= train.rows else {
            throw LearnError("saved k-nearest-neighbours model: \(train.rows) rows, \(targets.rows) targets, k = \(k)")
        }
        self.init(k: k, weights: try c.decode(KNeighborsRegressor.Weights.self, forKey: .weights), train: train,
                  targets: targets)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(k, forKey: .k)
        try c.encode(weights, forKey: .weights)
        // The training rows in their original order, rebuilt from the distinct rows.
        let d = distinct.matrix.cols
        var values = [Double]()
        values.reserveCapacity(distinct.distinctOf.count * d)
        for u in distinct.distinctOf { values += distinct.matrix.row(u) }
        try c.encode(MatrixCoding(Matrix(rows: distinct.distinctOf.count, cols: d, values: values)), forKey: .train)
        try c.encode(MatrixCoding(targets), forKey: .targets)
    }
}

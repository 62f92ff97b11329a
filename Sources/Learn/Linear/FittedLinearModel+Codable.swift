import Linalg

/// Saved models store the coefficients (d × t) and one intercept per target.
extension FittedLinearModel: Codable {
    enum CodingKeys: String, CodingKey { case coefficients, intercept }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let coefficients = try c.decode(MatrixCoding.self, forKey: .coefficients).matrix("linear coefficients")
        let intercept = try c.decode([Double].self, forKey: .intercept)
        guard coefficients.cols == intercept.count else {
            throw LearnError("saved linear model: \(coefficients.cols) coefficient columns but \(intercept.count) intercepts")
        }
        self.init(coefficients: coefficients, intercept: intercept)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(MatrixCoding(coefficients), forKey: .coefficients)
        try c.encode(intercept, forKey: .intercept)
    }
}

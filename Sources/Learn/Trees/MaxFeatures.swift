/// How many features a tree considers at each split (scikit-learn's `max_features`):
/// a count (`10`), a fraction (`0.33`), `"sqrt"`, `"log2"`, or all of them (`null`, `1.0`).
public enum MaxFeatures: Codable, Equatable, Sendable {
    case all
    case count(Int)
    case fraction(Double)
    case sqrt
    case log2

    /// The number of features to draw out of `features`, at least 1 (scikit-learn's rounding down).
    public func resolve(features: Int) throws -> Int {
        let k: Int
        switch self {
        case .all: k = features
        case .count(let c):
            guard c >= 1 else { throw LearnError("max_features must be at least 1, got \(c)") }
            k = c
        case .fraction(let f):
            guard f > 0 && f <= 1 else { throw LearnError("max_features as a fraction must be in (0, 1], got \(f)") }
            k = max(1, Int(f * Double(features)))
        case .sqrt: k = max(1, Int(Double(features).squareRoot()))
        case .log2: k = max(1, Int(_log2(Double(features))))
        }
        return min(k, features)
    }

    private func _log2(_ x: Double) -> Double {
        var v = x, n = 0.0
        while v >= 2 { v /= 2; n += 1 }
        return n + (v - 1) // only the integer part matters after rounding down
    }

    /// Decodes an integer count, a fraction, "sqrt", "log2" or null.
    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .all; return }
        if let i = try? c.decode(Int.self) { self = .count(i); return }
        if let d = try? c.decode(Double.self) { self = d == 1 ? .all : .fraction(d); return }
        let s = try c.decode(String.self)
        switch s.lowercased() {
        case "sqrt": self = .sqrt
        case "log2": self = .log2
        case "all", "none": self = .all
        default:
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "max_features must be a count, a fraction, sqrt, log2 or null; got \(s)")
        }
    }

    /// Encodes the same forms `init(from:)` reads.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .all: try c.encodeNil()
        case .count(let i): try c.encode(i)
        case .fraction(let f): try c.encode(f)
        case .sqrt: try c.encode("sqrt")
        case .log2: try c.encode("log2")
        }
    }
}

import Linalg
import Learn

/// One hyperparameter value as written in an experiment's YAML: an integer, a number, a string or a flag.
public enum ParamValue: Codable, Hashable, Sendable, CustomStringConvertible {
    case int(Int)
    case double(Double)
    case string(String)
    case bool(Bool)

    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let i = try? c.decode(Int.self) { self = .int(i) }
        else if let d = try? c.decode(Double.self) { self = .double(d) }
        else if let s = try? c.decode(String.self) { self = .string(s) }
        else {
            throw DecodingError.typeMismatch(ParamValue.self, .init(codingPath: decoder.codingPath,
                debugDescription: "a hyperparameter must be an integer, a number, a string or true/false"))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .int(let v): try c.encode(v)
        case .double(let v): try c.encode(v)
        case .string(let v): try c.encode(v)
        case .bool(let v): try c.encode(v)
        }
    }

    public var description: String {
        switch self {
        case .int(let v): return String(v)
        case .double(let v): return String(v)
        case .string(let v): return v
        case .bool(let v): return String(v)
        }
    }

    /// The value as a number (integers convert), nil for strings and flags.
    public var doubleValue: Double? {
        switch self {
        case .int(let v): return Double(v)
        case .double(let v): return v
        default: return nil
        }
    }

    /// The value as an integer (whole numbers convert), nil otherwise.
    public var intValue: Int? {
        switch self {
        case .int(let v): return v
        case .double(let v): return v.rounded() == v && abs(v) < 1e15 ? Int(v) : nil
        default: return nil
        }
    }

    public var stringValue: String? { if case .string(let v) = self { return v } else { return nil } }
    public var boolValue: Bool? { if case .bool(let v) = self { return v } else { return nil } }
}

/// Hyperparameters by name, e.g. `["alpha": .double(1)]`.
public typealias Params = [String: ParamValue]
/// Candidate values per hyperparameter; the grid is their Cartesian product.
public typealias ParamGrid = [String: [ParamValue]]
/// Builds a model from hyperparameters; throws (with a readable message) on invalid values.
public typealias ModelFactory = (Params) throws -> any Regressor

public enum Grid {
    /// Every combination of the grid merged over `base` (grid values win), names sorted, the last name varying
    /// fastest (scikit-learn's `ParameterGrid` order). An empty grid gives `[base]`.
    public static func combinations(_ grid: ParamGrid, base: Params = [:]) throws -> [Params] {
        var out: [Params] = [base]
        for name in grid.keys.sorted() {
            guard let values = grid[name], !values.isEmpty else {
                throw EvaluateError("grid for \(name) has no values; give at least one")
            }
            guard Set(values).count == values.count else {
                throw EvaluateError("grid for \(name) lists the same value twice: \(values)")
            }
            out = out.flatMap { p in values.map { v in p.merging([name: v]) { $1 } } }
        }
        return out
    }

    /// The combinations, each checked by building its model once, so a bad value (e.g. a negative alpha)
    /// fails before any fitting, naming the combination.
    public static func validated(_ grid: ParamGrid, base: Params, factory: ModelFactory) throws -> [Params] {
        let all = try combinations(grid, base: base)
        for p in all {
            do {
                _ = try factory(p)
            } catch {
                throw EvaluateError("invalid hyperparameters \(describe(p)): \(error)")
            }
        }
        return all
    }

    /// `alpha=1.0, n_neighbors=5`, names sorted.
    public static func describe(_ p: Params) -> String {
        p.keys.sorted().map { "\($0)=\(p[$0]?.description ?? "")" }.joined(separator: ", ")
    }
}

/// How the grid's combinations are explored inside each training fold.
public enum ParamSearch: Sendable, Equatable {
    /// Every combination (scikit-learn's `GridSearchCV`).
    case grid
    /// `nIter` combinations drawn without replacement, seeded (scikit-learn's `RandomizedSearchCV` over lists);
    /// every combination when the grid has no more than `nIter`.
    case random(nIter: Int)
}

extension Grid {
    /// The candidates `search` explores among `all`, in draw order. The draw depends on the seed only, so every
    /// outer fold scores the same candidates, each fold choosing among them by its own inner cross-validation.
    public static func candidates(_ all: [Params], search: ParamSearch, seed: UInt64) -> [Params] {
        guard case .random(let nIter) = search, nIter < all.count else { return all }
        var rng = SeededGenerator(seed: seed, stream: 0x5253)
        return rng.permutation(all.count).prefix(nIter).map { all[$0] }
    }
}

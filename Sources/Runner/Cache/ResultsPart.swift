import Foundation
import Results

/// The parts of `RunResults` a step filled in: the top-level fields of the results JSON whose values the step
/// changed (its results slot: `load`, `cluster`, `sections`, …). Nothing here names a slot, so a new step's
/// results are cached and restored without a change to the cache.
struct ResultsPart: Codable, Equatable {
    /// Field name → the field's value.
    var fields: [String: JSONValue]

    /// The fields whose values differ between `before` and `after` the step.
    init(before: RunResults, after: RunResults) throws {
        let old = try Self.fields(of: before), new = try Self.fields(of: after)
        let encoder = ResultsJSON.encoder()
        fields = try new.filter { name, value in try old[name].map(encoder.encode) != encoder.encode(value) }
    }

    /// Sets the stored fields on `results`, leaving the others as they are.
    func apply(to results: inout RunResults) throws {
        let merged = try Self.fields(of: results).merging(fields) { _, stored in stored }
        results = try ResultsJSON.decoder().decode(RunResults.self, from: try ResultsJSON.encoder().encode(merged))
    }

    private static func fields(of results: RunResults) throws -> [String: JSONValue] {
        try ResultsJSON.decoder().decode([String: JSONValue].self, from: try ResultsJSON.encoder().encode(results))
    }
}

/// Any JSON value, decoded and encoded again without loss: integers stay integers (a 64-bit seed keeps every
/// digit), other numbers are doubles (`-0` keeps its sign), NaN and infinities stay the strings results use.
enum JSONValue: Codable, Equatable {
    case null, bool(Bool), int(Int64), uint(UInt64), double(Double), string(String)
    case array([JSONValue]), object([String: JSONValue])

    init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null; return }
        if let v = try? c.decode(Bool.self) { self = .bool(v); return }
        if let v = try? c.decode(String.self) { self = .string(v); return }
        let double = try? c.decode(Double.self)
        if let v = try? c.decode(Int64.self), double.map({ Double(v).bitPattern == $0.bitPattern || Int64(exactly: $0) != v }) ?? true {
            self = .int(v); return
        }
        if let v = try? c.decode(UInt64.self), double.map({ Double(v).bitPattern == $0.bitPattern || UInt64(exactly: $0) != v }) ?? true {
            self = .uint(v); return
        }
        if let double { self = .double(double); return }
        if let v = try? c.decode([JSONValue].self) { self = .array(v); return }
        self = .object(try c.decode([String: JSONValue].self))
    }

    func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .null: try c.encodeNil()
        case .bool(let v): try c.encode(v)
        case .int(let v): try c.encode(v)
        case .uint(let v): try c.encode(v)
        case .double(let v): try c.encode(v)
        case .string(let v): try c.encode(v)
        case .array(let v): try c.encode(v)
        case .object(let v): try c.encode(v)
        }
    }
}

import Foundation
import Results

/// The parts of `RunResults` a step filled in: the top-level fields of the results JSON whose values the step
/// changed (its results slot: `load`, `cluster`, `sections`, …). Nothing here names a slot, so a new step's
/// results are cached and restored without a change to the cache.
struct ResultsPart: Codable, Equatable {
    /// Field name → the field's value as JSON text.
    var fields: [String: String]

    /// The fields whose values differ between `before` and `after` the step.
    init(before: RunResults, after: RunResults) throws {
        let old = try Self.fields(of: before), new = try Self.fields(of: after)
        fields = new.filter { old[$0.key] != $0.value }
    }

    init(fields: [String: String]) { self.fields = fields }

    /// Sets the stored fields on `results`, leaving the others as they are.
    func apply(to results: inout RunResults) throws {
        var object = try Self.object(of: results)
        for (name, json) in fields {
            object[name] = try JSONSerialization.jsonObject(with: Data(json.utf8), options: .fragmentsAllowed)
        }
        results = try ResultsJSON.decoder().decode(RunResults.self, from: try JSONSerialization.data(withJSONObject: object))
    }

    private static func object(of results: RunResults) throws -> [String: Any] {
        let json = try JSONSerialization.jsonObject(with: try ResultsJSON.encoder().encode(results))
        guard let object = json as? [String: Any] else { throw CacheFormatError("results are not a JSON object") }
        return object
    }

    private static func fields(of results: RunResults) throws -> [String: String] {
        try object(of: results).mapValues { value in
            String(decoding: try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed]), as: UTF8.self)
        }
    }
}

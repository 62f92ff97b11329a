import Config
import Runner

/// Decoding helpers shared by the clean step's config types: unknown keys and unknown choices
/// become errors that list what is accepted.
struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ s: String) { stringValue = s }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

extension Decoder {
    /// Throws when the mapping has a key outside `allowed` (catches typos such as `min_cout`).
    func rejectUnknownKeys(_ allowed: [String], in section: String) throws {
        let container = try container(keyedBy: AnyKey.self)
        if let bad = container.allKeys.first(where: { !allowed.contains($0.stringValue) }) {
            throw DecodingError.dataCorruptedError(
                forKey: bad, in: container,
                debugDescription: "unknown key `\(bad.stringValue)` in \(section.isEmpty ? "clean" : "clean.\(section)") (allowed: \(allowed.joined(separator: ", ")))")
        }
    }
}

extension KeyedDecodingContainer {
    /// A string choice decoded into `E`, or `fallback` when the key is absent.
    func choice<E: RawRepresentable & CaseIterable>(_ type: E.Type, _ key: Key, default fallback: E) throws -> E
    where E.RawValue == String {
        guard let raw = try decodeIfPresent(String.self, forKey: key) else { return fallback }
        guard let value = E(rawValue: raw) else {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: self,
                debugDescription: "`\(key.stringValue): \(raw)` is not one of \(E.allCases.map(\.rawValue).joined(separator: " | "))")
        }
        return value
    }
}

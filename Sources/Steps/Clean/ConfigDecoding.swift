import Config
import Runner

/// The clean step's choices decode through the config decoder like every other enum, so an invalid value gets the
/// one message (nearest valid value and the list) and unknown keys are reported by the decoder itself.
extension KeyedDecodingContainer {
    /// A string choice decoded into `E`, or `fallback` when the key is absent.
    func choice<E: RawRepresentable & CaseIterable & Decodable>(_ type: E.Type, _ key: Key, default fallback: E) throws -> E
    where E.RawValue == String {
        try decodeIfPresent(E.self, forKey: key) ?? fallback
    }
}

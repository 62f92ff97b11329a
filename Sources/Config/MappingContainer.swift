import Yams

/// Mappings: records every key asked for, so unknown keys can be reported afterwards.
public struct MappingContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    public let mapping: Node.Mapping
    public let decoder: NodeDecoder

    public var codingPath: [CodingKey] { decoder.codingPath }
    private var state: DecodingState { decoder.state }

    /// Asking for all keys (e.g. a `[String: X]` dictionary) makes every key valid.
    public var allKeys: [Key] {
        state.markAllKeys(path: codingPath)
        return mapping.keys.compactMap { $0.string.flatMap(Key.init(stringValue:)) }
    }

    public func contains(_ key: Key) -> Bool {
        state.ask(key.stringValue, path: codingPath)
        return mapping[key.stringValue] != nil
    }

    public func decodeNil(forKey key: Key) throws -> Bool {
        state.ask(key.stringValue, path: codingPath)
        guard let value = mapping[key.stringValue] else { return true }
        return decoder.child(value, key: key).isNull
    }

    public func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try child(key).decode(T.self)
    }

    public func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try child(key).decode(type) }
    public func decode(_ type: String.Type, forKey key: Key) throws -> String { try child(key).decode(type) }
    public func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try child(key).decode(type) }
    public func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try child(key).decode(type) }
    public func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try child(key).decode(type) }
    public func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try child(key).decode(type) }
    public func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try child(key).decode(type) }
    public func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try child(key).decode(type) }
    public func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try child(key).decode(type) }
    public func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try child(key).decode(type) }
    public func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try child(key).decode(type) }
    public func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try child(key).decode(type) }
    public func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try child(key).decode(type) }
    public func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try child(key).decode(type) }

    public func nestedContainer<N: CodingKey>(keyedBy type: N.Type, forKey key: Key) throws -> KeyedDecodingContainer<N> {
        try child(key).container(keyedBy: type)
    }

    public func nestedUnkeyedContainer(forKey key: Key) throws -> UnkeyedDecodingContainer {
        try child(key).unkeyedContainer()
    }

    public func superDecoder() throws -> Decoder { decoder }

    public func superDecoder(forKey key: Key) throws -> Decoder { try child(key) }

    /// The decoder of the value at `key`; a missing key is an error that names the closest unknown key
    /// when it looks like a typo of `key`.
    private func child(_ key: Key) throws -> NodeDecoder {
        state.ask(key.stringValue, path: codingPath)
        if let value = mapping[key.stringValue] { return decoder.child(value, key: key) }
        let unasked = state.unaskedKeys(path: codingPath)
        if let typo = Suggestion.nearest(to: key.stringValue, in: unasked.map(\.0)),
           let node = unasked.first(where: { $0.0 == typo })?.1 {
            let place = codingPath.isEmpty ? "" : " in `\(ConfigPath.text(codingPath))`"
            throw ConfigError(path: ConfigPath.text(codingPath + [key]),
                              "unknown key `\(typo)`\(place) — did you mean `\(key.stringValue)`?",
                              location: state.location(node))
        }
        let place = codingPath.isEmpty ? "" : " in `\(ConfigPath.text(codingPath))`"
        throw ConfigError(path: ConfigPath.text(codingPath + [key]),
                          "missing required key `\(key.stringValue)`\(place)",
                          location: state.location(decoder.node))
    }
}

import Yams

/// A `Decoder` over one `Yams.Node` that records which mapping keys were asked for.
public struct NodeDecoder: Decoder {
    public let node: Node
    public let state: DecodingState
    public let codingPath: [CodingKey]
    public var userInfo: [CodingUserInfoKey: Any] { [:] }

    public init(node: Node, state: DecodingState, codingPath: [CodingKey]) {
        self.node = node
        self.state = state
        self.codingPath = codingPath
    }

    public func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .mapping(let mapping) = node else {
            throw state.typeMismatch(expected: "a mapping", node: node, path: codingPath)
        }
        state.register(mapping, path: codingPath)
        return KeyedDecodingContainer(MappingContainer<Key>(mapping: mapping, decoder: self))
    }

    public func unkeyedContainer() throws -> UnkeyedDecodingContainer {
        guard case .sequence(let sequence) = node else {
            throw state.typeMismatch(expected: "a list", node: node, path: codingPath)
        }
        return SequenceContainer(elements: Array(sequence), decoder: self)
    }

    public func singleValueContainer() throws -> SingleValueDecodingContainer { ScalarContainer(decoder: self) }

    /// A decoder for a child node.
    public func child(_ node: Node, key: CodingKey) -> NodeDecoder {
        NodeDecoder(node: node, state: state, codingPath: codingPath + [key])
    }

    /// Decodes any type, validating enum values first (a `ConfigEnum`, or any string enum of the libraries, such as a
    /// column kind) so every invalid value gets the same message with the valid ones.
    public func decode<T: Decodable>(_ type: T.Type) throws -> T {
        if let valid = Self.stringEnumValues(T.self) {
            guard case .scalar(let scalar) = node else {
                throw state.typeMismatch(expected: "one of \(valid.joined(separator: ", "))", node: node, path: codingPath)
            }
            if !valid.contains(scalar.string) {
                let name = ConfigPath.text(codingPath)
                let subject = name.isEmpty ? "" : " for `\(name)`"
                throw ConfigError(path: name,
                    "invalid value `\(scalar.string)`\(subject)\(Suggestion.didYouMean(scalar.string, in: valid))"
                    + " (expected one of: \(valid.joined(separator: ", ")))", location: state.location(node))
            }
        }
        if case .alias = node {
            throw ConfigError(path: ConfigPath.text(codingPath), "YAML aliases are not supported here",
                              location: state.location(node))
        }
        return try T(from: self)
    }

    /// The spellings of a string enum (`ConfigEnum`, or `CaseIterable` with `String` raw values), else nil.
    static func stringEnumValues<T>(_ type: T.Type) -> [String]? {
        if let enumType = type as? any ConfigEnum.Type { return enumType.configValues }
        guard let cases = type as? any CaseIterable.Type else { return nil }
        func spellings<C: CaseIterable>(_ type: C.Type) -> [String]? {
            let values = type.allCases.map { ($0 as? any RawRepresentable)?.rawValue as? String }
            return values.isEmpty || values.contains(nil) ? nil : values.compactMap { $0 }
        }
        return spellings(cases)
    }

    public var isNull: Bool {
        guard case .scalar(let scalar) = node else { return false }
        return scalar.style == .plain || scalar.style == .any ? node.null != nil : false
    }
}

/// Scalars: strings, numbers, booleans and null.
public struct ScalarContainer: SingleValueDecodingContainer {
    public let decoder: NodeDecoder
    public var codingPath: [CodingKey] { decoder.codingPath }
    private var node: Node { decoder.node }

    public func decodeNil() -> Bool { decoder.isNull }

    public func decode(_ type: Bool.Type) throws -> Bool {
        guard let value = node.bool else { throw mismatch("true or false") }
        return value
    }

    public func decode(_ type: String.Type) throws -> String {
        guard case .scalar(let scalar) = node, !decoder.isNull else { throw mismatch("a string") }
        return scalar.string
    }

    public func decode(_ type: Double.Type) throws -> Double {
        guard let value = node.float else { throw mismatch("a number") }
        return value
    }

    public func decode(_ type: Float.Type) throws -> Float { Float(try decode(Double.self)) }
    public func decode(_ type: Int.Type) throws -> Int { try integer() }
    public func decode(_ type: Int8.Type) throws -> Int8 { try integer() }
    public func decode(_ type: Int16.Type) throws -> Int16 { try integer() }
    public func decode(_ type: Int32.Type) throws -> Int32 { try integer() }
    public func decode(_ type: Int64.Type) throws -> Int64 { try integer() }
    public func decode(_ type: UInt.Type) throws -> UInt { try integer() }
    public func decode(_ type: UInt8.Type) throws -> UInt8 { try integer() }
    public func decode(_ type: UInt16.Type) throws -> UInt16 { try integer() }
    public func decode(_ type: UInt32.Type) throws -> UInt32 { try integer() }
    public func decode(_ type: UInt64.Type) throws -> UInt64 { try integer() }
    public func decode<T: Decodable>(_ type: T.Type) throws -> T { try decoder.decode(T.self) }

    private func integer<T: FixedWidthInteger>() throws -> T {
        let expected = T.isSigned ? "an integer" : "a non-negative integer"
        if let value = node.int {
            guard let exact = T(exactly: value) else { throw mismatch("\(expected) in \(T.min)...\(T.max)") }
            return exact
        }
        if case .scalar(let scalar) = node, scalar.style == .plain, let value = T(scalar.string) { return value }
        throw mismatch(expected)
    }

    private func mismatch(_ expected: String) -> ConfigError {
        decoder.state.typeMismatch(expected: expected, node: node, path: codingPath)
    }
}

/// Lists.
public struct SequenceContainer: UnkeyedDecodingContainer {
    public let elements: [Node]
    public let decoder: NodeDecoder
    public var currentIndex = 0

    public var codingPath: [CodingKey] { decoder.codingPath }
    public var count: Int? { elements.count }
    public var isAtEnd: Bool { currentIndex >= elements.count }

    private mutating func next() throws -> NodeDecoder {
        guard !isAtEnd else {
            throw ConfigError(path: ConfigPath.text(codingPath), "the list has too few elements",
                              location: decoder.state.location(decoder.node))
        }
        defer { currentIndex += 1 }
        return decoder.child(elements[currentIndex], key: IndexKey(currentIndex))
    }

    public mutating func decodeNil() throws -> Bool {
        guard !isAtEnd else { return false }
        let child = decoder.child(elements[currentIndex], key: IndexKey(currentIndex))
        if child.isNull { currentIndex += 1; return true }
        return false
    }

    public mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try next().decode(T.self) }

    public mutating func nestedContainer<N: CodingKey>(keyedBy type: N.Type) throws -> KeyedDecodingContainer<N> {
        try next().container(keyedBy: type)
    }

    public mutating func nestedUnkeyedContainer() throws -> UnkeyedDecodingContainer { try next().unkeyedContainer() }

    public mutating func superDecoder() throws -> Decoder { try next() }
}

import Literate
import Yams

/// Decodes typed, `Decodable` step configurations from YAML, with errors that point into the
/// experiment file: unknown keys (with the nearest valid key), wrong types, missing required keys,
/// invalid `ConfigEnum` values and malformed YAML.
public enum ConfigDecoder {
    /// Decodes `yaml`, whose first line is line `lineOffset + 1` of `file` and whose columns are shifted
    /// by `columnOffset`. Throws `ConfigErrors` listing every problem found.
    public static func decode<T: Decodable>(_ type: T.Type, yaml: String, file: String,
                                            lineOffset: Int = 0, columnOffset: Int = 0) throws -> T {
        try decode(type, from: ConfigSource(yaml: yaml, file: file, lineOffset: lineOffset, columnOffset: columnOffset))
    }

    /// Parses and decodes a source. Throws `ConfigErrors`.
    public static func decode<T: Decodable>(_ type: T.Type, from source: ConfigSource) throws -> T {
        try decode(type, from: ConfigDocument(source))
    }

    /// Decodes an already parsed document (e.g. one with overrides applied). Throws `ConfigErrors`.
    public static func decode<T: Decodable>(_ type: T.Type, from document: ConfigDocument) throws -> T {
        try decode(type, node: document.root, source: document.source, codingPath: [])
    }

    /// Decodes one node, e.g. a single override value for a key path. Throws `ConfigErrors`.
    public static func decode<T: Decodable>(_ type: T.Type, node: Node, source: ConfigSource,
                                            codingPath: [CodingKey]) throws -> T {
        let state = DecodingState(source: source)
        let value: T
        do {
            value = try NodeDecoder(node: node, state: state, codingPath: codingPath).decode(T.self)
        } catch let error as ConfigError {
            throw ConfigErrors([error])
        } catch let error as DecodingError {
            throw ConfigErrors([state.error(from: error, root: node)])
        }
        let unknown = state.unknownKeyErrors()
        if !unknown.isEmpty { throw ConfigErrors(unknown) }
        return value
    }
}

/// What one decoding run has seen: per mapping, which keys the Decodable types asked for.
public final class DecodingState {
    public struct Record {
        var mapping: Node.Mapping
        var path: String
        var asked: [String] = []
        var allKeys = false
    }

    public let source: ConfigSource
    private var records: [String: Record] = [:]
    private var order: [String] = []

    public init(source: ConfigSource) { self.source = source }

    public func location(_ node: Node?) -> SourceLocation { source.location(node?.mark) }

    public func register(_ mapping: Node.Mapping, path: [CodingKey]) {
        let text = ConfigPath.text(path)
        if records[text] == nil {
            records[text] = Record(mapping: mapping, path: text)
            order.append(text)
        }
    }

    public func ask(_ key: String, path: [CodingKey]) {
        let text = ConfigPath.text(path)
        if let record = records[text], !record.asked.contains(key) { records[text]?.asked.append(key) }
    }

    public func markAllKeys(path: [CodingKey]) { records[ConfigPath.text(path)]?.allKeys = true }

    /// Keys present in the mapping at `path` that nobody has asked for (yet).
    public func unaskedKeys(path: [CodingKey]) -> [(String, Node)] {
        guard let record = records[ConfigPath.text(path)] else { return [] }
        return record.mapping.compactMap { pair in
            let key = pair.key.string ?? ""
            return record.asked.contains(key) ? nil : (key, pair.key)
        }
    }

    public func unknownKeyErrors() -> [ConfigError] {
        var errors: [ConfigError] = []
        for text in order {
            guard let record = records[text], !record.allKeys else { continue }
            for pair in record.mapping {
                let key = pair.key.string ?? ""
                guard !record.asked.contains(key) else { continue }
                let place = record.path.isEmpty ? "" : " in `\(record.path)`"
                let hint = Suggestion.nearest(to: key, in: record.asked).map { " — did you mean `\($0)`?" }
                    ?? " (valid keys: \(record.asked.joined(separator: ", ")))"
                let path = record.path.isEmpty ? key : "\(record.path).\(key)"
                errors.append(ConfigError(path: path, "unknown key `\(key)`\(place)\(hint)",
                                          location: location(pair.key)))
            }
        }
        return errors
    }

    /// "expected a number for `learning_rate`, got `fast`"
    public func typeMismatch(expected: String, node: Node, path: [CodingKey]) -> ConfigError {
        let name = ConfigPath.text(path)
        let subject = name.isEmpty ? "the configuration" : "`\(name)`"
        return ConfigError(path: name, "expected \(expected) for \(subject), got \(Self.describe(node))",
                           location: location(node))
    }

    public static func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let scalar):
            return node.null != nil && scalar.style == .plain ? "nothing" : "`\(scalar.string)`"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }

    /// Converts errors thrown by hand-written `init(from:)` implementations.
    public func error(from error: DecodingError, root: Node) -> ConfigError {
        switch error {
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .keyNotFound(_, let context),
             .dataCorrupted(let context):
            let path = ConfigPath.text(context.codingPath)
            let document = try? ConfigDocument(source)
            // An unknown key is shown at the key itself, like the decoder's own unknown-key errors.
            let atKey = context.debugDescription.hasPrefix("unknown key")
            let place = (atKey ? document?.keyLocation(ofPath: path) : document?.location(ofPath: path)) ?? source.fallback
            return ConfigError(path: path, context.debugDescription, location: place)
        @unknown default:
            return ConfigError(path: "", "\(error)", location: source.fallback)
        }
    }
}

/// The coding key of a list element.
public struct IndexKey: CodingKey {
    public let index: Int
    public init(_ index: Int) { self.index = index }
    public init?(intValue: Int) { index = intValue }
    public init?(stringValue: String) { return nil }
    public var intValue: Int? { index }
    public var stringValue: String { "Index \(index)" }
}

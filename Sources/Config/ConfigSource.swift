import Literate
import Yams

/// The YAML text of one configuration and how its positions map to the file it came from.
public struct ConfigSource: Sendable {
    public let yaml: String
    /// The file name used in messages.
    public let file: String
    /// Where errors without a YAML position go (e.g. the opening fence of an empty step block).
    public let fallback: SourceLocation
    private let map: @Sendable (Int, Int) -> SourceLocation

    /// YAML whose line 1, column 1 sits at file line `lineOffset + 1`, column `columnOffset + 1`.
    public init(yaml: String, file: String, lineOffset: Int = 0, columnOffset: Int = 0) {
        self.yaml = yaml
        self.file = file
        fallback = SourceLocation(file: file, line: lineOffset + 1, column: columnOffset + 1)
        map = { SourceLocation(file: file, line: $0 + lineOffset, column: $1 + columnOffset) }
    }

    /// The content of a step block, positions mapped line by line through the fence (lists, quotes).
    public init(step: StepBlock, file: String) {
        yaml = step.block.content
        self.file = file
        fallback = SourceLocation(file: file, line: step.block.openingLine, column: step.nameColumn)
        let block = step.block
        map = { block.fileLocation(contentLine: $0, contentColumn: $1, file: file) }
    }

    /// The file position of a 1-based YAML line and column.
    public func location(line: Int, column: Int) -> SourceLocation { map(line, column) }

    /// The file position of a YAML mark, or `fallback` without one.
    func location(_ mark: Mark?) -> SourceLocation {
        mark.map { location(line: $0.line, column: $0.column) } ?? fallback
    }
}

/// Several configuration errors, in file order.
public struct ConfigErrors: Error, Sendable, CustomStringConvertible {
    public var errors: [ConfigError]
    public init(_ errors: [ConfigError]) { self.errors = errors }
    public var description: String { errors.map(\.description).joined(separator: "\n") }
}

/// A parsed configuration: the YAML tree plus its source, ready to decode into a typed config.
public struct ConfigDocument: @unchecked Sendable {
    public let source: ConfigSource
    /// The root node; an empty mapping when the YAML is empty.
    public let root: Node

    init(source: ConfigSource, root: Node) {
        self.source = source
        self.root = root
    }

    /// Parses the YAML, turning libyaml errors into positioned `ConfigError`s ("malformed YAML: ...").
    public init(_ source: ConfigSource) throws {
        self.source = source
        do {
            // UTF-8 named explicitly: Yams's default reads the whole environment on every parse and prints to
            // standard output when `YAMS_DEFAULT_ENCODING` is set.
            root = try Yams.compose(yaml: source.yaml, .default, .default, .utf8) ?? Node([(Node, Node)]())
        } catch let error as YamlError {
            throw ConfigErrors([Self.describe(error, source: source)])
        }
    }

    private static func describe(_ error: YamlError, source: ConfigSource) -> ConfigError {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            let detail = context.map { " (\($0.text) that starts at \(source.location(($0.mark))))" } ?? ""
            // Past the last line (e.g. an unclosed `[`), the context's start is the more useful place.
            let lineCount = source.yaml.split(separator: "\n", omittingEmptySubsequences: false).count
            let place = mark.line >= lineCount ? (context?.mark ?? mark) : mark
            if problem.contains("nesting level") {
                return ConfigError(path: "", "malformed YAML: nested too deeply: flatten the configuration",
                                   location: source.location(mark))
            }
            return ConfigError(path: "", "malformed YAML: \(problem)\(detail)", location: source.location(place))
        case let .duplicatedKeysInMapping(duplicates, context):
            let keys = duplicates.map { "`\($0)`" }.joined(separator: ", ")
            return ConfigError(path: "", "duplicate key \(keys) in the same mapping",
                               location: source.location(context.mark))
        default:
            return ConfigError(path: "", "malformed YAML: \(error)", location: source.fallback)
        }
    }

    /// The file position of the key that ends `path` (`a.b.c` → the `c` of `c: ...`), or of its value when the
    /// last component is not a mapping key.
    public func keyLocation(ofPath path: String) -> SourceLocation {
        var components = ConfigPath.components(path)
        guard case .key(let key)? = components.popLast() else { return location(ofPath: path) }
        var node = root
        for component in components {
            switch (component, node) {
            case let (.key(name), .mapping(mapping)) where mapping[name] != nil: node = mapping[name]!
            case let (.index(index), .sequence(sequence)) where sequence.indices.contains(index): node = sequence[index]
            default: return location(ofPath: path)
            }
        }
        guard case .mapping(let mapping) = node, let pair = mapping.first(where: { $0.key.string == key }) else {
            return location(ofPath: path)
        }
        return source.location(pair.key.mark)
    }

    /// The file position of the value at `path` (`a.b[2].c`), or of its nearest existing ancestor.
    public func location(ofPath path: String) -> SourceLocation {
        var node = root
        var location = source.location(root.mark)
        for component in ConfigPath.components(path) {
            var next: Node?
            switch (component, node) {
            case let (.key(key), .mapping(mapping)):
                next = mapping[key]
            case let (.index(index), .sequence(sequence)):
                next = sequence.indices.contains(index) ? sequence[index] : nil
            default:
                next = nil
            }
            guard let found = next else { break }
            node = found
            location = source.location(found.mark)
        }
        return location
    }
}

/// Key paths such as `sources.songs.files[0]`.
public enum ConfigPath {
    public enum Component: Equatable { case key(String), index(Int) }

    public static func components(_ path: String) -> [Component] {
        var result: [Component] = []
        for part in path.split(separator: ".") {
            var rest = Substring(part)
            if let bracket = rest.firstIndex(of: "[") {
                if bracket > rest.startIndex { result.append(.key(String(rest[..<bracket]))) }
                rest = rest[bracket...]
                while rest.hasPrefix("["), let close = rest.firstIndex(of: "]") {
                    if let index = Int(rest[rest.index(after: rest.startIndex)..<close]) { result.append(.index(index)) }
                    rest = rest[rest.index(after: close)...]
                }
            } else {
                result.append(.key(String(rest)))
            }
        }
        return result
    }

    /// `a.b[2].c` from coding keys.
    public static func text(_ codingPath: [CodingKey]) -> String {
        var text = ""
        for key in codingPath {
            if let index = key as? IndexKey {
                text += "[\(index.index)]"
            } else {
                text += text.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return text
    }
}

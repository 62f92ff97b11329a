import Yams

extension ConfigDocument {
    /// A copy with the value at `keyPath` (`train.models.hgb.params.learning_rate`, `folds[0]`) replaced by
    /// the YAML value `yaml`, creating missing mapping keys. This is what `--set key.path=value` builds on:
    /// decode the result as usual, and wrong types are reported for that key path.
    /// Values set this way have no position in the file; their errors point at the step's block.
    public func setting(_ keyPath: String, toYAML yaml: String) throws -> ConfigDocument {
        let components = ConfigPath.components(keyPath)
        guard !components.isEmpty else { throw ConfigError(path: keyPath, "empty key path in override") }
        let value: Node
        do {
            value = Self.withoutMarks(try Yams.compose(yaml: yaml, .default, .default, .utf8) ?? Node("", .implicit, .plain))
        } catch {
            throw ConfigError(path: keyPath, "malformed YAML value `\(yaml)` for `\(keyPath)`", location: source.fallback)
        }
        return ConfigDocument(source: source, root: try Self.set(value, at: components[...], in: root, path: keyPath))
    }

    private static func set(_ value: Node, at components: ArraySlice<ConfigPath.Component>, in node: Node,
                            path: String) throws -> Node {
        guard let first = components.first else { return value }
        let rest = components.dropFirst()
        switch (first, node) {
        case let (.key(key), .mapping(mapping)):
            var pairs = Array(mapping).map { ($0.key, $0.value) }
            if let index = pairs.firstIndex(where: { $0.0.string == key }) {
                pairs[index].1 = try set(value, at: rest, in: pairs[index].1, path: path)
            } else {
                pairs.append((Node(key), try set(value, at: rest, in: Node([(Node, Node)]()), path: path)))
            }
            return .mapping(Node.Mapping(pairs, mapping.tag, mapping.style, mapping.mark))
        case let (.index(index), .sequence(sequence)):
            var nodes = Array(sequence)
            guard nodes.indices.contains(index) else {
                throw ConfigError(path: path, "cannot set `\(path)`: the list has \(nodes.count) elements")
            }
            nodes[index] = try set(value, at: rest, in: nodes[index], path: path)
            return .sequence(Node.Sequence(nodes, sequence.tag, sequence.style, sequence.mark))
        case (.key, _):
            throw ConfigError(path: path, "cannot set `\(path)`: a value on the way is not a mapping")
        case (.index, _):
            throw ConfigError(path: path, "cannot set `\(path)`: a value on the way is not a list")
        }
    }

    private static func withoutMarks(_ node: Node) -> Node {
        switch node {
        case .scalar(let scalar):
            return Node(scalar.string, scalar.tag, scalar.style)
        case .mapping(let mapping):
            return Node(mapping.map { (withoutMarks($0.key), withoutMarks($0.value)) }, mapping.tag, mapping.style)
        case .sequence(let sequence):
            return Node(sequence.map(withoutMarks), sequence.tag, sequence.style)
        case .alias:
            return node
        }
    }
}

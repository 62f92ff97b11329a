import Runner
import Config
import Evaluate
import Yams

/// Small helpers for building and merging YAML nodes (defaults under user values under grid values).
enum YAMLNodes {
    /// `base` with every pair of `overlay` replacing the pair with the same key, or appended.
    /// Keys keep the overlay's nodes, so positions of user-written keys survive for error messages.
    static func merged(_ base: Node, _ overlay: Node?) -> Node {
        guard case .mapping(let b) = base else { return overlay ?? base }
        guard let overlay, case .mapping(let o) = overlay else { return base }
        var pairs: [(Node, Node)] = []
        var replaced = Set<String>()
        let overlayByKey = Dictionary(o.map { ($0.key.string ?? "", ($0.key, $0.value)) }, uniquingKeysWith: { a, _ in a })
        for pair in b {
            let key = pair.key.string ?? ""
            if let replacement = overlayByKey[key] {
                pairs.append(replacement)
                replaced.insert(key)
            } else {
                pairs.append((pair.key, pair.value))
            }
        }
        for pair in o where !replaced.contains(pair.key.string ?? "") { pairs.append((pair.key, pair.value)) }
        return Node(pairs)
    }

    /// A mapping node from hyperparameter values.
    static func mapping(_ params: Params) -> Node {
        Node(params.keys.sorted().compactMap { key in params[key].map { (Node(key), scalar($0)) } })
    }

    /// The YAML scalar for one hyperparameter value.
    static func scalar(_ value: ParamValue) -> Node {
        switch value {
        case .int(let v): Node(String(v))
        case .double(let v): Node(String(v))
        case .string(let v): Node(v, Tag(.str), .doubleQuoted)
        case .bool(let v): Node(v ? "true" : "false")
        }
    }

    /// The hyperparameter value of a YAML scalar (lists are not grid values).
    static func paramValue(_ node: Node) -> ParamValue? {
        guard case .scalar(let scalar) = node else { return nil }
        if scalar.style == .plain || scalar.style == .any {
            if let b = node.bool { return .bool(b) }
            if let i = node.int { return .int(i) }
            if let d = node.float { return .double(d) }
        }
        return .string(scalar.string)
    }

    /// Encodes a value (e.g. a model's default hyperparameters) as a YAML node.
    static func node<T: Encodable>(encoding value: T) throws -> Node {
        try Yams.compose(yaml: YAMLEncoder().encode(value)) ?? Node([(Node, Node)]())
    }
}

import Yams

/// Flattens step configurations (YAML text) into `step.key.path → value` pairs for key-by-key diffs.
public enum ConfigFlattening {
    /// Every leaf of every step's configuration, with `overrides` (`step.path=value`) applied first.
    /// Lists of plain values stay one value (`[a, b]`); lists holding mappings are flattened by index.
    public static func flatten(configs: [String: String], overrides: [String] = []) -> [String: String] {
        var documents: [String: ConfigDocument] = [:]
        for (step, yaml) in configs {
            documents[step] = try? ConfigDocument(ConfigSource(yaml: yaml, file: step))
        }
        for text in overrides {
            guard let override = try? Override.parse(text), let value = override.values.first else { continue }
            let document = documents[override.step]
                ?? (try? ConfigDocument(ConfigSource(yaml: "", file: override.step)))
            documents[override.step] = (try? document?.setting(override.path, toYAML: value)) ?? document
        }
        var out: [String: String] = [:]
        for (step, document) in documents {
            for leaf in leaves(document.root, prefix: step) { out[leaf.key] = leaf.value }
        }
        for (step, yaml) in configs where documents[step] == nil { out[step] = yaml }  // unparsable: compare as text
        return out
    }

    /// Every leaf of `node` in document order (the one flattener: compare, sweeps and the step cache's keys):
    /// mappings become dotted keys, lists of plain values one value `[a, b]`, other lists `key[i]`.
    public static func leaves(_ node: Node, prefix: String = "") -> [(key: String, value: String)] {
        switch node {
        case .scalar(let scalar):
            return [(prefix, scalar.string)]
        case .alias:
            return [(prefix, "*alias")]
        case .mapping(let mapping):
            if mapping.isEmpty { return [(prefix, "{}")] }
            return mapping.flatMap { pair -> [(key: String, value: String)] in
                let name = pair.key.string ?? "\(pair.key)"
                return leaves(pair.value, prefix: prefix.isEmpty ? name : "\(prefix).\(name)")
            }
        case .sequence(let sequence):
            if sequence.allSatisfy({ $0.scalar != nil }) {
                return [(prefix, "[" + sequence.map { $0.string ?? "" }.joined(separator: ", ") + "]")]
            }
            return sequence.enumerated().flatMap { leaves($0.element, prefix: "\(prefix)[\($0.offset)]") }
        }
    }
}

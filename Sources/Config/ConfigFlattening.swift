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
            walk(document.root, path: step, into: &out)
        }
        for (step, yaml) in configs where documents[step] == nil { out[step] = yaml }  // unparsable: compare as text
        return out
    }

    private static func walk(_ node: Node, path: String, into out: inout [String: String]) {
        switch node {
        case .mapping(let mapping):
            if mapping.isEmpty { out[path] = "{}" }
            for pair in mapping { walk(pair.value, path: "\(path).\(pair.key.string ?? "?")", into: &out) }
        case .sequence(let sequence):
            if sequence.allSatisfy({ $0.scalar != nil }) {
                out[path] = "[" + sequence.map { $0.string ?? "" }.joined(separator: ", ") + "]"
            } else {
                for (i, element) in sequence.enumerated() { walk(element, path: "\(path)[\(i)]", into: &out) }
            }
        case .scalar(let scalar):
            out[path] = scalar.string
        case .alias:
            out[path] = "*alias"
        }
    }
}

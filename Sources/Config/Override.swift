import Foundation

/// One `--set step.key.path=value` from the command line: the step it changes, the key path inside that
/// step's configuration, and the YAML value(s). Several comma-separated values (`--set a.b=1,2,3`) make a sweep.
public struct Override: Sendable, Equatable {
    /// The first path segment: the step whose configuration changes (`train`).
    public let step: String
    /// The key path inside the step's configuration (`models.hgb.params.learning_rate`, `folds[0]`).
    public let path: String
    /// The YAML text of each value; more than one makes a sweep.
    public let values: [String]

    public init(step: String, path: String, values: [String]) {
        self.step = step
        self.path = path
        self.values = values
    }

    /// True for `a=1,2,3`.
    public var isSweep: Bool { values.count > 1 }

    /// `step.path=v1,v2` as it would be typed.
    public var text: String { "\(step).\(path)=\(values.joined(separator: ","))" }

    /// Parses `step.key.path=value` or `step.key.path=v1,v2,v3`. Commas inside `[...]`, `{...}` or quotes
    /// do not split, so `--set train.models.mlp.params.hidden_layer_sizes=[64,32]` is one value.
    public static func parse(_ text: String) throws -> Override {
        guard let equals = text.firstIndex(of: "=") else {
            throw OverrideError("`--set \(text)`: expected KEY=VALUE, e.g. train.models.hgb.params.learning_rate=0.05")
        }
        let key = text[..<equals].trimmingCharacters(in: .whitespaces)
        let value = String(text[text.index(after: equals)...])
        guard let dot = key.firstIndex(of: "."), dot != key.startIndex, key.index(after: dot) != key.endIndex else {
            throw OverrideError("`--set \(text)`: the key must start with a step name and a key inside it, "
                                + "e.g. train.models.hgb.params.learning_rate")
        }
        let values = splitValues(value)
        guard !values.isEmpty, !values.contains(where: { $0.trimmingCharacters(in: .whitespaces).isEmpty }) else {
            throw OverrideError("`--set \(text)`: a value is empty")
        }
        return Override(step: String(key[..<dot]), path: String(key[key.index(after: dot)...]), values: values)
    }

    /// Splits at commas outside brackets, braces and quotes.
    static func splitValues(_ text: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var depth = 0
        var quote: Character?
        for character in text {
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == "[" || character == "{" {
                depth += 1
            } else if character == "]" || character == "}" {
                depth -= 1
            } else if character == ",", depth == 0 {
                parts.append(current.trimmingCharacters(in: .whitespaces))
                current = ""
                continue
            }
            current.append(character)
        }
        parts.append(current.trimmingCharacters(in: .whitespaces))
        return parts
    }

    /// Every combination of the sweep values, each as a list of single-valued overrides (in the given order).
    /// Without sweeps, one combination: the overrides themselves.
    public static func combinations(_ overrides: [Override]) -> [[Override]] {
        var result: [[Override]] = [[]]
        for override in overrides {
            result = result.flatMap { prefix in
                override.values.map { prefix + [Override(step: override.step, path: override.path, values: [$0])] }
            }
        }
        return result
    }
}

/// A malformed `--set` argument or one that does not fit the experiment.
public struct OverrideError: Error, Sendable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

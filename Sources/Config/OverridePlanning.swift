import Literate

/// How the planner applies `--set` overrides: to the parsed YAML of their step, before decoding, so wrong
/// keys and types get the same checks and suggestions as the file's own text.
public enum OverridePlanning {
    /// The step's configuration with its overrides applied. Throws `ConfigErrors` naming the `--set`.
    public static func apply(_ overrides: [Override], step: String, to document: ConfigDocument) throws -> ConfigDocument {
        var result = document
        for override in overrides where override.step == step {
            guard override.values.count == 1, let value = override.values.first else {
                throw ConfigErrors([ConfigError(path: override.path,
                    "`--set \(override.text)` is a sweep: plan one value at a time", location: document.source.fallback)])
            }
            do {
                result = try result.setting(override.path, toYAML: value)
            } catch var error as ConfigError {
                error.message += " (from `--set \(override.text)`)"
                if error.location == nil { error.location = document.source.fallback }
                throw ConfigErrors([error])
            }
        }
        return result
    }

    /// Adds "(from `--set …`)" to errors about overridden key paths (they have no position of their own:
    /// they point at the step's block).
    public static func annotate(_ errors: ConfigErrors, overrides: [Override], step: String,
                         fallback: SourceLocation) -> ConfigErrors {
        let mine = overrides.filter { $0.step == step }
        guard !mine.isEmpty else { return errors }
        return ConfigErrors(errors.errors.map { error in
            let related = mine.first { o in
                error.path == o.path || error.path.hasPrefix(o.path + ".") || error.path.hasPrefix(o.path + "[")
                    || o.path.hasPrefix(error.path + ".") || (error.path.isEmpty && mine.count == 1)
            } ?? ((error.location == nil || error.location == fallback) && mine.count == 1 ? mine.first : nil)
            guard let related, !error.message.contains("(from `--set") else { return error }
            var annotated = error
            annotated.message += " (from `--set \(related.text)`)"
            return annotated
        })
    }

    /// Errors for overrides naming a step the file does not configure.
    public static func unmatched(_ overrides: [Override], document: ExperimentDocument, known: [String]) -> [Diagnostic] {
        let present = document.stepBlocks.map(\.name)
        var seen: Set<String> = []
        var diagnostics: [Diagnostic] = []
        for override in overrides where !present.contains(override.step) && seen.insert(override.step).inserted {
            let hint = Suggestion.didYouMean(override.step, in: present)
            let what = known.contains(override.step) ? "the file has no `\(override.step)` block"
                : "there is no step `\(override.step)`"
            diagnostics.append(Diagnostic(at: SourceLocation(file: document.fileName, line: 1, column: 1),
                "`--set \(override.text)`: \(what)\(hint) (steps in this file: \(present.joined(separator: ", ")))"))
        }
        return diagnostics
    }
}

import Runner
import Config
import Frame

extension TagsConfig {
    /// The config path of tag column `i`: `tags.column` for the one-column form, else `tags.columns[i]`.
    private func path(_ i: Int) -> String { columns.count == 1 ? "tags.column" : "tags.columns[\(i)]" }

    /// Data-free checks, each at its key: at least one column, no empty or repeated name, a non-empty separator.
    func check() throws {
        var errors: [ConfigError] = []
        if columns.isEmpty { errors.append(ConfigError(path: "tags.columns", "`tags.columns` is empty: list at least one column")) }
        for (i, name) in columns.enumerated() {
            if name.isEmpty { errors.append(ConfigError(path: path(i), "a tag column name is empty")) }
            if columns[..<i].contains(name) { errors.append(ConfigError(path: path(i), "tag column `\(name)` is listed twice")) }
        }
        if separator?.isEmpty == true {
            errors.append(ConfigError(path: "tags.separator", "`tags.separator` is empty: give the text between tags, e.g. `;` or `-`"))
        }
        if !errors.isEmpty { throw ConfigErrors(errors) }
    }

    /// Every tag column exists and is a list column or a text column, each error at the column's key.
    func check(against frame: DataFrame) throws {
        var errors: [ConfigError] = []
        for (i, name) in columns.enumerated() {
            guard let column = frame[name] else {
                errors.append(ConfigError(path: path(i), "no column `\(name)` for tags"
                    + Suggestion.didYouMean(name, in: frame.names) + " (columns: \(frame.names.joined(separator: ", ")))"))
                continue
            }
            if case .numeric = column {
                errors.append(ConfigError(path: path(i), "tag column `\(name)` is numeric; tags come from a list column "
                    + "or a text column (split at `separator`)"))
            }
        }
        if errors.count == 1 { throw errors[0] }
        if !errors.isEmpty { throw ConfigErrors(errors) }
    }
}

/// The text `labbook new` writes: every step filled in for a CSV of the project's data folder, with
/// comments that say which keys are required and what each step needs from the ones before it.
enum ExperimentTemplate {
    /// `data` is the CSV the experiment starts from; without one, placeholders the user replaces.
    static func text(name: String, data: DataColumns?, entity: String? = nil, prose: String? = nil) -> String {
        let fence = "```"
        let file = data?.file ?? "my-data.csv"
        let target = data?.target ?? "y"
        let features = data.map(\.features).flatMap { $0.isEmpty ? nil : $0 } ?? ["x1", "x2"]
        let categories = data?.categorical.map(\.name).filter { $0 != target } ?? []
        let source = sourceName(file)
        let question = prose ?? """
            What question does this experiment answer? Say it here, in prose: the report quotes this file.
            """
        var clean = """
            numeric:
              columns: \(list(features))
              impute: median                 # how missing values are filled: mean | median | most_frequent | constant
              scale: standard                # standard | minmax | none
            """
        if !categories.isEmpty {
            clean += """

                categorical:
                  columns: \(list(categories))
                  encode: onehot                 # one indicator per value | target (mean target, cross-fitted)
                """
        }
        var protocols = """
              random: {kind: kfold, folds: 5}  # shuffled with the run's seed
            """
        if let group = data?.categorical.first(where: { $0.levels >= 3 && $0.name != target }) {
            protocols += """

                  by_\(identifier(group.name)): {kind: group_kfold, folds: \(min(5, group.levels)), column: \(yaml(group.name))}   # unseen groups
                """
        } else {
            protocols += """

                  # by_group: {kind: group_kfold, folds: 5, column: GROUP}   # rows of one group stay in one fold
                """
        }
        return """
        # \(name)

        \(question)

        ## Data

        The load step is required and comes first. Required keys: `sources` (each with `file` or `files`)
        and `targets`.

        \(fence)yaml load
        sources:
        \(commented("  \(source):", "a name for the table (required)"))
        \(commented("    file: \(yaml(file))", "relative to the data folder, data_root in labbook.yml (required)"))
        \(commented("targets: [\(yaml(target))]", "the numeric columns to predict, one or several (required)"))
        \(fence)

        ## Cleaning

        Needs `load`. It turns columns into the features the models see: only the columns listed here are
        used. Every statistic (medians, scales, categories) is fitted inside each training fold only.

        \(fence)yaml clean
        \(clean)
        \(fence)

        ## Clusters

        Optional (delete the block to skip it). Needs `clean`: KMeans on the cleaned features; the chosen k's
        membership and distances become extra features of the models that use them.

        \(fence)yaml cluster
        k: {min: 2, max: 6}              # candidates for k, or a fixed k, e.g. `k: 4`
        rule: max_silhouette             # max_silhouette | elbow
        features: [onehot, distances]
        \(fence)

        ## Models

        Needs `clean` (and uses `cluster` when present). Required: `models`, each with a `kind`. `params`
        sets hyperparameters; a `grid` lists candidates, tuned by an inner cross-validation.

        \(fence)yaml train
        models:
          ridge:
            kind: ridge    # linear | ridge | lasso | knn | decision_tree | random_forest | hist_gradient_boosting | mlp
            grid: {alpha: [0.1, 1, 10, 100]}
          hgb:
            kind: hist_gradient_boosting
            params: {max_iter: 100, learning_rate: 0.1}
        inner_folds: 3                   # folds of the inner grid search
        \(fence)

        ## Evaluation

        Needs `load`, `clean` and `train` (and comes after `cluster`). Required: `protocols`, each a way to
        split the rows into training and test folds; they are compared side by side.

        \(fence)yaml evaluate
        protocols:
        \(protocols)
        bootstrap: 1000                  # resamples for confidence intervals (100 to 100,000)
        # benchmark: 0.4                 # a Pearson r to beat, when the field has one
        \(fence)

        Optional, after `evaluate`: how the report speaks. It is written to `reports/\(name).md` and `.html`.

        \(fence)yaml report
        \(entity.map { "entity: \($0)                  # what one row is, in the plural" }
            ?? "# entity: rows                  # what one row is, in the plural")
        # compare_with: other-experiment # compare with another experiment's saved results
        \(fence)

        ## Conclusions

        What did we learn? Write it after the run.

        """
    }

    /// A source name from a file name: its stem as an identifier.
    static func sourceName(_ file: String) -> String {
        identifier(file.split(separator: "/").last.map { $0.split(separator: ".").first.map(String.init) ?? "" } ?? "")
    }

    /// `text` with every character but letters, digits and `_` replaced by `_` ("data" when nothing is left).
    static func identifier(_ text: String) -> String {
        let cleaned = String(text.map { $0.isLetter || $0.isNumber || $0 == "_" ? $0 : "_" })
        return cleaned.isEmpty || cleaned.first!.isNumber ? "data" : cleaned
    }

    /// A YAML flow list of column names.
    static func list(_ names: [String]) -> String { "[" + names.map(yaml).joined(separator: ", ") + "]" }

    /// A plain scalar when that reads back as the same string, else a double-quoted one.
    static func yaml(_ text: String) -> String {
        let plain = !text.isEmpty && text.allSatisfy { $0.isLetter || $0.isNumber || "_-./".contains($0) }
            && !(text.first!.isNumber || "-.".contains(text.first!))
            && !["true", "false", "yes", "no", "on", "off", "null", "~"].contains(text.lowercased())
        if plain { return text }
        return "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// `line` with `comment` after it, aligned with the template's other comments (column 34).
    private static func commented(_ line: String, _ comment: String) -> String {
        line + String(repeating: " ", count: max(1, 33 - line.count)) + "# " + comment
    }
}

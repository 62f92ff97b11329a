import Results

/// `reports/index.html`: every experiment with its headline figures and links.
enum IndexPage {
    static func render(_ all: [RunResults]) -> String {
        let sorted = all.sorted { $0.experiment < $1.experiment }
        let rows = sorted.map { r -> [String] in
            let e = r.evaluation
            return [r.experiment, r.title, r.load.map { NumberFormat.grouped($0.rows) } ?? "-",
                    e.map { String($0.modelNames.count) } ?? "-",
                    headline(e, kind: "kfold"), headline(e, kind: "group_kfold"), headline(e, kind: "predefined"),
                    e.map { NumberFormat.r($0.benchmark) } ?? "-"]
        }
        let table = Table(header: ["experiment", "title", "rows", "models", "best r, random k-fold", "best r, grouped k-fold",
                                   "best r, official split", "benchmark"], rows: rows, numeric: [2, 3, 7])
        var html = HTMLWriter.renderTable(table)
        // Link each experiment name to its reports (names are escaped the same way in both places).
        for r in sorted {
            let name = HTMLWriter.escape(r.experiment)
            html = html.replacingOccurrences(of: "<tr><td>\(name)</td>",
                                             with: "<tr><td><a href=\"\(name).html\">\(name)</a> (<a href=\"\(name).md\">md</a>)</td>")
        }
        let intro = "<p>Each experiment's headline: the best pooled Pearson r per target under each evaluation protocol, "
            + "with the model that reached it. Open an experiment for its workspace, figures, discussion and reproducibility details.</p>"
        return HTMLPage.render(title: "labbook reports", subtitle: "\(sorted.count) experiment\(sorted.count == 1 ? "" : "s")",
                               nav: nil, body: intro + "\n" + html)
    }

    /// "valence 0.370 (hist_gradient_boosting); arousal ..." for the first protocol of `kind`.
    private static func headline(_ e: EvaluationSummary?, kind: String) -> String {
        guard let e, let p = e.protocolInfo(kind: kind) else { return "-" }
        let parts = e.targets.compactMap { target in
            e.ranked(protocolName: p.name, target: target).first.map { "\(target) \(NumberFormat.r($0.pooled.pearson)) (\($0.model))" }
        }
        return parts.isEmpty ? "-" : parts.joined(separator: "; ")
    }
}

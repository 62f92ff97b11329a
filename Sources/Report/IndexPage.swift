import Support
import Results

/// `reports/index.html`: every experiment with its headline protocol, best model and r per target, its run line
/// and links to its report's sections; then, per target, every experiment ranked by its headline r (pre-sorted:
/// the page needs no script).
enum IndexPage {
    /// `unreadable` names results files in the folder that could not be read (e.g. written by an older labbook):
    /// they are listed, not silently dropped, and never stop the page from being written.
    static func render(_ all: [RunResults], unreadable: [String] = []) -> String {
        let sorted = all.sorted { $0.experiment < $1.experiment }
        var body = ["<p>Each experiment's headline figures: the best pooled Pearson r per target under each evaluation "
            + "protocol (the headline protocol first), with the model that reached it. Open a report for the workspace, figures, "
            + "discussion and reproducibility details.</p>"]
        let targets = rankedTargets(sorted)
        if !targets.isEmpty {
            body.append("<p>Ranked per target: " + targets.map { "<a href=\"#rank-\(HTMLWriter.escape(slug($0)))\">\(HTMLWriter.escape($0))</a>" }
                .joined(separator: " · ") + "</p>")
        }
        if !unreadable.isEmpty {
            body.append("<p><strong>Warning:</strong> not listed: " + unreadable.map { "<code>\(HTMLWriter.escape($0))</code>" }
                .joined(separator: ", ") + " could not be read (written by another labbook version, or damaged); "
                + "rerun those experiments to list them.</p>")
        }
        for r in sorted { body.append(experimentSection(r)) }
        for target in targets { body.append(ranking(target, sorted)) }
        return HTMLPage.render(title: "labbook reports", subtitle: "\(sorted.count) experiment\(sorted.count == 1 ? "" : "s")",
                               nav: nil, body: body.joined(separator: "\n"))
    }

    private static func experimentSection(_ r: RunResults) -> String {
        let name = HTMLWriter.escape(r.experiment)
        var lines = ["<section class=\"experiment\">", "<h2 id=\"\(name)\"><a href=\"\(name).html\">\(HTMLWriter.escape(r.title))</a></h2>"]
        var facts = ["experiment \(r.experiment)"]
        if let load = r.load { facts.append("\(NumberFormat.grouped(load.rows)) \(r.entity ?? "rows")") }
        if let e = r.evaluation {
            if let headline = e.headline { facts.append("headline protocol \(headline.name)") }
            facts.append("\(e.modelNames.count) models")
            if let benchmark = e.benchmark { facts.append("benchmark r = \(NumberFormat.r(benchmark))") }
            if !e.dominatedBreakdowns.isEmpty { facts.append("warning: a pooled r is driven by group differences") }
        }
        lines.append("<p class=\"subtitle\">\(HTMLWriter.escape(facts.joined(separator: " · "))) · "
            + "<a href=\"\(name).html\">HTML report</a> · <a href=\"\(name).md\">Markdown report</a></p>")
        if let e = r.evaluation { lines.append(HTMLWriter.renderTable(headlineTable(e))) }
        let sections = [("data", "Data", r.load != nil), ("preprocessing", "Preprocessing", r.clean != nil),
                        ("clustering", "Clustering", r.cluster != nil), ("models", "Models", r.evaluation != nil),
                        ("protocols", "Protocols", r.evaluation != nil), ("discussion", "Discussion", true),
                        ("reproducibility", "Reproducibility", true)]
        lines.append("<p class=\"sections\">Sections: " + sections.filter(\.2).map { "<a href=\"\(name).html#\($0.0)\">\($0.1)</a>" }
            .joined(separator: " · ") + "</p>")
        // The run line on a line of its own: the one line allowed to differ between two runs.
        lines.append("<p class=\"run\">")
        lines.append(HTMLWriter.escape(RunSections.runLine(r.provenance)))
        lines.append("</p>")
        lines.append("</section>")
        return lines.joined(separator: "\n")
    }

    /// Target × protocol (headline first, named as written): the best pooled r and its model.
    private static func headlineTable(_ e: EvaluationSummary) -> Table {
        let protocols = e.protocolsHeadlineFirst
        let rows = e.targets.map { target in
            [target] + protocols.map { p -> String in
                guard let best = e.ranked(protocolName: p.name, target: target).first else { return "-" }
                return "\(NumberFormat.r(best.pooled.pearson)) (\(best.model))"
            }
        }
        let headline = e.headline?.name
        return Table(header: ["target"] + protocols.map { "best r, \($0.name)\($0.name == headline ? " (headline)" : "")" }, rows: rows)
    }

    /// Every target that some experiment evaluated, in name order.
    private static func rankedTargets(_ all: [RunResults]) -> [String] {
        Set(all.flatMap { $0.evaluation?.targets ?? [] }).sorted()
    }

    /// The experiments that evaluated `target`, best headline r first (ties by name).
    private static func ranking(_ target: String, _ all: [RunResults]) -> String {
        let entries: [(experiment: String, protocolName: String, best: ModelResult)] = all.compactMap { r in
            guard let e = r.evaluation, let p = e.headline, let best = e.ranked(protocolName: p.name, target: target).first else { return nil }
            return (r.experiment, p.name, best)
        }.sorted { a, b in
            a.best.pooled.pearson != b.best.pooled.pearson ? a.best.pooled.pearson > b.best.pooled.pearson : a.experiment < b.experiment
        }
        let rows = entries.enumerated().map { i, entry in
            [String(i + 1), "<a href=\"\(HTMLWriter.escape(entry.experiment)).html#models\">\(HTMLWriter.escape(entry.experiment))</a>",
             HTMLWriter.escape(entry.protocolName), HTMLWriter.escape(entry.best.model), NumberFormat.r(entry.best.pooled.pearson),
             "[\(NumberFormat.r(entry.best.ciLow)), \(NumberFormat.r(entry.best.ciHigh))]"]
        }
        return "<h2 id=\"rank-\(HTMLWriter.escape(slug(target)))\">Ranked by headline r: \(HTMLWriter.escape(target))</h2>\n"
            + "<p>Each experiment's best model under its own headline protocol, best first. Protocols differ between "
            + "experiments, so compare rows with the same protocol.</p>\n"
            + HTMLWriter.renderTable(header: ["rank", "experiment", "headline protocol", "best model", "pooled r", "95% CI"], rows: rows,
                                     alignments: [.right, .none, .none, .none, .right, .right])
    }

    private static func slug(_ text: String) -> String {
        String(text.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" })
    }
}

import Results

/// `reports/index.html`: every experiment with its headline figures and links.
enum IndexPage {
    static func render(_ all: [RunResults]) -> String {
        let sorted = all.sorted { $0.experiment < $1.experiment }
        var body = ["<p>Each experiment's headline figures: the best pooled Pearson r per target under each evaluation "
            + "protocol (the headline protocol first), with the model that reached it. Open a report for the workspace, figures, discussion and "
            + "reproducibility details.</p>"]
        for r in sorted {
            let name = HTMLWriter.escape(r.experiment)
            body.append("<section class=\"experiment\">")
            body.append("<h2 id=\"\(name)\"><a href=\"\(name).html\">\(HTMLWriter.escape(r.title))</a></h2>")
            var facts = ["experiment \(r.experiment)"]
            if let load = r.load { facts.append("\(NumberFormat.grouped(load.rows)) rows") }
            if let e = r.evaluation {
                facts.append("\(e.modelNames.count) models")
                if let benchmark = e.benchmark { facts.append("benchmark r = \(NumberFormat.r(benchmark))") }
                if !e.dominatedBreakdowns.isEmpty { facts.append("warning: a pooled r is driven by group differences") }
            }
            body.append("<p class=\"subtitle\">\(HTMLWriter.escape(facts.joined(separator: " · "))) · "
                + "<a href=\"\(name).html\">HTML report</a> · <a href=\"\(name).md\">Markdown report</a></p>")
            if let e = r.evaluation { body.append(HTMLWriter.renderTable(headlineTable(e))) }
            body.append("</section>")
        }
        return HTMLPage.render(title: "labbook reports", subtitle: "\(sorted.count) experiment\(sorted.count == 1 ? "" : "s")",
                               nav: nil, body: body.joined(separator: "\n"))
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
}

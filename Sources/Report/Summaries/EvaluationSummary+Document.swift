import Support
import Results

extension StepSummary {
    /// The evaluate step's summary: pooled r [95% CI] per model, target and protocol (headline first), the best model
    /// per protocol, per-group r (`metrics_by`, leave-one-group-out) and a warning when a pooled r is driven by group
    /// differences. Its Report counterparts are the Models and Evaluation protocols sections, which span the steps.
    public static func evaluate(_ s: EvaluationSummary) -> StepSummary {
        var doc = Document()
        let protocols = s.protocolsHeadlineFirst
        for target in s.targets {
            doc.paragraph("**\(target)**: pooled out-of-fold Pearson r [95% CI]" + (s.benchmark.map { "; benchmark r = \(NumberFormat.r($0))" } ?? ""))
            doc.table(Table(header: ["model"] + protocols.map(\.name), rows: s.modelNames.map { model in
                [model] + protocols.map { EvaluationSections.rWithInterval(s.result(model: model, protocolName: $0.name, target: target)) }
            }, numeric: Set(1...max(1, protocols.count))))
            var items: [String] = []
            for p in protocols {
                guard let best = s.ranked(protocolName: p.name, target: target).first else { continue }
                let verdict = best.passesBenchmark.map { $0 ? ", clears the benchmark" : ", does not clear the benchmark" } ?? ""
                let lead = p.name == s.headline?.name && protocols.count > 1 ? "headline; " : ""
                items.append("- \(p.name) (\(lead)\(p.description)): best \(best.model), r = \(NumberFormat.r(best.pooled.pearson))\(verdict).")
                for b in s.breakdowns(protocolName: p.name, target: target) where b.column == p.metricsBy {
                    let groups = b.groups.map { "\($0.name) \($0.metrics.map { NumberFormat.r($0.pearson) } ?? "n/a") (n = \(NumberFormat.grouped($0.n)))" }
                    items.append("  - r per \(b.column): " + groups.joined(separator: ", ")
                                 + "; within-group r = \(b.withinPearson.map(NumberFormat.r) ?? "n/a")")
                }
            }
            if !items.isEmpty { doc.markdown(items.joined(separator: "\n")) }
        }
        doc.warnings(s.dominatedBreakdowns.map { b in
            "under \(b.protocolName), the pooled r for \(b.target) (\(NumberFormat.r(b.pooledPearson)), \(b.model)) is driven by "
                + "differences between \(b.column) groups: group means explain \(NumberFormat.percent(b.betweenShare)) of the "
                + "variance; within-group r = \(b.withinPearson.map(NumberFormat.r) ?? "n/a"). Consider "
                + "`standardize: {by: \(b.column)}` on the target."
        })
        return StepSummary(step: "evaluate", title: "Evaluation", id: "evaluation", body: doc)
    }
}

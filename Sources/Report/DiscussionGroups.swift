import Results

/// Discussion sentences about groups: a pooled r driven by differences between groups of a declared column
/// (with the within-group r next to it), and the r reached inside each group of a `metrics_by` column.
enum DiscussionGroups {
    static func sentences(_ w: inout SentenceWriter, _ e: EvaluationSummary) {
        for b in e.dominatedBreakdowns {
            let within = b.withinPearson.map { "only \(w.r($0))" } ?? "undefined"
            w.end("Warning: under \(b.protocolName), the pooled r for \(b.target) (\(w.r(b.pooledPearson)), \(b.model)) is "
                + "dominated by differences between \(b.column) groups: the group means explain \(w.percent(b.betweenShare)) "
                + "of the scored \(b.target) values' variance, and the r within the groups is \(within). The pooled figure "
                + "mostly measures how well the model tells the groups apart; "
                + "standardize the target within \(b.column) (`standardize: {by: \(b.column)}`) or read the per-group r.",
                  topic: "groups")
        }
        for p in e.protocolsHeadlineFirst {
            guard let column = p.metricsBy else { continue }
            for target in e.targets {
                guard let b = e.breakdowns(protocolName: p.name, target: target).first(where: { $0.column == column })
                else { continue }
                let parts = b.groups.map { g in
                    "\(w.r(g.metrics?.pearson ?? .nan)) for \(g.name) (n = \(w.int(g.n)))"
                }
                guard !parts.isEmpty else { continue }
                let within = b.withinPearson.map { "; pooled within the groups, r = \(w.r($0))" } ?? ""
                w.end("Per \(column) group under \(p.name), \(b.model) reaches r = \(parts.joined(separator: ", ")) for \(target)"
                    + "\(within), against the pooled r = \(w.r(b.pooledPearson)).", topic: "groups-\(p.name)")
            }
        }
    }
}

import Support
import Results

/// The Report's per-group metrics (`metrics_by`, leave-one-group-out) and between-group warnings.
enum GroupSections {
    /// One warning per protocol and target whose best model's pooled r is dominated by group differences.
    static func warnings(_ e: EvaluationSummary) -> Document {
        var doc = Document()
        let rows = e.dominatedBreakdowns.map { b in
            [b.protocolName, b.target, b.model, b.column, NumberFormat.r(b.pooledPearson),
             b.withinPearson.map(NumberFormat.r) ?? "n/a", NumberFormat.percent(b.betweenShare)]
        }
        guard !rows.isEmpty else { return doc }
        doc.paragraph("**Warning: pooled r driven by group differences.** For these protocols and targets, the pooled r "
            + "mostly reflects differences between the groups of a column (the group means explain at least "
            + "\(NumberFormat.percent(GroupBreakdown.betweenShareLimit, 0)) of the variance, or the r within the groups is "
            + "at least \(NumberFormat.r(GroupBreakdown.withinGapLimit)) lower). Read the within-group r next to it.")
        doc.table(Table(header: ["protocol", "target", "model", "column", "pooled r", "within-group r", "variance between groups"],
                        rows: rows, numeric: [4, 5, 6]))
        return doc
    }

    /// Per-group metrics of the best model, per protocol with a `metrics_by` column and target.
    static func perGroup(_ e: EvaluationSummary) -> Document {
        var doc = Document()
        for p in e.protocolsHeadlineFirst {
            guard let column = p.metricsBy else { continue }
            for target in e.targets {
                guard let b = e.breakdowns(protocolName: p.name, target: target).first(where: { $0.column == column })
                else { continue }
                doc.paragraph("\(target) under \(p.name), per \(column) group (\(b.model), the best model): pooled r = "
                    + "\(NumberFormat.r(b.pooledPearson)), within-group r = \(b.withinPearson.map(NumberFormat.r) ?? "n/a"), "
                    + "variance between groups \(NumberFormat.percent(b.betweenShare)).")
                doc.table(Table(header: [column, "n", "r", "Spearman", "R²", "RMSE"], rows: b.groups.map { g in
                    [g.name, NumberFormat.grouped(g.n)] + (g.metrics.map {
                        [NumberFormat.r($0.pearson), NumberFormat.r($0.spearman), NumberFormat.r($0.r2), NumberFormat.r($0.rmse)]
                    } ?? ["n/a", "n/a", "n/a", "n/a"])
                }, numeric: [1, 2, 3, 4, 5]))
            }
        }
        return doc
    }
}

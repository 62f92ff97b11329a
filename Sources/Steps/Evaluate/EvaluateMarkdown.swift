import Runner
import Config
import Support
import Foundation
import Results

/// The `evaluate` step's output block: pooled r per model, target and protocol, the best model, per-group r
/// (`metrics_by`, leave-one-group-out) and a warning when a pooled r is driven by group differences.
enum EvaluateMarkdown {
    static func render(_ s: EvaluationSummary) -> String {
        var out: [String] = []
        let protocols = s.protocolsHeadlineFirst
        for target in s.targets {
            out.append("**\(target)**: pooled out-of-fold Pearson r [95% CI]"
                       + (s.benchmark.map { "; benchmark r = \(NumberFormat.r($0))" } ?? ""))
            out.append("")
            out.append("| model | " + protocols.map(\.name).joined(separator: " | ") + " |")
            out.append("|---|" + String(repeating: "---|", count: protocols.count))
            for name in s.modelNames {
                let cells = protocols.map { p -> String in
                    guard let m = s.models.first(where: { $0.model == name && $0.target == target && $0.protocolName == p.name })
                    else { return "—" }
                    let ci = m.pearsonCI.count == 2 ? " [\(NumberFormat.r(m.pearsonCI[0])), \(NumberFormat.r(m.pearsonCI[1]))]" : ""
                    return "\(NumberFormat.r(m.pooled.pearson))\(ci)"
                }
                out.append("| \(name) | " + cells.joined(separator: " | ") + " |")
            }
            out.append("")
            for p in protocols {
                guard let best = s.ranked(protocolName: p.name, target: target).first else { continue }
                let verdict = best.passesBenchmark.map { $0 ? ", clears the benchmark" : ", does not clear the benchmark" } ?? ""
                let lead = p.name == s.headline?.name && protocols.count > 1 ? "headline; " : ""
                out.append("- \(p.name) (\(lead)\(p.description)): best \(best.model), r = \(NumberFormat.r(best.pooled.pearson))"
                           + "\(verdict).")
                for b in s.breakdowns(protocolName: p.name, target: target) where b.column == p.metricsBy {
                    let groups = b.groups.map { "\($0.name) \($0.metrics.map { NumberFormat.r($0.pearson) } ?? "n/a") (n = \($0.n))" }
                    out.append("  - r per \(b.column): " + groups.joined(separator: ", ")
                               + "; within-group r = \(b.withinPearson.map(NumberFormat.r) ?? "n/a")")
                }
            }
            out.append("")
        }
        for b in s.dominatedBreakdowns {
            out.append("> **Warning:** under \(b.protocolName), the pooled r for \(b.target) (\(NumberFormat.r(b.pooledPearson)), "
                + "\(b.model)) is driven by differences between \(b.column) groups: group means explain "
                + "\(NumberFormat.percent(b.betweenShare)) of the variance; within-group r = "
                + "\(b.withinPearson.map(NumberFormat.r) ?? "n/a"). Consider `standardize: {by: \(b.column)}` on the target.")
            out.append("")
        }
        return out.joined(separator: "\n").trimmingCharacters(in: .newlines)
    }
}

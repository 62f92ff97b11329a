import Foundation
import Report
import Results

/// The `evaluate` step's output block: pooled r per model, target and protocol, and the best model.
enum EvaluateMarkdown {
    static func render(_ s: EvaluationSummary) -> String {
        var out: [String] = []
        for target in s.targets {
            out.append("**\(target)**: pooled out-of-fold Pearson r [95% CI]; benchmark r = \(NumberFormat.r(s.benchmark))")
            out.append("")
            out.append("| model | " + s.protocols.map(\.name).joined(separator: " | ") + " |")
            out.append("|---|" + String(repeating: "---|", count: s.protocols.count))
            let names = uniqueModels(s)
            for name in names {
                let cells = s.protocols.map { p -> String in
                    guard let m = s.models.first(where: { $0.model == name && $0.target == target && $0.protocolName == p.name })
                    else { return "—" }
                    let ci = m.pearsonCI.count == 2 ? " [\(NumberFormat.r(m.pearsonCI[0])), \(NumberFormat.r(m.pearsonCI[1]))]" : ""
                    return "\(NumberFormat.r(m.pooled.pearson))\(ci)"
                }
                out.append("| \(name) | " + cells.joined(separator: " | ") + " |")
            }
            out.append("")
            for p in s.protocols {
                let rows = s.models.filter { $0.target == target && $0.protocolName == p.name }
                guard let best = rows.max(by: { $0.pooled.pearson < $1.pooled.pearson }) else { continue }
                let verdict = best.passesBenchmark ? "clears" : "does not clear"
                out.append("- \(p.name) (\(p.description)): best \(best.model), r = \(NumberFormat.r(best.pooled.pearson)), "
                           + "\(verdict) the benchmark.")
            }
            out.append("")
        }
        return out.joined(separator: "\n").trimmingCharacters(in: .newlines)
    }

    private static func uniqueModels(_ s: EvaluationSummary) -> [String] {
        var seen: [String] = []
        for m in s.models where !seen.contains(m.model) { seen.append(m.model) }
        return seen
    }
}

import Runner
import Config
import Foundation
import Results

extension CleanStep {
    /// The step's output block: features before/after, the transforms, imputed values and reductions,
    /// as compact Markdown tables.
    public static func markdown(_ summary: CleanSummary) -> String {
        var lines = ["| features before | features after | tags kept |", "| ---: | ---: | ---: |",
                     "| \(summary.featuresBefore) | \(summary.featuresAfter) | \(summary.tagsKept.map(String.init) ?? "–") |", ""]
        if !summary.transforms.isEmpty {
            lines += ["| # | transform |", "| ---: | --- |"]
            lines += summary.transforms.enumerated().map { "| \($0.offset + 1) | \(escaped($0.element)) |" }
            lines.append("")
        }
        if !summary.imputed.isEmpty {
            lines += ["| column | imputed |", "| --- | ---: |"]
            lines += summary.imputed.map { "| \(escaped($0.name)) | \($0.count) |" }
            lines.append("")
        }
        if !summary.reductions.isEmpty {
            lines += ["| reduction | method | inputs | components | variance explained | first components |",
                      "| --- | --- | ---: | ---: | ---: | --- |"]
            for r in summary.reductions {
                let total = r.explainedVarianceRatio.reduce(0, +)
                let head = r.explainedVarianceRatio.prefix(5).map { percent($0) }.joined(separator: ", ")
                    + (r.explainedVarianceRatio.count > 5 ? ", …" : "")
                lines.append("| \(escaped(r.name)) | \(r.method) | \(r.inputs) | \(r.components) | \(percent(total)) | \(head) |")
            }
            lines.append("")
        }
        lines += WarningLines.markdown(summary.warnings)
        return lines.joined(separator: "\n")
    }

    private static func percent(_ ratio: Double) -> String {
        String(format: "%.1f%%", ratio * 100)
    }

    private static func escaped(_ s: String) -> String {
        s.replacingOccurrences(of: "|", with: "\\|")
    }
}

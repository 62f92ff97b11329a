import Runner
import Config
import Foundation
import Results

extension LoadStep {
    /// The step's output block as compact Markdown tables: rows per source and file, rows per split, the join
    /// (match rate, matched rows, right duplicates dropped), renames, missing values per column and target statistics.
    public static func markdown(_ summary: LoadSummary) -> String {
        var lines: [String] = []
        lines.append("**\(summary.rows) rows × \(summary.columns) columns.**")
        lines.append("")
        lines.append("| source | file | rows | skipped |")
        lines.append("| --- | --- | ---: | ---: |")
        for s in summary.sources {
            for f in s.files { lines.append("| \(s.name) | `\(f.name)` | \(f.count) | |") }
            if s.files.count > 1 || s.skippedRows > 0 { lines.append("| \(s.name) | all | \(s.rows) | \(s.skippedRows) |") }
        }
        if !summary.splits.isEmpty {
            lines.append("")
            lines.append("| split | rows |")
            lines.append("| --- | ---: |")
            for s in summary.splits { lines.append("| \(s.name) | \(s.count) |") }
        }
        if let j = summary.join {
            lines.append("")
            lines.append("| join | how | normalization | matched | match rate | right duplicates dropped |")
            lines.append("| --- | --- | --- | ---: | ---: | ---: |")
            lines.append("| \(j.left) × \(j.right) | \(j.how) | \(j.normalize.isEmpty ? "none" : j.normalize.joined(separator: ", ")) "
                + "| \(j.matchedRows) of \(j.leftRows) | \(String(format: "%.1f%%", j.matchRate * 100)) | \(j.rightDuplicateKeysDropped) |")
            if let files = j.byFile, files.count > 1 {
                let splits = files.contains { $0.split != nil }
                lines.append("")
                lines.append("| \(j.left) file |" + (splits ? " \(j.splitColumn ?? "split") |" : "") + " matched | match rate |")
                lines.append("| --- |" + (splits ? " --- |" : "") + " ---: | ---: |")
                for f in files {
                    lines.append("| `\(f.file)` |" + (splits ? " \(f.split ?? "") |" : "")
                        + " \(f.matchedRows) of \(f.rows) | \(String(format: "%.1f%%", f.matchRate * 100)) |")
                }
            }
        }
        if let f = summary.filter {
            lines.append("")
            lines.append("Row filter (`where`, after the join): \(f.rowsKept) of \(f.rowsBefore) rows kept, \(f.rowsBefore - f.rowsKept) dropped.")
            lines.append("")
            lines.append("| column | condition | rows dropped |")
            lines.append("| --- | --- | ---: |")
            for c in f.conditions { lines.append("| \(c.column) | \(c.condition) | \(c.dropped) |") }
        }
        if let warnings = summary.warnings, !warnings.isEmpty {
            lines.append("")
            lines += WarningLines.markdown(warnings).dropLast()
        }
        if !summary.renamed.isEmpty {
            lines.append("")
            lines.append("Renamed: " + summary.renamed.map { "`\($0.from)` → `\($0.to)`" }.joined(separator: ", ") + ".")
        }
        if !summary.missing.isEmpty {
            lines.append("")
            lines.append("| column | missing | share |")
            lines.append("| --- | ---: | ---: |")
            for m in summary.missing {
                let share = summary.rows == 0 ? 0 : Double(m.count) / Double(summary.rows) * 100
                lines.append("| \(m.name) | \(m.count) | \(String(format: "%.1f%%", share)) |")
            }
        }
        if !summary.targets.isEmpty {
            lines.append("")
            lines.append("| target | mean | sd | min | max |")
            lines.append("| --- | ---: | ---: | ---: | ---: |")
            for t in summary.targets {
                lines.append("| \(t.name) | " + [t.mean, t.sd, t.min, t.max].map { String(format: "%.3f", $0) }.joined(separator: " | ") + " |")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

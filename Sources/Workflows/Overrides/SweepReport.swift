import Steps
import Runner
import Config
import Support
import Foundation
import Literate
import Report
import Results

/// One run of a sweep: the values it used and what it produced.
public struct SweepRun: Sendable {
    /// The single-valued overrides of this run (sweeps and fixed `--set`s alike).
    public let overrides: [Override]
    public let results: RunResults

    public init(overrides: [Override], results: RunResults) {
        self.overrides = overrides
        self.results = results
    }
}

/// The comparison table of a sweep (`--set a=1,2,3`): one row per combination of values with the headline
/// metrics, the best model's pooled Pearson r for every target and protocol. Written to
/// `reports/NAME.sweep.md`, with every run's results in `reports/NAME.sweep.json`.
public enum SweepReport {
    /// The Markdown table. `swept` are the overrides with several values (their columns come first).
    public static func markdown(experiment: String, swept: [Override], runs: [SweepRun]) -> String {
        var lines = ["# Sweep of \(experiment)", ""]
        let focus = focusModel(swept)
        lines.append("Swept: " + swept.map { "`\($0.text)`" }.joined(separator: ", ") + ". Each cell is "
                     + (focus.map { "model `\($0)`'s pooled out-of-fold Pearson r under that protocol." }
                        ?? "the best model's pooled out-of-fold Pearson r under that protocol, and the model."))
        let fixed = runs.first?.overrides.filter { o in !swept.contains { $0.step == o.step && $0.path == o.path } } ?? []
        if !fixed.isEmpty { lines.append("Fixed: " + fixed.map { "`\($0.text)`" }.joined(separator: ", ") + ".") }
        lines.append("")
        let columns = headlineColumns(runs)
        let keys = swept.map { "\($0.step).\($0.path)" }
        lines.append("| " + (keys + columns.map { "\($0.target) · \($0.protocolName)" }).joined(separator: " | ") + " |")
        lines.append("|" + String(repeating: "---|", count: keys.count + columns.count))
        for run in runs {
            let values = swept.map { s in
                run.overrides.first { $0.step == s.step && $0.path == s.path }?.values.first ?? "?"
            }
            let cells = columns.map { column -> String in
                if let focus {
                    let result = run.results.evaluation?.models.first {
                        $0.model == focus && $0.target == column.target && $0.protocolName == column.protocolName
                    }
                    return result.map { NumberFormat.r($0.pooled.pearson) } ?? "—"
                }
                guard let best = best(run.results, target: column.target, protocolName: column.protocolName) else {
                    return "—"
                }
                return "\(NumberFormat.r(best.pooled.pearson)) (\(best.model))"
            }
            lines.append("| " + (values.map { "`\($0)`" } + cells).joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Writes `NAME.sweep.md` and `NAME.sweep.json` into `folder`; returns the Markdown file's URL.
    @discardableResult
    public static func write(experiment: String, swept: [Override], runs: [SweepRun], to folder: URL) throws -> URL {
        let markdownURL = folder.appendingPathComponent("\(experiment).sweep.md")
        try AtomicFile.createFolder(folder)
        try AtomicFile.write(markdown(experiment: experiment, swept: swept, runs: runs), to: markdownURL)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let data = try encoder.encode(runs.map(\.results))
        try AtomicFile.write(data, to: folder.appendingPathComponent("\(experiment).sweep.json"))
        return markdownURL
    }

    /// The best model (highest pooled r) for one target and protocol.
    public static func best(_ results: RunResults, target: String, protocolName: String) -> ModelResult? {
        results.evaluation?.ranked(protocolName: protocolName, target: target).first
    }

    /// The model every swept key belongs to (`train.models.NAME…`), when there is one: its row is the headline.
    static func focusModel(_ swept: [Override]) -> String? {
        let names = swept.map { o -> String? in
            let parts = o.path.split(separator: ".")
            guard o.step == "train", parts.count >= 2, parts[0] == "models" else { return nil }
            return String(parts[1])
        }
        guard let first = names.first, let name = first, names.allSatisfy({ $0 == name }) else { return nil }
        return name
    }

    private static func headlineColumns(_ runs: [SweepRun]) -> [(target: String, protocolName: String)] {
        guard let evaluation = runs.first(where: { $0.results.evaluation != nil })?.results.evaluation else { return [] }
        return evaluation.targets.flatMap { target in evaluation.protocols.map { (target: target, protocolName: $0.name) } }
    }
}

import Steps
import Runner
import Config
import Support
import Foundation
import Report
import Results

/// `labbook compare A B`: the metric differences between two runs and the configuration differences that
/// explain them.
public struct ResultsComparison: Sendable {
    /// One metric of one model, target and protocol in both runs (nil when a run does not have it).
    public struct MetricRow: Sendable, Equatable {
        public var protocolName: String
        public var target: String
        public var model: String
        public var metric: String
        public var a: Double?
        public var b: Double?
        /// `b − a`, nil when either is missing.
        public var difference: Double? { a.flatMap { a in b.map { $0 - a } } }
        public var differs: Bool { a != b && !(a?.isNaN == true && b?.isNaN == true) }
    }

    /// One configuration key whose value differs (nil: absent in that run).
    public struct ConfigRow: Sendable, Equatable {
        public var key: String
        public var a: String?
        public var b: String?
    }

    public let a: RunResults
    public let b: RunResults
    public let metrics: [MetricRow]
    public let configs: [ConfigRow]

    public init(_ a: RunResults, _ b: RunResults) {
        self.a = a
        self.b = b
        metrics = Self.metricRows(a, b)
        var flatA = ConfigFlattening.flatten(configs: a.provenance.configs, overrides: a.provenance.overrides)
        var flatB = ConfigFlattening.flatten(configs: b.provenance.configs, overrides: b.provenance.overrides)
        flatA["seed"] = String(a.provenance.seed)
        flatB["seed"] = String(b.provenance.seed)
        configs = Set(flatA.keys).union(flatB.keys).sorted().compactMap { key in
            flatA[key] == flatB[key] ? nil : ConfigRow(key: key, a: flatA[key], b: flatB[key])
        }
    }

    /// Reads two results files (`reports/NAME.results.json`).
    public init(contentsOf a: URL, _ b: URL) throws {
        self.init(try ResultsJSON.read(a), try ResultsJSON.read(b))
    }

    /// The comparison as Markdown; `all` lists every metric row, not only those that differ.
    public func markdown(all: Bool = false) -> String {
        let nameA = "A (\(a.experiment))", nameB = "B (\(b.experiment))"
        var lines = ["# \(a.experiment) vs \(b.experiment)", ""]
        let rows = all ? metrics : metrics.filter(\.differs)
        lines.append("## Metrics (pooled out-of-fold)" + (all ? "" : ": rows that differ"))
        lines.append("")
        if rows.isEmpty {
            lines.append(metrics.isEmpty ? "Neither run has an evaluation." : "Every metric is identical.")
        } else {
            lines.append("| protocol | target | model | metric | \(nameA) | \(nameB) | B − A |")
            lines.append("|---|---|---|---|---:|---:|---:|")
            for r in rows {
                let diff = r.difference.map { ($0 > 0 ? "+" : "") + NumberFormat.r($0) } ?? "—"
                lines.append("| \(r.protocolName) | \(r.target) | \(r.model) | \(r.metric) | \(cell(r.a)) | \(cell(r.b)) | \(diff) |")
            }
        }
        lines.append("")
        lines.append("## Configuration differences")
        lines.append("")
        if configs.isEmpty {
            lines.append("The configurations (with overrides) and seeds are identical.")
        } else {
            lines.append("| key | \(nameA) | \(nameB) |")
            lines.append("|---|---|---|")
            for c in configs {
                lines.append("| `\(c.key)` | \(code(c.a)) | \(code(c.b)) |")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func cell(_ value: Double?) -> String { value.map(NumberFormat.r) ?? "—" }

    private func code(_ value: String?) -> String {
        guard let value else { return "(absent)" }
        return "`" + value.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ") + "`"
    }

    private static func metricRows(_ a: RunResults, _ b: RunResults) -> [MetricRow] {
        let modelsA = a.evaluation?.models ?? [], modelsB = b.evaluation?.models ?? []
        var keys: [String] = []
        var seen: Set<String> = []
        for m in modelsA + modelsB {
            let key = "\(m.protocolName)\u{1}\(m.target)\u{1}\(m.model)"
            if seen.insert(key).inserted { keys.append(key) }
        }
        let names = ["pearson", "spearman", "r2", "rmse", "mae"]
        return keys.flatMap { key -> [MetricRow] in
            let parts = key.split(separator: "\u{1}", omittingEmptySubsequences: false).map(String.init)
            let find = { (list: [ModelResult]) in
                list.first { $0.protocolName == parts[0] && $0.target == parts[1] && $0.model == parts[2] }?.pooled
            }
            let pa = find(modelsA), pb = find(modelsB)
            return names.map { name in
                MetricRow(protocolName: parts[0], target: parts[1], model: parts[2], metric: name,
                          a: pa.map { value($0, name) }, b: pb.map { value($0, name) })
            }
        }
    }

    private static func value(_ m: Metrics, _ name: String) -> Double {
        switch name {
        case "pearson": m.pearson
        case "spearman": m.spearman
        case "r2": m.r2
        case "rmse": m.rmse
        default: m.mae
        }
    }
}

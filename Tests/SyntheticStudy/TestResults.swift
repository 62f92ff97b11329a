import Results

/// Small hand-built results for the sweep and compare tests.
public enum TestResults {
    /// One model result per (model, target, r) under the protocol `official`.
    public static func make(_ rows: [(model: String, target: String, r: Double)], configs: [String: String] = [:],
                     overrides: [String] = [], seed: UInt64 = 0) -> RunResults {
        let models = rows.map { row in
            ModelResult(model: row.model, kind: "ridge", protocolName: "official", target: row.target,
                        pooled: Metrics(n: 10, pearson: row.r, spearman: row.r, r2: row.r * row.r, rmse: 1, mae: 1),
                        pearsonCI: [], folds: [], foldPearsonMean: row.r, foldPearsonSD: 0, bestParams: [],
                        passesBenchmark: row.r > 0.4, seconds: 1, curves: [:])
        }
        let targets = rows.reduce(into: [String]()) { if !$0.contains($1.target) { $0.append($1.target) } }
        let evaluation = EvaluationSummary(
            targets: targets, benchmark: 0.4,
            protocols: [ProtocolInfo(name: "official", kind: "predefined", folds: 1, column: "split", description: "")],
            models: models, comparisons: [], bestPredictions: [], targetValues: [])
        let provenance = Provenance(labbookVersion: "t", seed: seed, gitCommit: nil, dataFiles: [], overrides: overrides,
                                    stepDurations: [], cores: 2, totalSeconds: 0, timestamp: "", configs: configs)
        return RunResults(experiment: "x", title: "x", provenance: provenance, evaluation: evaluation)
    }
}

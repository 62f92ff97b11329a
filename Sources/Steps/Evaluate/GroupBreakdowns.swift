import Runner
import Evaluate
import Frame
import Results

/// Per-group metrics of every model under one protocol, for each declared group column.
enum GroupBreakdowns {
    /// One breakdown per column (duplicates skipped), target and model, on the rows the protocol scored.
    static func compute(_ protocolName: String, columns: [String], frame: DataFrame, targets: [String],
                        models: [ModelOutcome]) throws -> [GroupBreakdown] {
        var seen: Set<String> = []
        var out: [GroupBreakdown] = []
        for column in columns where seen.insert(column).inserted {
            let groups = try EvaluateStep.groupValues(frame, column)
            for (t, target) in targets.enumerated() {
                for model in models {
                    let actual = model.outcome.actual, predicted = model.outcome.outOfFold
                    let rows = (0..<actual.rows).filter { actual[$0, t].isFinite && predicted[$0, t].isFinite }
                    out.append(GroupMetrics.breakdown(protocolName: protocolName, target: target, model: model.name,
                                                      column: column, groups: rows.map { groups[$0] },
                                                      actual: rows.map { actual[$0, t] },
                                                      predicted: rows.map { predicted[$0, t] }))
                }
            }
        }
        return out
    }
}

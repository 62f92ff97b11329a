import Steps
import Runner
import Config
import Foundation
import Frame
import Learn
import Linalg

/// Applies a saved model to new rows: reads the input CSV as the experiment's left source, joins it to the
/// right source (e.g. `spotify/artists.csv` from the data root) exactly as the `load` step does, runs the fitted
/// clean pipeline (and cluster features) and predicts every target.
public struct Predictor {
    public let model: SavedModel
    public let dataRoot: DataRoot

    public init(model: SavedModel, dataRoot: DataRoot) {
        self.model = model
        self.dataRoot = dataRoot
    }

    /// The input's own columns, followed by one `predicted_TARGET` column per target. A target standardized within
    /// groups is predicted as a z score within its group; when the input has the grouping column, a second column
    /// `predicted_TARGET_raw` puts it back on the group's own scale (mean + sd × z, with the training rows' group
    /// statistics), missing for a group the model was not trained on.
    public func predict(inputAt input: URL) throws -> DataFrame {
        let (inputRows, joined) = try load(input)
        try checkColumns(joined)
        let rows = Array(0..<joined.rowCount)
        let base = try model.pipeline.transform(joined, rows: rows)
        var output = inputRows
        for saved in model.models {
            var x = base
            if let clusters = saved.clusters { x = try clusters.transform(base) }
            let predictions = try saved.fitted.regressor.predict(x)
            guard predictions.rows == joined.rowCount, saved.column < predictions.cols else {
                throw RunError("the saved model for `\(saved.target)` returned \(predictions.rows) × \(predictions.cols) "
                               + "predictions for \(joined.rowCount) rows")
            }
            let z = predictions.column(saved.column)
            try output.set("predicted_\(saved.target)", .numeric(z))
            if let s = saved.standardization, let groups = try? EvaluateStep.groupValues(joined, s.column) {
                let raw = zip(groups, z).map { g, value in s.groups[g].map { $0[0] + $0[1] * value } ?? .nan }
                try output.set("predicted_\(saved.target)_raw", .numeric(raw))
            }
        }
        return output
    }

    /// The input as read, and the input joined and renamed exactly as the `load` step does (`LoadStep.newRows`).
    func load(_ input: URL) throws -> (inputRows: DataFrame, joined: DataFrame) {
        let config = try ConfigDecoder.decode(LoadConfig.self, yaml: model.loadYAML, file: "\(model.experiment) load config")
        let rows = try LoadStep.newRows(input, config: config, targets: model.targets,
                                        resolve: { try dataRoot.resolve(relative: $0) })
        return (rows.input, rows.joined)
    }

    /// Every column the pipeline reads must be there: a clear error listing the missing ones.
    func checkColumns(_ frame: DataFrame) throws {
        let p = model.pipeline
        var needed = (p.numeric?.columns ?? []) + (p.categorical?.columns ?? [])
        if let tags = p.tags { needed += tags.tagSource.columns }
        if let tagTarget = p.tagTarget { needed += tagTarget.tagSource.columns }
        needed += (p.categoryTarget?.columns ?? []) + (p.text ?? []).map(\.column)
        var seen: Set<String> = []
        let missing = needed.filter { seen.insert($0).inserted && frame.index(of: $0) == nil }
        guard missing.isEmpty else {
            throw RunError("the input lacks \(missing.count == 1 ? "column" : "columns") "
                           + missing.map { "`\($0)`" }.joined(separator: ", ")
                           + " that the model's clean pipeline needs (after the join, columns are: "
                           + frame.names.joined(separator: ", ") + ")")
        }
    }
}

import Evaluate
import Foundation
import Literate
import Frame
import Learn
import Linalg
import Report
import Results

/// After a run with an `evaluate` step: saves `reports/NAME.model` for `labbook predict`.
///
/// For every target the best model is the one with the highest pooled r under the headline protocol
/// (`evaluate.headline`, else the first protocol). The clean pipeline, the cluster features (when the model uses
/// them) and the model are refitted on that protocol's training rows when it is `predefined` (with the same fold
/// seed as the evaluation, so the saved model reproduces its test predictions), else on all rows. Targets
/// standardized within groups are fitted on their z scores (group statistics from those rows).
/// Every model kind of the `train` step can be saved (`SavedRegressor.savableKinds`); should a kind not be,
/// the best savable model is saved instead and the progress output says so.
public struct ModelSaver: RunObserver {
    public let reportsFolder: URL

    public init(reportsFolder: URL) { self.reportsFolder = reportsFolder }

    public func experimentDidRun(_ run: CompletedRun) throws { try prepareSave(run)() }

    /// Fits the model before the saving phase (so an interrupt stops the fitting at once); writes it inside.
    public func prepareSave(_ run: CompletedRun) throws -> () throws -> Void {
        let started = Date()
        guard let model = try Self.fit(run) else { return {} }
        let bytes = try ModelFile.encode(model)
        let chosen = model.models.map { "\($0.target): \($0.model), \($0.protocolName) r = \(NumberFormat.r($0.reportedPearson))" }
        let fitted = Date().timeIntervalSince(started)
        return { [reportsFolder] in
            let url = reportsFolder.appendingPathComponent("\(run.plan.experimentName).model")
            try AtomicFile.createFolder(reportsFolder)
            try AtomicFile.write(bytes, to: url)
            run.context.progress("model file \(url.path) saved (\(chosen.joined(separator: "; "))), fitted in "
                                 + NumberFormat.seconds(fitted))
        }
    }

    /// The model to save, or nil when the experiment has no evaluation or no savable model.
    public static func fit(_ run: CompletedRun) throws -> SavedModel? {
        let context = run.context
        guard let evaluation = context.results.evaluation,
              let config = run.plan.steps.first(where: { $0.name == "evaluate" })?.config as? EvaluateConfig,
              let ranking = config.headlineProtocol,
              let loadYAML = context.results.provenance.configs["load"] else { return nil }
        let frame = try context.get(Artifacts.frame)
        let targets = try context.get(Artifacts.targets)
        let pipeline = try context.get(Artifacts.cleanPipeline)
        let train = try context.get(Artifacts.train)
        let cluster = context.value(Artifacts.clusterFeatures)
        let y = try EvaluateStep.targetMatrix(frame, targets)
        let foldTargets = try EvaluateStep.foldTargets(frame, y: y, context: context)

        let rows: [Int]
        let trainedOn: String
        if ranking.kind == .predefined, let split = try EvaluateStep.makeSplits(ranking, frame: frame, seed: context.seed).first {
            rows = split.train
            trainedOn = "training rows of protocol `\(ranking.name)` (\(ranking.description))"
        } else {
            rows = Array(0..<frame.rowCount)
            trainedOn = "all rows (the headline protocol `\(ranking.name)` is not predefined)"
        }
        // The evaluation's seed for fold 0, so the refit equals the official split's fold.
        var generator = SeededGenerator(seed: context.seed, stream: 0)
        let seed = generator.next()
        let yRows = foldTargets.values(train: rows, rows: rows)
        let (fittedPipeline, base) = try pipeline.fitTransform(frame, rows: rows, targets: yRows, seed: seed)
        var withClusters: (matrix: Matrix, fitted: ClusterFeatures.Fitted)?
        var models: [TargetModel] = []
        for (t, target) in targets.enumerated() {
            let ranked = evaluation.models.filter { $0.target == target && $0.protocolName == ranking.name }
                .sorted { $0.pooled.pearson > $1.pooled.pearson }
            guard let choice = ranked.first(where: { SavedRegressor.savableKinds.contains($0.kind) }),
                  let spec = train.models.first(where: { $0.name == choice.model }) else {
                context.progress("model file: no model for \(target) can be saved")
                continue
            }
            if let best = ranked.first, best.model != choice.model {
                context.progress("model file: `\(best.model)` (\(best.kind)) cannot be saved; saving `\(choice.model)` "
                                 + "for \(target), the best savable model")
            }
            var x = base
            var clusters: ClusterFeatures.Fitted?
            if spec.features == .all, let cluster {
                if withClusters == nil {
                    guard let fitted = try cluster.transform.fit(base, seed: seed) as? ClusterFeatures.Fitted else {
                        throw RunError("internal error: the cluster features cannot be saved")
                    }
                    withClusters = (try fitted.transform(base), fitted)
                }
                x = withClusters?.matrix ?? base
                clusters = withClusters?.fitted
            }
            let params = chosenParams(choice.bestParams)
            let regressor = try spec.make(params.mapValues(paramValue))
            let fitted = try regressor.fit(x, yRows, seed: seed)
            guard let saved = SavedRegressor(fitted) else { continue }
            let by = context.value(Artifacts.targetStandardization) ?? []
            let standardization = (t < by.count ? by[t] : nil).flatMap { column in
                foldTargets.groupStatistics(train: rows, target: t).map { TargetStandardization(column: column, groups: $0) }
            }
            models.append(TargetModel(target: target, model: choice.model, kind: choice.kind, protocolName: ranking.name,
                                      reportedPearson: choice.pooled.pearson, params: params, clusters: clusters,
                                      fitted: saved, column: t, standardization: standardization))
        }
        guard !models.isEmpty else { return nil }
        return SavedModel(experiment: run.plan.experimentName, labbookVersion: context.results.provenance.labbookVersion,
                          trainedOn: trainedOn, trainingRows: rows.count,
                          overrides: context.results.provenance.overrides, loadYAML: loadYAML, targets: targets,
                          pipeline: fittedPipeline, models: models)
    }

    /// The grid search's choice: the parameters chosen in most folds (the only fold for a predefined split).
    static func chosenParams(_ perFold: [[String: String]]) -> [String: String] {
        var counts: [[String: String]: Int] = [:]
        for params in perFold { counts[params, default: 0] += 1 }
        return perFold.max { (counts[$0] ?? 0) < (counts[$1] ?? 0) } ?? [:]
    }

    /// A hyperparameter as the grid wrote it back: integer, number, flag or text.
    static func paramValue(_ text: String) -> ParamValue {
        if let int = Int(text) { return .int(int) }
        if let double = Double(text) { return .double(double) }
        if text == "true" || text == "false" { return .bool(text == "true") }
        return .string(text)
    }
}

import Steps
import Runner
import Config
import Support
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
              let config = run.plan.steps.first(where: { $0.name == EvaluateStep.name })?.config as? EvaluateConfig,
              let ranking = config.headlineProtocol,
              let loadYAML = context.results.provenance.configs[LoadStep.name] else { return nil }
        let inputs = try Inputs(context)
        let (rows, trainedOn) = try trainingRows(ranking, frame: inputs.frame, seed: context.seed)
        // The evaluation's seed for fold 0, so the refit equals the official split's fold.
        var generator = SeededGenerator(seed: context.seed, stream: 0)
        let seed = generator.next()
        let (fittedPipeline, base) = try inputs.featurizer.fitPipeline(train: rows, seed: seed)
        var features = Features(base: base, featurizer: inputs.featurizer, seed: seed)
        var refits: [Refit: (fit: SavedRegressor, column: Int)] = [:]
        var models: [TargetModel] = []
        for (t, target) in inputs.targets.enumerated() {
            let ranked = evaluation.ranked(protocolName: ranking.name, target: target)
            guard let choice = savableChoice(ranked, train: inputs.train, target: target, progress: context.progress) else {
                continue
            }
            if let model = try fitTarget(t, choice: choice.result, spec: choice.spec, rows: rows, features: &features,
                                         refits: &refits, inputs: inputs, context: context) {
                models.append(model)
            }
        }
        guard !models.isEmpty else { return nil }
        return SavedModel(experiment: run.plan.experimentName, labbookVersion: context.results.provenance.labbookVersion,
                          trainedOn: trainedOn, trainingRows: rows.count,
                          overrides: context.results.provenance.overrides, loadYAML: loadYAML, targets: inputs.targets,
                          pipeline: fittedPipeline, models: models)
    }

    /// What the run's steps left in the context for refitting.
    struct Inputs {
        let frame: DataFrame
        let targets: [String]
        let train: TrainConfig
        let foldTargets: FoldTargets
        let featurizer: FoldFeaturizer

        init(_ context: RunContext) throws {
            frame = try context.get(Artifacts.frame)
            targets = try context.get(Artifacts.targets)
            train = try context.get(Artifacts.train)
            let y = try EvaluateStep.targetMatrix(frame, targets)
            foldTargets = try EvaluateStep.foldTargets(frame, y: y, context: context)
            featurizer = FoldFeaturizer(frame: frame, pipeline: try context.get(Artifacts.cleanPipeline),
                                        cluster: context.value(Artifacts.clusterFeatures), targets: foldTargets)
        }
    }

    /// The cleaned training matrix, and (fitted once, when a model first needs them) the cluster features.
    struct Features {
        let base: Matrix
        let featurizer: FoldFeaturizer
        let seed: UInt64
        var withClusters: (fitted: ClusterFeatures.Fitted, matrix: Matrix)??

        init(base: Matrix, featurizer: FoldFeaturizer, seed: UInt64) {
            self.base = base
            self.featurizer = featurizer
            self.seed = seed
        }

        /// The matrix a model on `features` trains on, and the cluster features it needs at prediction time.
        mutating func matrix(for features: FeatureSet) throws -> (Matrix, ClusterFeatures.Fitted?) {
            guard features == .all else { return (base, nil) }
            if withClusters == nil {
                withClusters = try featurizer.fitClusters(base, seed: seed).map { clusters in
                    guard let fitted = clusters.fitted as? ClusterFeatures.Fitted else {
                        throw RunError("internal error: the cluster features cannot be saved")
                    }
                    return (fitted, clusters.matrix)
                }
            }
            guard let clusters = withClusters ?? nil else { return (base, nil) }
            return (clusters.matrix, clusters.fitted)
        }
    }

    /// The headline protocol's training rows when it is predefined, else all rows; and how to say which.
    static func trainingRows(_ ranking: ProtocolConfig, frame: DataFrame, seed: UInt64) throws -> ([Int], String) {
        if ranking.kind == .predefined, let split = try EvaluateStep.makeSplits(ranking, frame: frame, seed: seed).first {
            return (split.train, "training rows of protocol `\(ranking.name)` (\(ranking.description))")
        }
        return (Array(0..<frame.rowCount), "all rows (the headline protocol `\(ranking.name)` is not predefined)")
    }

    /// The best savable model of `ranked` (best first) and its specification; says so when the best is not savable.
    static func savableChoice(_ ranked: [ModelResult], train: TrainConfig, target: String,
                              progress: ProgressReporter) -> (result: ModelResult, spec: ModelSpec)? {
        guard let choice = ranked.first(where: { SavedRegressor.savableKinds.contains($0.kind) }),
              let spec = train.models.first(where: { $0.name == choice.model }) else {
            progress("model file: no model for \(target) can be saved")
            return nil
        }
        if let best = ranked.first, best.model != choice.model {
            progress("model file: `\(best.model)` (\(best.kind)) cannot be saved; saving `\(choice.model)` "
                     + "for \(target), the best savable model")
        }
        return (choice, spec)
    }

    /// A model with its chosen parameters. Every refit trains on the same rows, features, seed and targets (a fit
    /// predicts all targets; each target model reads its own column), so two targets whose choice is the same model
    /// with the same parameters share one fit.
    struct Refit: Hashable {
        let model: String
        let params: [String: String]
    }

    /// Refits the chosen model of target `t` on `rows` with the grid search's chosen parameters (once per `Refit`:
    /// a fit made for an earlier target is reused from `refits`).
    static func fitTarget(_ t: Int, choice: ModelResult, spec: ModelSpec, rows: [Int], features: inout Features,
                          refits: inout [Refit: (fit: SavedRegressor, column: Int)], inputs: Inputs,
                          context: RunContext) throws -> TargetModel? {
        let (x, clusters) = try features.matrix(for: spec.features)
        let params = chosenParams(choice.bestParams)
        let key = Refit(model: spec.name, params: params)
        let saved: SavedRegressor
        let earlier = refits[key]
        if let earlier {
            saved = earlier.fit
        } else {
            let regressor = try spec.make(params.mapValues(paramValue))
            let fitted = try regressor.fit(x, inputs.foldTargets.values(train: rows, rows: rows), seed: features.seed)
            guard let made = SavedRegressor(fitted) else { return nil }
            saved = made
            refits[key] = (made, t)
        }
        let by = context.value(Artifacts.targetStandardization) ?? []
        let standardization = (t < by.count ? by[t] : nil).flatMap { column in
            inputs.foldTargets.groupStatistics(train: rows, target: t).map { TargetStandardization(column: column, groups: $0) }
        }
        return TargetModel(target: inputs.targets[t], model: choice.model, kind: choice.kind,
                           protocolName: choice.protocolName, reportedPearson: choice.pooled.pearson, params: params,
                           clusters: clusters, fitted: saved, column: t, sharesFitOf: earlier?.column,
                           standardization: standardization)
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

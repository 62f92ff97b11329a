import Runner
import Config
import Support
import Evaluate
import Foundation
import Frame
import Learn
import Linalg
import Report
import Results

/// The `evaluate` step: every model under every protocol, with the clean pipeline (and cluster
/// features) refitted inside each training fold; metrics, bootstrap intervals and paired comparisons.
public enum EvaluateStep: Step {
    public static let name = "evaluate"
    /// Nothing to store; a restored evaluation drops the all-rows cleaned matrix as a computed one does.
    public static var codec: StepCodec? {
        StepCodec(encode: { _, _ in Data() }, restore: { _, _, context in context.remove(Artifacts.cleanedMatrix) })
    }

    public static func check(_ config: EvaluateConfig) throws {
        if config.protocols.isEmpty { throw ConfigError(path: "protocols", "declare at least one protocol") }
        for p in config.protocols {
            let path = "protocols.\(p.name)"
            if (p.kind == .kfold || p.kind == .groupKFold), p.folds < 2 {
                throw ConfigError(path: "\(path).folds", "`folds` must be at least 2, got \(p.folds)")
            }
            if p.kind != .kfold, p.column == nil {
                throw ConfigError(path: path, "protocol `\(p.name)` (\(p.kind.rawValue)) needs a `column`")
            }
            if p.kind == .predefined, !Set(p.train).isDisjoint(with: p.test) {
                throw ConfigError(path: "\(path).test", "a value cannot be in both `train` and `test`")
            }
            if p.metricsBy?.isEmpty == true {
                throw ConfigError(path: "\(path).metrics_by", "`metrics_by` is empty: name the column whose groups get their own metrics")
            }
        }
        if let headline = config.headline, !config.protocols.contains(where: { $0.name == headline }) {
            throw ConfigError(path: "headline", "`headline` names `\(headline)`, which is not a protocol (protocols: "
                + config.protocols.map(\.name).joined(separator: ", ") + ")")
        }
        if config.bootstrap < 100 || config.bootstrap > Bootstrap.maxResamples {
            throw ConfigError(path: "bootstrap", "`bootstrap` takes 100 to \(Bootstrap.maxResamples) resamples, got \(config.bootstrap)")
        }
        if let benchmark = config.benchmark, !(benchmark > -1 && benchmark < 1) {
            throw ConfigError(path: "benchmark", "`benchmark` is a Pearson r, between -1 and 1; got \(benchmark)")
        }
    }

    public static func run(_ config: EvaluateConfig, context: inout RunContext) throws -> StepOutput {
        let frame = try context.get(Artifacts.frame)
        let targets = try context.get(Artifacts.targets)
        let pipeline = try context.get(Artifacts.cleanPipeline)
        let train = try context.get(Artifacts.train)
        let cluster = context.value(Artifacts.clusterFeatures)
        let y = try targetMatrix(frame, targets)
        let foldTargets = try self.foldTargets(frame, y: y, context: context)
        let groupColumns = context.value(Artifacts.groupColumns) ?? []
        // The all-rows cleaned matrix (rows × features doubles) is read only by `cluster`, which comes before
        // `evaluate`: drop it before the folds are featurized (the codec's restore drops it too).
        context.remove(Artifacts.cleanedMatrix)
        for p in config.protocols {
            for column in [p.column, p.metricsBy].compactMap({ $0 }) where frame.index(of: column) == nil {
                throw RunError("protocol `\(p.name)` names the column `\(column)`, which the loaded table does not have "
                               + "(columns: \(frame.names.joined(separator: ", ")))")
            }
        }

        var protocols: [ProtocolInfo] = []
        var models: [ModelResult] = []
        var comparisons: [PairedComparison] = []
        var samples: [PredictionSample] = []
        var breakdowns: [GroupBreakdown] = []
        for proto in config.protocols {
            let splits = try makeSplits(proto, frame: frame, seed: context.seed)
            protocols.append(ProtocolInfo(name: proto.name, kind: proto.kind.rawValue, folds: splits.count,
                                          column: proto.column, description: proto.description,
                                          metricsBy: proto.groupMetricsColumn))
            let featurizer = try featurizer(proto, frame: frame, pipeline: pipeline, cluster: cluster, targets: foldTargets)
            let outcomes = try crossValidate(train, splits: splits, y: y, featurizer: featurizer, targets: foldTargets,
                                             protocolName: proto.name, context: context)
            let summaryStart = Date()
            let scores = try ModelComparison.summarize(
                protocolName: proto.name, targets: targets, y: outcomes[0].outcome.actual, models: outcomes,
                benchmark: config.benchmark,
                bootstrap: Bootstrap(resamples: config.bootstrap, seed: context.seed), maxPredictions: 2000)
            context.progress("evaluate: \(proto.name) · metrics and bootstrap: "
                             + NumberFormat.seconds(Date().timeIntervalSince(summaryStart)))
            models += scores.models
            comparisons += scores.comparisons
            samples += scores.bestPredictions
            let columns = [proto.groupMetricsColumn].compactMap { $0 } + groupColumns
            breakdowns += try GroupBreakdowns.compute(proto.name, columns: columns, frame: frame, targets: targets,
                                                      models: outcomes)
        }
        let summary = EvaluationSummary(targets: targets, benchmark: config.benchmark, protocols: protocols,
                                        models: models, comparisons: comparisons, bestPredictions: samples,
                                        targetValues: (0..<y.cols).map { y.column($0) },
                                        headlineProtocol: config.headlineProtocol?.name,
                                        groupBreakdowns: breakdowns.isEmpty ? nil : breakdowns)
        context.results.evaluation = summary
        return StepOutput(markdown: StepSummary.evaluate(summary).markdown)
    }

    /// Every model cross-validated on `splits`, fold by fold: the models of a fold run concurrently on its features,
    /// which are then dropped, so memory holds one fold's features, not every fold's (each fold keeps its seeds, so
    /// the outcomes are those of whole-protocol runs). Results stay in model order.
    static func crossValidate(_ train: TrainConfig, splits: [Split], y: Matrix, featurizer: FoldFeaturizer,
                              targets: FoldTargets, protocolName: String, context: RunContext) throws -> [ModelOutcome] {
        let progress = context.progress
        var folds = [[FoldOutcome]](repeating: [], count: train.models.count)
        var seconds = [Double](repeating: 0, count: train.models.count)
        featurizer.expectGridSearches(train.models.filter { $0.paramGrid != nil }.map(\.features))
        for f in splits.indices {
            try featurizer.prefetch(splits, folds: [f], features: train.models.map(\.features), seed: context.seed)
            let outcomes: [CrossValidationOutcome] = try Parallel.map(train.models.count) { m in
                let model = train.models[m]
                do {
                    return try CrossValidation.run(
                        splits: splits, only: [f], y: y, featurize: featurizer.closure(for: model.features),
                        factory: { try model.make($0) }, grid: model.paramGrid, search: model.paramSearch,
                        innerFolds: train.innerFolds, seed: context.seed, targets: targets,
                        progress: { p in progress.fold("evaluate: \(protocolName) · \(model.name)", p.fold + 1, of: p.folds) })
                } catch {
                    throw RunError("model `\(model.name)` under protocol `\(protocolName)`: \(error)")
                }
            }
            for (m, outcome) in outcomes.enumerated() {
                folds[m] += outcome.folds
                seconds[m] += outcome.seconds
            }
        }
        return train.models.enumerated().map { m, model in
            let outcome = CrossValidationOutcome.combining(folds: folds[m], rows: y.rows, cols: y.cols, seconds: seconds[m])
            progress("evaluate: \(protocolName) · \(model.name): \(NumberFormat.seconds(outcome.seconds))")
            return ModelOutcome(name: model.name, kind: model.kind.rawValue, outcome: outcome)
        }
    }

    /// The fold features of a protocol. Under a grouped protocol, target encodings cross-fit whole groups inside each
    /// training fold too, so training rows are encoded as rows of unseen groups are.
    static func featurizer(_ proto: ProtocolConfig, frame: DataFrame, pipeline: CleanPipeline, cluster: ClusterPlan?,
                           targets: FoldTargets) throws -> FoldFeaturizer {
        let grouped = proto.kind == .groupKFold || proto.kind == .leaveOneGroupOut
        let groups: [String?]? = grouped ? try groupValues(frame, proto.column ?? "").map { $0 } : nil
        return FoldFeaturizer(frame: frame, pipeline: pipeline, cluster: cluster, targets: targets, groups: groups)
    }

    /// The targets as an n × t matrix; every value must be present.
    public static func targetMatrix(_ frame: DataFrame, _ targets: [String]) throws -> Matrix {
        let columns = try targets.map { try frame.numeric($0) }
        for (name, column) in zip(targets, columns) {
            let missing = column.reduce(0) { $0 + ($1.isFinite ? 0 : 1) }
            if missing > 0 { throw RunError("target `\(name)` has \(missing) missing or infinite values") }
            if let first = column.first, column.allSatisfy({ $0 == first }) {
                throw RunError("target `\(name)` is constant (every row is \(first)), so Pearson r is undefined for it: "
                    + "predict a target that varies")
            }
        }
        return Matrix(columns: columns)
    }

    public static func makeSplits(_ p: ProtocolConfig, frame: DataFrame, seed: UInt64) throws -> [Split] {
        switch p.kind {
        case .kfold:
            return try KFold(nSplits: p.folds, shuffle: true, seed: seed).splits(rows: frame.rowCount)
        case .groupKFold:
            return try GroupKFold(nSplits: p.folds).splits(groups: try groupValues(frame, p.column ?? ""))
        case .predefined:
            let column = try frame.text(p.column ?? "")
            return try PredefinedSplit(trainValues: Set(p.train), testValues: Set(p.test)).splits(column: column)
        case .leaveOneGroupOut:
            return try LeaveOneGroupOut().splits(groups: try groupValues(frame, p.column ?? ""))
        }
    }

    /// A column's values as group names (numbers as written, missing as an empty name).
    public static func groupValues(_ frame: DataFrame, _ column: String) throws -> [String] {
        if case .numeric(let values)? = frame[column] {
            return values.map { $0.isNaN ? "" : $0 == $0.rounded() && abs($0) < 1e15 ? String(Int($0)) : String($0) }
        }
        return try frame.text(column).map { $0 ?? "" }
    }

    /// The targets as each fold sees them: z-scored within the groups of `standardize.by` where configured.
    public static func foldTargets(_ frame: DataFrame, y: Matrix, context: RunContext) throws -> FoldTargets {
        let by = context.value(Artifacts.targetStandardization) ?? []
        let groups = try (0..<y.cols).map { t -> [String]? in
            guard t < by.count, let column = by[t] else { return nil }
            return try groupValues(frame, column)
        }
        return FoldTargets(y, groups: groups)
    }
}

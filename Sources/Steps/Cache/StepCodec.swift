import Foundation

/// How one kind of step saves the artifacts it put into the run context, and puts them back.
///
/// Cheap artifacts are rebuilt from the step's own configuration instead of being stored (the
/// clean pipeline, the cluster transform, the train and report options); the expensive ones (the
/// loaded table, the cleaned matrix) are written as raw little-endian bytes.
public struct StepCodec: Sendable {
    let encode: @Sendable (_ config: any Sendable, _ context: RunContext) throws -> Data
    let restore: @Sendable (_ payload: Data, _ config: any Sendable, _ context: inout RunContext) throws -> Void

    init(encode: @escaping @Sendable (any Sendable, RunContext) throws -> Data,
         restore: @escaping @Sendable (Data, any Sendable, inout RunContext) throws -> Void) {
        self.encode = encode
        self.restore = restore
    }

    /// A step that puts no artifacts: only its output and results are cached.
    static let nothing = StepCodec(encode: { _, _ in Data() }, restore: { _, _, _ in })

    /// A step whose only artifact is its own configuration, stored under `key`.
    static func configuration<Config: Sendable>(_ key: ArtifactKey<Config>) -> StepCodec {
        StepCodec(encode: { _, _ in Data() }, restore: { _, config, context in
            context.put(try typed(config, Config.self), for: key)
        })
    }

    static func typed<Config>(_ config: any Sendable, _ type: Config.Type) throws -> Config {
        guard let typed = config as? Config else {
            throw CacheFormatError("the step's configuration is not a \(Config.self)")
        }
        return typed
    }
}

/// The steps whose results can be cached, by step name. A step without a codec always runs.
public struct StepCodecs: Sendable {
    public private(set) var codecs: [String: StepCodec]

    public init(_ codecs: [String: StepCodec] = [:]) { self.codecs = codecs }

    public func codec(for step: String) -> StepCodec? { codecs[step] }

    /// load, clean, cluster, train, evaluate, report and the example step.
    public static let standard = StepCodecs([
        LoadStep.name: .load,
        CleanStep.name: .clean,
        ClusterStep.name: .cluster,
        TrainStep.name: .configuration(Artifacts.train),
        EvaluateStep.name: .nothing,
        ReportStep.name: .configuration(ReportStep.options),
        ExampleStep.name: .nothing,
    ])
}

extension StepCodec {
    /// The joined table and the target names.
    static let load = StepCodec(encode: { _, context in
        var writer = ByteWriter()
        writer.frame(try context.get(Artifacts.frame))
        writer.strings(try context.get(Artifacts.targets))
        writer.doubles((context.value(Artifacts.unmatchedRows) ?? []).map(Double.init))
        return writer.data
    }, restore: { payload, config, context in
        var reader = ByteReader(payload)
        let frame = try reader.frame()
        context.put(frame, for: Artifacts.frame)
        context.put(try reader.strings(), for: Artifacts.targets)
        context.put(try reader.doubles().map { Int($0) }, for: Artifacts.unmatchedRows)
        LoadStep.putGroupings(try typed(config, LoadConfig.self), frame: frame, context: &context)
    })

    /// The cleaned matrix; the pipeline specification is rebuilt from the configuration.
    static let clean = StepCodec(encode: { _, context in
        var writer = ByteWriter()
        writer.matrix(try context.get(Artifacts.cleanedMatrix))
        return writer.data
    }, restore: { payload, config, context in
        var reader = ByteReader(payload)
        let matrix = try reader.matrix()
        let pipeline = try CleanStep.pipeline(from: try typed(config, CleanConfig.self),
                                              targetNames: try context.get(Artifacts.targets))
        context.put(pipeline, for: Artifacts.cleanPipeline)
        context.put(matrix, for: Artifacts.cleanedMatrix)
    })

    /// The chosen k; the per-fold transform is rebuilt with `ClusterConfig.transform(k:)`.
    static let cluster = StepCodec(encode: { _, context in
        var writer = ByteWriter()
        writer.int(try context.get(Artifacts.clusterFeatures).chosenK)
        return writer.data
    }, restore: { payload, config, context in
        var reader = ByteReader(payload)
        let k = try reader.int()
        let typedConfig = try typed(config, ClusterConfig.self)
        context.put(ClusterPlan(transform: typedConfig.transform(k: k), chosenK: k), for: Artifacts.clusterFeatures)
    })
}

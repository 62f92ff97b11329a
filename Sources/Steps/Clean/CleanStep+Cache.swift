import Runner

extension StepCodec {
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
}

import Runner

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
}

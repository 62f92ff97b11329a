import Runner

extension StepCodec {
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

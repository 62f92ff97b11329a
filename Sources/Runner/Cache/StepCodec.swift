import Results
import Config
import Foundation

/// How one kind of step saves the artifacts it put into the run context, and puts them back.
///
/// Cheap artifacts are rebuilt from the step's own configuration instead of being stored (the
/// clean pipeline, the cluster transform, the train and report options); the expensive ones (the
/// loaded table, the cleaned matrix) are written as raw little-endian bytes.
public struct StepCodec: Sendable {
    let encode: @Sendable (_ config: any Sendable, _ context: RunContext) throws -> Data
    let restore: @Sendable (_ payload: Data, _ config: any Sendable, _ context: inout RunContext) throws -> Void

    public init(encode: @escaping @Sendable (any Sendable, RunContext) throws -> Data,
         restore: @escaping @Sendable (Data, any Sendable, inout RunContext) throws -> Void) {
        self.encode = encode
        self.restore = restore
    }

    /// A step that puts no artifacts: only its output and results are cached.
    public static let nothing = StepCodec(encode: { _, _ in Data() }, restore: { _, _, _ in })

    /// A step whose only artifact is its own configuration, stored under `key`.
    public static func configuration<Config: Sendable>(_ key: ArtifactKey<Config>) -> StepCodec {
        StepCodec(encode: { _, _ in Data() }, restore: { _, config, context in
            context.put(try typed(config, Config.self), for: key)
        })
    }

    public static func typed<Config>(_ config: any Sendable, _ type: Config.Type) throws -> Config {
        guard let typed = config as? Config else {
            throw CacheFormatError("the step's configuration is not a \(Config.self)")
        }
        return typed
    }
}

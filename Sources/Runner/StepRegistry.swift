import Literate
import Results
import Config

/// A registered step with its type erased: decode, check and run work on `Any` configs.
public struct StepEntry: Sendable {
    public let name: String
    /// The step's cache codec (nil: never cached).
    public let codec: StepCodec?
    let decode: @Sendable (ConfigDocument) throws -> any Sendable
    let check: @Sendable (any Sendable) throws -> Void
    let run: @Sendable (any Sendable, inout RunContext) throws -> StepOutput

    init<S: Step>(_ step: S.Type) {
        name = S.name
        codec = S.codec
        decode = { try ConfigDecoder.decode(S.Config.self, from: $0) }
        check = { config in
            guard let typed = config as? S.Config else { return }
            try S.check(typed)
        }
        run = { config, context in
            guard let typed = config as? S.Config else {
                throw RunError("internal error: `\(S.name)` received a configuration of the wrong type")
            }
            return try S.run(typed, context: &context)
        }
    }
}

/// Maps step names to their implementations. The parser and runner only consult the registry, so
/// adding a step is one `register` call.
public struct StepRegistry: Sendable {
    /// The steps an experiment may contain, in their usual order.
    public static let knownStepNames = ["load", "clean", "cluster", "train", "evaluate", "report"]

    /// Valid step names: a step named in a file but not listed here is an error.
    public private(set) var knownSteps: [String]
    public private(set) var entries: [String: StepEntry] = [:]
    /// Which steps must come before which (checked by the planner).
    public var order: StepOrder = .none

    /// An empty registry that accepts the `knownSteps` names (none of them implemented yet).
    public init(knownSteps: [String] = StepRegistry.knownStepNames) {
        self.knownSteps = knownSteps
    }

    /// Adds (or replaces) a step implementation; its name becomes valid if it was not.
    public mutating func register<S: Step>(_ step: S.Type) {
        if !knownSteps.contains(S.name) { knownSteps.append(S.name) }
        entries[S.name] = StepEntry(step)
    }

    /// The same registry with one more step, for chaining.
    public func registering<S: Step>(_ step: S.Type) -> StepRegistry {
        var copy = self
        copy.register(step)
        return copy
    }

    public func entry(for name: String) -> StepEntry? { entries[name] }
}

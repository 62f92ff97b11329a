/// A tiny step used by the command-line tests (and as a template for real steps). It is only
/// registered when the environment variable `LABBOOK_EXAMPLE_STEP=1` is set.
public struct ExampleStep: Step {
    public enum Mode: String, ConfigEnum { case sum, product }

    public struct Config: Decodable, Sendable {
        public var numbers: [Double]
        public var mode: Mode
        public var label: String?
        /// A data file to require (relative to the data root), to exercise data-root resolution.
        public var file: String?
    }

    public static let name = "example"

    public static func check(_ config: Config) throws {
        if config.numbers.isEmpty { throw ConfigError(path: "numbers", "`numbers` needs at least one number") }
    }

    public static func run(_ config: Config, context: inout RunContext) throws -> StepOutput {
        if let file = config.file { _ = try context.dataFile(file) }
        let value = config.mode == .sum ? config.numbers.reduce(0, +) : config.numbers.reduce(1, *)
        return StepOutput(markdown: "\(config.label ?? config.mode.rawValue): \(value)")
    }
}

extension StepRegistry {
    /// `registry` plus `ExampleStep` when `LABBOOK_EXAMPLE_STEP=1` is in `environment`.
    public static func withExampleStep(_ registry: StepRegistry, environment: [String: String]) -> StepRegistry {
        environment["LABBOOK_EXAMPLE_STEP"] == "1" ? registry.registering(ExampleStep.self) : registry
    }
}

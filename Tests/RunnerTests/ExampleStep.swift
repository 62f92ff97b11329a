import Config
import Results
import Runner

/// A step that lives only in the tests: one type (this file) and one `registering` line are all it takes
/// (see `StepFolderTests`), its results section included. Also the template for a real step in `Sources/Steps/NAME/`.
struct ExampleStep: Step {
    enum Mode: String, ConfigEnum { case sum, product }

    struct Config: Decodable, Sendable {
        var numbers: [Double]
        var mode: Mode
        var label: String?
        /// A data file to require (relative to the data root), to exercise data-root resolution.
        var file: String?
    }

    static let name = "example"
    /// Cached like a real step: only its output is stored, it puts no artifacts.
    static var codec: StepCodec? { .nothing }

    static func check(_ config: Config) throws {
        if config.numbers.isEmpty { throw ConfigError(path: "numbers", "`numbers` needs at least one number") }
    }

    static func run(_ config: Config, context: inout RunContext) throws -> StepOutput {
        if let file = config.file { _ = try context.dataFile(file) }
        let value = config.mode == .sum ? config.numbers.reduce(0, +) : config.numbers.reduce(1, *)
        // Its results slot: the summary, which is both its output block and its section of the Report.
        let summary = ResultsSection(step: name, title: "Example \(config.mode.rawValue)",
                                     markdown: "\(config.label ?? config.mode.rawValue): \(value)")
        context.results.setSection(summary)
        return StepOutput(markdown: summary.markdown)
    }
}

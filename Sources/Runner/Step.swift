import Literate
import Support
import Results
import Config

/// One kind of step of an experiment (load, clean, cluster, train, evaluate, report).
///
/// A step declares its typed configuration and how to run it; register it in a `StepRegistry`
/// and the parser, checker and runner handle it without further changes.
public protocol Step {
    associatedtype Config: Decodable & Sendable
    /// The name after `yaml` in the step's fence, e.g. `load`.
    static var name: String { get }
    /// Semantic checks that need no data (e.g. a join names a declared source).
    /// Throw `ConfigError` with a path such as `join.right`.
    static func check(_ config: Config) throws
    /// Runs the step: read inputs from `context`, put artifacts for later steps, fill `context.results`.
    static func run(_ config: Config, context: inout RunContext) throws -> StepOutput
    /// How the step cache saves and restores what the step put into the context; nil: the step always runs.
    static var codec: StepCodec? { get }
}

extension Step {
    public static func check(_ config: Config) throws {}
    public static var codec: StepCodec? { nil }
}

/// What a step shows in the experiment file: the Markdown of its output block.
public struct StepOutput: Sendable, Equatable {
    public var markdown: String
    public init(markdown: String) { self.markdown = markdown }
}

/// A typed key for the artifact store: `static let frame = ArtifactKey<DataFrame>("frame")`.
public struct ArtifactKey<Value>: Sendable, Hashable {
    public let name: String
    public init(_ name: String) { self.name = name }
}

/// One progress event of a run: structured, so a display renders it without parsing text.
public enum ProgressEvent: Sendable, Equatable {
    /// A line of progress, e.g. "cluster: choosing k in 2...12 by silhouette".
    case message(String)
    /// One more fold of a long task is done (folds run in parallel and finish in any order).
    case fold(task: String, fold: Int, of: Int)

    /// The event as one plain line.
    public var text: String {
        switch self {
        case .message(let text): return text
        case let .fold(task, fold, total): return "\(task): fold \(fold)/\(total) done"
        }
    }
}

/// Reports progress of long steps (to standard error in the CLI; silent in tests).
public struct ProgressReporter: Sendable {
    private let emit: @Sendable (ProgressEvent) -> Void
    /// A reporter that receives the structured events.
    public init(events emit: @escaping @Sendable (ProgressEvent) -> Void) { self.emit = emit }
    /// A reporter that receives every event as its plain line.
    public init(_ emit: @escaping @Sendable (String) -> Void) { self.emit = { emit($0.text) } }
    public func callAsFunction(_ message: String) { emit(.message(message)) }
    /// Fold `fold` (from 1) of `total` of `task` is done.
    public func fold(_ task: String, _ fold: Int, of total: Int) { emit(.fold(task: task, fold: fold, of: total)) }
    /// Drops every message.
    public static let silent = ProgressReporter(events: { _ in })
}

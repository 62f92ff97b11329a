import Workflows
import Steps
import Runner
import Config

/// What `labbook preview` is doing, as served at `/_labbook/status` (JSON) and drawn above every page.
public struct PreviewStatus: Codable, Sendable, Equatable {
    public enum State: String, Codable, Sendable {
        /// A run is in progress (`running` says which step).
        case running
        /// The last run of every experiment succeeded.
        case ready
        /// An experiment does not parse or a step failed: `errors` says why; reports are the last good ones.
        case failed
    }

    /// A step being run or restored right now.
    public struct RunningStep: Codable, Sendable, Equatable {
        public var experiment: String
        public var step: String
        /// From 1, of `count` steps.
        public var index: Int
        public var count: Int
    }

    /// One error line exactly as the terminal prints it, and the report anchor of its step block.
    public struct ErrorLine: Codable, Sendable, Equatable {
        public var text: String
        /// e.g. `x.html#workspace-clean`, when the error lies in a step block whose report exists.
        public var link: String?
    }

    /// One step of a finished run: reused from the cache or computed.
    public struct StepResult: Codable, Sendable, Equatable {
        public var experiment: String
        public var step: String
        public var reused: Bool
        public var seconds: Double
    }

    /// A finished (re)run: every step it ran or restored, and whether it succeeded.
    public struct Run: Codable, Sendable, Equatable {
        /// The `generation` this run produced.
        public var generation: Int
        /// What set it off: `start`, or the changed files.
        public var cause: [String]
        public var steps: [StepResult]
        public var failed: Bool
    }

    public var state: State = .running
    /// Counts finished runs; pages reload when it moves past theirs.
    public var generation = 0
    public var running: RunningStep?
    public var errors: [ErrorLine] = []
    /// The most recent runs, oldest first (at most `Self.keptRuns`).
    public var runs: [Run] = []

    static let keptRuns = 50

    public init() {}
}

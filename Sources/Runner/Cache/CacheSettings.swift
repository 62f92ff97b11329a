import Literate
import Support
import Results
import Config

/// How a run uses the step cache.
public enum CacheMode: Sendable, Equatable {
    /// Reuse unchanged steps, store recomputed ones (`labbook run`).
    case readWrite
    /// Recompute every step and store the fresh results (`labbook run --no-cache`).
    case recompute
    /// Only reuse; a step without a valid cached result is an error (`labbook render`).
    case readOnly
}

/// The cache a run uses, and how.
public struct CacheSettings: Sendable {
    public var cache: StepCache
    public var mode: CacheMode

    public init(cache: StepCache, mode: CacheMode = .readWrite) {
        self.cache = cache
        self.mode = mode
    }
}

/// Whether a step was reused from the cache, and if not, why it ran (for `--explain`).
public struct StepCacheReport: Sendable, Equatable, CustomStringConvertible {
    public var step: String
    public var reused: Bool
    /// E.g. "unchanged", "config key clean.pca.n_components changed 32 → 16", "data file x.csv changed".
    public var reason: String

    public var description: String { "\(step): \(reused ? "reused" : "ran") (\(reason))" }
}

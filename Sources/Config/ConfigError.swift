import Literate

/// A problem with a step's configuration. `path` names the offending value (`sources.songs.files[0]`,
/// empty for the whole config); the decoder also fills in `location`. Steps' `check` functions throw
/// it with a path only: the runner finds the position of that path in the YAML.
public struct ConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var message: String
    /// Where in the experiment file, when known.
    public var location: SourceLocation?

    public init(path: String, _ message: String, location: SourceLocation? = nil) {
        self.path = path
        self.message = message
        self.location = location
    }

    public var description: String {
        location.map { "\($0): error: \(message)" } ?? message
    }

    /// The same error as a diagnostic, at `location` or else at `fallback`.
    public func diagnostic(fallback: SourceLocation) -> Diagnostic {
        Diagnostic(at: location ?? fallback, message)
    }
}

/// Builds "did you mean" suggestions.
public enum Suggestion {
    /// Levenshtein edit distance between two strings (over Unicode scalars).
    public static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// The candidate closest to `word`, if it is close enough to be a plausible typo.
    public static func nearest(to word: String, in candidates: [String]) -> String? {
        let limit = max(2, word.count / 3)
        let scored = candidates.map { ($0, distance(word.lowercased(), $0.lowercased())) }
        guard let best = scored.min(by: { $0.1 < $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }), best.1 <= limit else {
            return nil
        }
        return best.0
    }

    /// " — did you mean `x`?" or an empty string.
    public static func didYouMean(_ word: String, in candidates: [String]) -> String {
        nearest(to: word, in: candidates).map { " — did you mean `\($0)`?" } ?? ""
    }
}

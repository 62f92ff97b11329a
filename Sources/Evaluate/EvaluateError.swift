/// A problem with an evaluation's configuration or data (too few rows for the folds, a constant vector...).
/// The message is for people.
public struct EvaluateError: Error, CustomStringConvertible, Equatable {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

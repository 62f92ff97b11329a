/// An error about a data file, printed the way compilers print errors: `PATH:LINE: error: message`.
///
/// `line` is the 1-based physical line where the offending record starts (a record with quoted newlines spans
/// several physical lines). A missing file prints as `data file not found: PATH`.
public struct DataFileError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The path as the caller gave it (e.g. as written in the experiment's config).
    public var path: String
    /// 1-based physical line, or nil for errors about the whole file (not found, unreadable).
    public var line: Int?
    public var message: String

    public init(path: String, line: Int?, message: String) {
        self.path = path
        self.line = line
        self.message = message
    }

    /// The error for a file that does not exist.
    public static func notFound(_ path: String) -> DataFileError {
        DataFileError(path: path, line: nil, message: "data file not found: \(path)")
    }

    public var description: String {
        if let line { return "\(path):\(line): error: \(message)" }
        if message.hasPrefix("data file not found") { return message }
        return "\(path): error: \(message)"
    }
}

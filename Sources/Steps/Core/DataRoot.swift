import Foundation

/// The folder experiments name their data files relative to.
public struct DataRoot: Sendable, Equatable {
    public let url: URL

    public init(url: URL) { self.url = url.standardizedFileURL }

    /// The absolute URL of `relative`; throws "data file not found: /abs/path" when it does not exist.
    public func resolve(relative: String) throws -> URL {
        let resolved = relative.hasPrefix("/") ? URL(fileURLWithPath: relative)
            : url.appendingPathComponent(relative)
        let path = resolved.standardizedFileURL.path
        guard FileManager.default.fileExists(atPath: path) else {
            throw RunError("data file not found: \(path)")
        }
        return resolved.standardizedFileURL
    }
}

import Workflows
import Steps
import Runner
import Config
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The files `labbook preview` may serve: regular files inside the reports folder, nothing else.
///
/// A request path is percent-decoded once; any `.` or `..` segment, hidden name (the writers' temporary
/// files start with a dot), backslash or NUL is refused, and the real path (symlinks resolved) must
/// still lie inside the folder's real path. Everything refused is a 404, like a missing file.
public struct ReportFiles: Sendable {
    /// The reports folder, as given (it may not exist yet).
    public let folder: URL

    public init(folder: URL) { self.folder = folder.standardizedFileURL }

    /// The file a raw (still percent-encoded) request path names, or nil (404).
    public func resolve(requestPath raw: String) -> URL? {
        guard raw.hasPrefix("/"), let decoded = raw.removingPercentEncoding else { return nil }
        let segments = decoded.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        for segment in segments where segment.hasPrefix(".") || segment.contains("\\") || segment.contains("\0") {
            return nil
        }
        let relative = segments.isEmpty ? ["index.html"] : segments
        let candidate = relative.reduce(folder) { $0.appendingPathComponent($1) }
        guard let root = Self.realPath(folder.path), let real = Self.realPath(candidate.path),
              real.hasPrefix(root.hasSuffix("/") ? root : root + "/") else { return nil }
        var info = stat()
        guard stat(real, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        return URL(fileURLWithPath: real)
    }

    /// The `Content-Type` of a served file, by extension.
    public static func contentType(of url: URL) -> String {
        switch url.pathExtension.lowercased() {
        case "html", "htm": return "text/html; charset=utf-8"
        case "md", "txt", "csv": return "text/plain; charset=utf-8"
        case "json": return "application/json"
        case "svg": return "image/svg+xml"
        case "png": return "image/png"
        case "css": return "text/css; charset=utf-8"
        default: return "application/octet-stream"
        }
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}

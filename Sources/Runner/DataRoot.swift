import Literate
import Support
import Results
import Config
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The folder experiments name their data files relative to. Data paths stay inside it: an absolute
/// path, a `..` that climbs out of it, or a symbolic link that points out of it is an error, so an
/// experiment never reads (or records) a file from elsewhere on the machine.
public struct DataRoot: Sendable, Equatable {
    public let url: URL

    public init(url: URL) { self.url = url.standardizedFileURL }

    /// Why `path`, as written in an experiment, is not a path inside the data root; nil when it is.
    /// Purely textual (no file is read), so `check` uses it.
    public static func problem(with path: String) -> String? {
        if path.isEmpty { return "a data path is empty" }
        if path.hasPrefix("/") || path.hasPrefix("~") {
            return "data path `\(path)` is absolute: name data files relative to the data root "
                + "(set `data_root` in labbook.yml, or --data, to read another folder)"
        }
        var depth = 0
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == ".." { depth -= 1 } else if part != "." { depth += 1 }
            if depth < 0 {
                return "data path `\(path)` leaves the data root: name data files inside it "
                    + "(set `data_root` in labbook.yml, or --data, to read another folder)"
            }
        }
        return nil
    }

    /// The absolute URL of `relative`; throws "data file not found: /abs/path" when it does not exist,
    /// and an error when the path, or a symbolic link on it, leads outside the data root.
    public func resolve(relative: String) throws -> URL {
        if let problem = Self.problem(with: relative) { throw RunError(problem) }
        let resolved = url.appendingPathComponent(relative).standardizedFileURL
        let path = resolved.path
        guard FileManager.default.fileExists(atPath: path) else {
            throw RunError("data file not found: \(path)")
        }
        if let real = Self.realPath(path), let root = Self.realPath(url.path), !real.hasPrefix(root.hasSuffix("/") ? root : root + "/") {
            throw RunError("data file `\(relative)` is a symbolic link to \(real), outside the data root \(root): "
                + "copy or link the data inside the data root, or point `data_root` at it")
        }
        return resolved
    }

    static func realPath(_ path: String) -> String? {
        guard let real = realpath(path, nil) else { return nil }
        defer { free(real) }
        return String(cString: real)
    }
}

import Results
import Config
import Foundation

/// Where the step cache lives. A cluster's workers share one cache folder on a shared filesystem:
/// every entry is written to a temporary file and renamed into place, so many workers may write at once
/// (two computing the same key both rename a whole entry; one wins) and a reader never sees half an entry.
enum CacheLocation {
    /// `LABBOOK_CACHE` (relative to the current directory), then `cache_dir:` of `labbook.yml` (relative to
    /// the project root), else `ROOT/.labbook/cache`.
    static func folder(root: URL, configured: String?, environment: [String: String], currentDirectory: String) -> URL {
        if let path = environment["LABBOOK_CACHE"], !path.isEmpty {
            return absolute(path, base: URL(fileURLWithPath: currentDirectory))
        }
        if let configured, !configured.isEmpty { return absolute(configured, base: root) }
        return StepCache.project(root: root).folder
    }

    private static func absolute(_ path: String, base: URL) -> URL {
        (path.hasPrefix("/") ? URL(fileURLWithPath: path) : base.appendingPathComponent(path)).standardizedFileURL
    }
}

import Literate
import Support
import Results
import Config
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The cache's size limit: entries and stored files are evicted least recently used first (a reused entry
/// counts as used: its modification time is renewed on every hit) once their total passes the limit.
/// `labbook cache info` shows the usage, `labbook cache prune` evicts on demand.
extension StepCache {
    /// The default limit: 1 GiB (`cache_limit_mb:` in labbook.yml changes it).
    public static let defaultLimitBytes: Int64 = 1 << 30

    /// One cached file and when it was last used.
    struct Item {
        let url: URL
        let bytes: Int64
        let used: Date
    }

    /// What `labbook cache info` prints.
    public struct Usage: Sendable {
        public let entries: Int
        public let files: Int
        public let bytes: Int64
        public let oldestUse: Date?
        public let newestUse: Date?
    }

    /// Every entry and stored file (the small run records are not counted or evicted).
    func items() -> [Item] {
        var found: [Item] = []
        for sub in ["entries", "files"] {
            let dir = folder.appendingPathComponent(sub)
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir.path) else { continue }
            for name in names where !name.hasPrefix(".") {
                let url = dir.appendingPathComponent(name)
                var info = stat()
                guard stat(url.path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { continue }
                let used = Date(timeIntervalSince1970: Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9)
                found.append(Item(url: url, bytes: Int64(info.st_size), used: used))
            }
        }
        return found
    }

    public func usage() -> Usage {
        let all = items()
        return Usage(entries: all.filter { $0.url.pathExtension == "entry" }.count,
                     files: all.filter { $0.url.pathExtension != "entry" }.count,
                     bytes: all.reduce(0) { $0 + $1.bytes },
                     oldestUse: all.map(\.used).min(), newestUse: all.map(\.used).max())
    }

    /// Marks an entry as just used (least-recently-used eviction keeps it longest).
    func touch(_ url: URL) {
        utimes(url.path, nil)
    }

    /// Removes the least recently used entries and files until at most `limit` bytes remain.
    /// Returns how many files and bytes were removed.
    @discardableResult
    public func evict(toAtMost limit: Int64) -> (files: Int, bytes: Int64) {
        var all = items().sorted { ($0.used, $0.url.path) < ($1.used, $1.url.path) }
        var total = all.reduce(0) { $0 + $1.bytes }
        var removed = (files: 0, bytes: Int64(0))
        while total > limit, !all.isEmpty {
            let oldest = all.removeFirst()
            guard unlink(oldest.url.path) == 0 else { continue }
            total -= oldest.bytes
            removed.files += 1
            removed.bytes += oldest.bytes
        }
        return removed
    }
}

import Workflows
import Config
#if canImport(Glibc)
import Glibc
#endif

/// Notices changed files by polling their inode, size and modification time (portable, and cheap for
/// the few files an experiment names). A file that appears or disappears counts as changed.
struct FileWatcher {
    /// What `stat` says of a file; nil fields when it does not exist.
    struct Signature: Equatable {
        var inode: UInt64 = 0, size: Int64 = -1, seconds = 0, nanoseconds = 0

        init(path: String) {
            var info = stat()
            guard stat(path, &info) == 0 else { return }
            inode = UInt64(info.st_ino)
            size = Int64(info.st_size)
            seconds = info.st_mtim.tv_sec
            nanoseconds = info.st_mtim.tv_nsec
        }
    }

    /// The signatures last accepted, by path.
    private(set) var known: [String: Signature] = [:]

    /// The paths of `watched` whose signature differs from the accepted one (new paths count as changed
    /// unless `acceptNew`), with their current signatures.
    func changes(in watched: Set<String>, acceptNew: Bool = false) -> [String: Signature] {
        var changed: [String: Signature] = [:]
        for path in watched {
            let now = Signature(path: path)
            if let before = known[path] {
                if before != now { changed[path] = now }
            } else if !acceptNew {
                changed[path] = now
            }
        }
        return changed
    }

    /// Accepts the current state of `paths` as seen.
    mutating func accept(_ paths: some Sequence<String>) {
        for path in paths { known[path] = Signature(path: path) }
    }

    /// Accepts given signatures (those seen when a change was detected).
    mutating func accept(_ signatures: [String: Signature]) {
        known.merge(signatures) { _, new in new }
    }
}

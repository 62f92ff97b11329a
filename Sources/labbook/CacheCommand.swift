import ArgumentParser
import Foundation
import Steps

/// `labbook cache info` and `labbook cache prune`: the step cache's size and least-recently-used eviction.
struct CacheCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cache",
        abstract: "Show the step cache's size, or evict entries.",
        discussion: """
            The cache (.labbook/cache at the project root) is limited to cache_limit_mb
            in labbook.yml (default 1024): after every run the least recently used
            entries are evicted down to the limit.

            Example:
              labbook cache info && labbook cache prune --max-mb 200
            """,
        subcommands: [Info.self, Prune.self])

    static func settings() throws -> ProjectSettings {
        do {
            return try ProjectSettings.load(from: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        } catch {
            Terminal.error("\(error)")
            throw ExitStatus.invalid
        }
    }

    static func megabytes(_ bytes: Int64) -> String { String(format: "%.1f MB", Double(bytes) / 1_048_576) }

    struct Info: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Where the cache is, how large, and its limit.",
            discussion: "Example:\n  labbook cache info")

        func run() throws {
            let settings = try CacheCommand.settings()
            let cache = settings.cache
            let usage = cache.usage()
            print("cache: \(cache.folder.path)")
            print("entries: \(usage.entries) step results, \(usage.files) stored files")
            print("size: \(CacheCommand.megabytes(usage.bytes)) of \(CacheCommand.megabytes(cache.limitBytes)) "
                  + "(least recently used entries are evicted after each run)")
            if let oldest = usage.oldestUse, let newest = usage.newestUse {
                let format = ISO8601DateFormatter()
                print("last used: \(format.string(from: oldest)) (oldest) to \(format.string(from: newest)) (newest)")
            }
        }
    }

    struct Prune: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Evict least recently used entries.",
            discussion: """
                Evicts the least recently used entries until the cache fits its limit
                (cache_limit_mb in labbook.yml) or --max-mb; --all empties it.

                Example:
                  labbook cache prune --max-mb 200
                """)

        @Option(name: .customLong("max-mb"), help: "Keep at most this many megabytes\n(default: the cache limit).")
        var maxMB: Int64?

        @Flag(help: "Remove every entry.")
        var all = false

        func validate() throws {
            if let maxMB, maxMB < 0 { throw ValidationError("--max-mb must be ≥ 0, got \(maxMB)") }
        }

        func run() throws {
            let cache = try CacheCommand.settings().cache
            let limit = all ? 0 : maxMB.map { $0 << 20 } ?? cache.limitBytes
            let removed = cache.evict(toAtMost: limit)
            print("cache: removed \(removed.files) files (\(CacheCommand.megabytes(removed.bytes))); "
                  + "\(CacheCommand.megabytes(cache.usage().bytes)) left in \(cache.folder.path)")
        }
    }
}

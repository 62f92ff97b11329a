import Results
import Config
import Support
import Foundation
import Literate

/// Project-wide settings from `labbook.yml` at the project root, and the defaults without it.
///
/// The data root is, by priority: `--data DIR`, then `data_root:` in `labbook.yml` (relative to that
/// file), then `../shared/data` relative to the project root (the folder holding `labbook.yml`, or the
/// current directory). The seed is `--seed`, then `seed:` (default 0).
public struct ProjectSettings: Sendable {
    /// The folder holding `labbook.yml`, or the starting folder when there is none.
    public let root: URL
    /// The project file, when found.
    public let file: URL?
    public let dataRoot: DataRoot
    public let seed: UInt64
    /// What one row is, in the plural, for every report (`entity:`; an experiment's `report.entity` wins).
    public var entity: String? = nil
    /// The step cache folder: `LABBOOK_CACHE`, then `cache_dir:` (relative to `labbook.yml`), else
    /// `.labbook/cache` at the project root. It may live on a filesystem shared by many machines.
    public var cacheFolder: URL = URL(fileURLWithPath: "/nonexistent")
    /// The step cache's size limit in bytes (`cache_limit_mb:`, default 1 GiB).
    public var cacheLimitBytes: Int64 = StepCache.defaultLimitBytes

    /// The step cache in `cacheFolder`, with its size limit.
    public var cache: StepCache { StepCache(folder: cacheFolder, limitBytes: cacheLimitBytes) }

    struct FileContents: Decodable {
        var dataRoot: String?
        var seed: UInt64?
        var entity: String?
        var cacheDir: String?
        var cacheLimitMB: Int64?
        enum CodingKeys: String, CodingKey {
            case dataRoot = "data_root", seed, entity, cacheDir = "cache_dir", cacheLimitMB = "cache_limit_mb"
        }
    }

    /// Looks for `labbook.yml` in `start` and its parents. Throws `ConfigErrors` for a bad project file.
    public static func load(from start: URL, dataOverride: String? = nil, seedOverride: UInt64? = nil,
                            fileManager: FileManager = .default) throws -> ProjectSettings {
        var folder = start.standardizedFileURL
        var found: URL?
        while true {
            let candidate = folder.appendingPathComponent("labbook.yml")
            if fileManager.fileExists(atPath: candidate.path) { found = candidate; break }
            let parent = folder.deletingLastPathComponent()
            if parent.path == folder.path { break }
            folder = parent
        }
        let root = found?.deletingLastPathComponent() ?? start.standardizedFileURL
        var contents = FileContents()
        if let file = found {
            let text: String
            do {
                text = try FileRead.text(file)
            } catch {
                throw RunError("\(file.path): error: cannot read the project file: \(error)")
            }
            contents = try ConfigDecoder.decode(FileContents.self, yaml: text, file: file.path)
        }
        let dataPath: URL
        if let dataOverride {
            dataPath = absolute(dataOverride, base: URL(fileURLWithPath: fileManager.currentDirectoryPath))
        } else if let configured = contents.dataRoot {
            dataPath = absolute(configured, base: root)
        } else {
            dataPath = root.appendingPathComponent("../shared/data")
        }
        var settings = ProjectSettings(root: root, file: found, dataRoot: DataRoot(url: dataPath),
                                       seed: seedOverride ?? contents.seed ?? 0, entity: contents.entity)
        settings.cacheFolder = CacheLocation.folder(root: root, configured: contents.cacheDir,
                                                    environment: ProcessInfo.processInfo.environment,
                                                    currentDirectory: fileManager.currentDirectoryPath)
        if let megabytes = contents.cacheLimitMB {
            guard megabytes >= 1, megabytes <= 1 << 40 else {
                throw RunError("\(found?.path ?? "labbook.yml"): error: `cache_limit_mb` must be at least 1, got \(megabytes)")
            }
            settings.cacheLimitBytes = megabytes << 20
        }
        return settings
    }

    private static func absolute(_ path: String, base: URL) -> URL {
        path.hasPrefix("/") ? URL(fileURLWithPath: path) : base.appendingPathComponent(path)
    }
}

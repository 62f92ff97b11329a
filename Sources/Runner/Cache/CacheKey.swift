import Results
import Config
import Support
import Foundation
import Literate
import Yams

/// One flattened configuration value: `pca.n_components` → `32`.
public struct ConfigEntry: Codable, Sendable, Equatable {
    public var key: String
    public var value: String
}

/// Cache keys: each step's key hashes labbook's version, the seed, the step's name and configuration,
/// its upstream step's key, and the SHA-256 of every data file the step read.
enum CacheKey {
    /// The key before the step's data files are known (entries are stored under it).
    static func base(version: String, seed: UInt64, step: String, config: [ConfigEntry], upstream: String) -> String {
        var hash = SHA256()
        hash.update("labbook-step-cache 1\nversion \(version)\nseed \(seed)\nstep \(step)\nupstream \(upstream)\n")
        for entry in config { hash.update("\(entry.key.utf8.count):\(entry.key)=\(entry.value.utf8.count):\(entry.value)\n") }
        return hash.finalize()
    }

    /// The full key: the base key and the hashes of the data files the step read (in reading order).
    static func full(base: String, dataFiles: [DataFileHash]) -> String {
        var hash = SHA256()
        hash.update("base \(base)\n")
        for file in dataFiles { hash.update("file \(file.path) \(file.sha256)\n") }
        return hash.finalize()
    }

    /// The step's configuration flattened in document order (comments and layout do not matter).
    static func flattenedConfig(of step: PlannedStep, file: String) -> [ConfigEntry] {
        do {
            let document = try ConfigDocument(ConfigSource(step: step.block, file: file))
            return flatten(document.root, prefix: "")
        } catch {
            // A planned step always parses; fall back to its text so the key still changes with it.
            return [ConfigEntry(key: "", value: step.block.block.content)]
        }
    }

    /// The flattened configuration with the `STEP.KEY=VALUE` overrides of `step` applied (replacing the key's
    /// value, or appended): an override changes the key exactly as editing the file would.
    static func applying(_ overrides: [String], step: String, to config: [ConfigEntry]) -> [ConfigEntry] {
        var result = config
        for override in overrides {
            guard let equals = override.firstIndex(of: "="), override.hasPrefix(step + ".") else { continue }
            let key = String(override[override.index(override.startIndex, offsetBy: step.count + 1)..<equals])
            let value = String(override[override.index(after: equals)...]).trimmingCharacters(in: .whitespaces)
            if let index = result.firstIndex(where: { $0.key == key }) {
                result[index].value = value
            } else if let index = result.firstIndex(where: { key.hasPrefix($0.key + ".") || key.hasPrefix($0.key + "[") }) {
                result.insert(ConfigEntry(key: key, value: value), at: index + 1)
            } else {
                result.append(ConfigEntry(key: key, value: value))
            }
        }
        return result
    }

    /// The configuration's leaves (`ConfigFlattening.leaves`) as entries.
    static func flatten(_ node: Node, prefix: String) -> [ConfigEntry] {
        ConfigFlattening.leaves(node, prefix: prefix).map { ConfigEntry(key: $0.key, value: $0.value) }
    }
}

import Results
import Config
import Support
import Foundation
import Literate

/// The step cache of a project: `.labbook/cache/` at the project root (the folder of `labbook.yml`).
///
/// `entries/KEY.entry` holds one step's result; `runs/NAME-HASH.json` the records of an experiment's
/// last run, which `--explain` compares against. Every write is atomic (temporary file + rename);
/// every read verifies the entry's SHA-256, so a damaged entry is recomputed, never trusted.
public struct StepCache: Sendable {
    public let folder: URL
    /// After each run, least recently used entries are evicted down to this many bytes.
    public let limitBytes: Int64

    public init(folder: URL, limitBytes: Int64 = StepCache.defaultLimitBytes) {
        self.folder = folder
        self.limitBytes = limitBytes
    }

    /// `ROOT/.labbook/cache`.
    public static func project(root: URL, limitBytes: Int64 = StepCache.defaultLimitBytes) -> StepCache {
        StepCache(folder: root.appendingPathComponent(".labbook/cache"), limitBytes: limitBytes)
    }

    enum Lookup {
        case hit(CacheEntry)
        case missing
        case corrupt(String)
    }

    func entryURL(_ baseKey: String) -> URL {
        folder.appendingPathComponent("entries/\(baseKey).entry")
    }

    func read(_ baseKey: String) -> Lookup {
        let url = entryURL(baseKey)
        guard FileManager.default.fileExists(atPath: url.path) else { return .missing }
        do {
            let entry = try CacheEntry.decode(try Data(contentsOf: url))
            guard entry.record.baseKey == baseKey else { return .corrupt("entry is filed under the wrong key") }
            touch(url)
            return .hit(entry)
        } catch {
            return .corrupt("\(error)")
        }
    }

    func write(_ entry: CacheEntry) throws {
        let url = entryURL(entry.record.baseKey)
        try AtomicFile.createFolder(url.deletingLastPathComponent())
        try AtomicFile.write(parts: try entry.encodedParts(), to: url)
    }

    private static let fileMagic = Data("labbook cached file v1\n".utf8)

    /// Stores bytes produced from a run (e.g. a model file) under `name`, with their SHA-256, atomically.
    public func writeFile(_ bytes: Data, name: String) throws {
        let url = folder.appendingPathComponent("files/\(name)")
        try AtomicFile.createFolder(url.deletingLastPathComponent())
        var data = Self.fileMagic
        data.append(Data((SHA256.hex(bytes) + "\n").utf8))
        data.append(bytes)
        try AtomicFile.write([UInt8](data), to: url)
    }

    /// The bytes stored under `name`; nil when missing or when their checksum does not match.
    public func readFile(name: String) -> Data? {
        let url = folder.appendingPathComponent("files/\(name)")
        guard let data = try? Data(contentsOf: url) else { return nil }
        touch(url)
        let header = Self.fileMagic.count + 65
        guard data.count >= header, data.prefix(Self.fileMagic.count) == Self.fileMagic else { return nil }
        let stated = String(decoding: data[(data.startIndex + Self.fileMagic.count)..<(data.startIndex + header - 1)], as: UTF8.self)
        let bytes = Data(data[(data.startIndex + header)...])
        return SHA256.hex(bytes) == stated ? bytes : nil
    }

    private func runURL(_ experimentFile: URL) -> URL {
        let name = experimentFile.deletingPathExtension().lastPathComponent
        let tag = SHA256.hex(experimentFile.standardizedFileURL.path).prefix(12)
        return folder.appendingPathComponent("runs/\(name)-\(tag).json")
    }

    /// The records of the experiment's last run, by step name (empty when unknown or unreadable).
    func lastRun(of experimentFile: URL) -> [String: StepRecord] {
        guard let data = try? Data(contentsOf: runURL(experimentFile)),
              let records = try? ResultsJSON.decoder().decode([StepRecord].self, from: data) else { return [:] }
        return Dictionary(records.map { ($0.step, $0) }, uniquingKeysWith: { _, last in last })
    }

    func saveRun(_ records: [StepRecord], of experimentFile: URL) throws {
        let url = runURL(experimentFile)
        try AtomicFile.createFolder(url.deletingLastPathComponent())
        try AtomicFile.write([UInt8](try ResultsJSON.encoder().encode(records)), to: url)
        evict(toAtMost: limitBytes)
    }
}

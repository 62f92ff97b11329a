import Literate
import Config
import Support
import Foundation
import Results

/// The cache bookkeeping of one experiment run: chains keys from step to step, restores unchanged
/// steps, stores recomputed ones and explains each decision.
/// What `CacheSession.store` compares a step's context with: its results and how many data files had been read
/// before the step ran. Not the whole context: a copy of its artifacts would keep alive, for the whole step, what
/// the step drops (`evaluate` drops the all-rows cleaned matrix, 536 bytes per row in va-regression).
struct StepStart {
    let results: RunResults
    let dataFilesRead: Int

    init(_ context: RunContext) {
        results = context.results
        dataFilesRead = context.dataFilesRead.count
    }
}

struct CacheSession {
    let settings: CacheSettings?
    let fileURL: URL
    let fileName: String
    let version: String
    let seed: UInt64
    private let previous: [String: StepRecord]
    private var upstreamKey = ""
    private var upstreamStep: String?
    private(set) var records: [StepRecord] = []
    private(set) var reports: [StepCacheReport] = []
    /// The data files hashed during this run, by path: each file is read for its hash once.
    private var hashes: [String: DataFileHash] = [:]

    init(settings: CacheSettings?, plan: ExperimentPlan, version: String, seed: UInt64) {
        self.settings = settings
        fileURL = plan.fileURL
        fileName = plan.document.fileName
        self.version = version
        self.seed = seed
        previous = settings?.cache.lastRun(of: plan.fileURL) ?? [:]
    }

    /// A step about to run: its keys so far and the cache's answer.
    struct Attempt {
        let step: PlannedStep
        let config: any Sendable
        let flattened: [ConfigEntry]
        let baseKey: String
        let codec: StepCodec?
    }

    /// `overrides` are the run's `--set STEP.KEY=VALUE` strings: those of this step enter its key.
    func begin(_ step: PlannedStep, config: any Sendable, overrides: [String] = []) -> Attempt {
        let flattened = CacheKey.applying(overrides, step: step.name, to: CacheKey.flattenedConfig(of: step, file: fileName))
        let base = CacheKey.base(version: version, seed: seed, step: step.name, config: flattened, upstream: upstreamKey)
        return Attempt(step: step, config: config, flattened: flattened, baseKey: base,
                       codec: step.entry?.codec)
    }

    /// Restores the step from the cache when its entry is valid; nil (with the reason noted) otherwise.
    mutating func reuse(_ attempt: Attempt, context: inout RunContext) throws -> (StepOutput, Double)? {
        guard let settings else { return nil }
        let reason: String
        if let codec = attempt.codec, settings.mode != .recompute {
            switch settings.cache.read(attempt.baseKey) {
            case .hit(let entry):
                if let changed = changedDataFile(entry.record, dataRoot: context.dataRoot) {
                    reason = changed
                } else {
                    do {
                        let started = Date()
                        var restored = context
                        try codec.restore(entry.artifacts, attempt.config, &restored)
                        try entry.results.apply(to: &restored.results)
                        for file in entry.record.dataFiles { _ = try restored.dataFile(file.path) }
                        context = restored
                        finish(entry.record, reused: true, reason: "unchanged")
                        return (StepOutput(markdown: entry.markdown), Date().timeIntervalSince(started))
                    } catch {
                        reason = "cached result unusable (\(error)), recomputed"
                    }
                }
            case .corrupt(let problem):
                reason = "cache entry corrupt (\(problem)), recomputed"
            case .missing:
                reason = explainMiss(attempt)
            }
        } else {
            reason = attempt.codec == nil ? "this step is not cached" : "--no-cache"
        }
        if settings.mode == .readOnly {
            throw RunError("step `\(attempt.step.name)` has no usable cached result (\(reason)): run `labbook run \(fileName)` first")
        }
        pendingReason = reason
        return nil
    }

    private var pendingReason = "cache disabled"

    /// After the step ran: chains its key and stores its result.
    mutating func store(_ attempt: Attempt, output: StepOutput, seconds: Double, before: StepStart,
                        after context: RunContext) {
        let newFiles = context.dataFilesRead.dropFirst(before.dataFilesRead)
        let hashes = newFiles.map { path in
            (try? hash(path, dataRoot: context.dataRoot)) ?? DataFileHash(path: path, sha256: "unreadable", bytes: 0)
        }
        let record = StepRecord(step: attempt.step.name, baseKey: attempt.baseKey,
                                key: CacheKey.full(base: attempt.baseKey, dataFiles: hashes),
                                upstreamStep: upstreamStep, upstreamKey: upstreamKey, labbookVersion: version, seed: seed,
                                config: attempt.flattened, dataFiles: hashes)
        if let settings, let codec = attempt.codec {
            do {
                let entry = CacheEntry(record: record, markdown: output.markdown, seconds: seconds,
                                       results: try ResultsPart(before: before.results, after: context.results),
                                       artifacts: try codec.encode(attempt.config, context))
                try settings.cache.write(entry)
            } catch {
                context.progress("cache: cannot store the result of `\(attempt.step.name)`: \(error)")
            }
        }
        finish(record, reused: false, reason: settings == nil ? "cache disabled" : pendingReason)
    }

    private mutating func finish(_ record: StepRecord, reused: Bool, reason: String) {
        records.append(record)
        reports.append(StepCacheReport(step: record.step, reused: reused, reason: reason))
        upstreamKey = record.key
        upstreamStep = record.step
    }

    /// Without running anything: whether the step would be reused, or why it would run. The key chained
    /// on is then a prediction: the step's base key with the data files of its last run, hashed now.
    mutating func predict(_ attempt: Attempt, dataRoot: DataRoot) -> StepCacheReport {
        var reason = settings == nil ? "cache disabled" : "this step is not cached"
        var files = previous[attempt.step.name]?.dataFiles.map(\.path) ?? []
        if let settings, attempt.codec != nil {
            switch settings.cache.read(attempt.baseKey) {
            case .hit(let entry):
                guard let changed = changedDataFile(entry.record, dataRoot: dataRoot) else {
                    finish(entry.record, reused: true, reason: "unchanged")
                    return reports[reports.count - 1]
                }
                reason = changed
                files = entry.record.dataFiles.map(\.path)
            case .corrupt(let problem):
                reason = "cache entry corrupt (\(problem))"
            case .missing:
                reason = explainMiss(attempt)
            }
        }
        let hashes = files.map { path in
            (try? hash(path, dataRoot: dataRoot)) ?? DataFileHash(path: path, sha256: "unreadable", bytes: 0)
        }
        finish(StepRecord(step: attempt.step.name, baseKey: attempt.baseKey,
                          key: CacheKey.full(base: attempt.baseKey, dataFiles: hashes), upstreamStep: upstreamStep,
                          upstreamKey: upstreamKey, labbookVersion: version, seed: seed, config: attempt.flattened,
                          dataFiles: hashes), reused: false, reason: reason)
        return reports[reports.count - 1]
    }

    /// Saves this run's records for the next `--explain`.
    func saveRun() throws {
        guard let settings, settings.mode != .readOnly else { return }
        try settings.cache.saveRun(records, of: fileURL)
    }

    private mutating func changedDataFile(_ record: StepRecord, dataRoot: DataRoot) -> String? {
        for file in record.dataFiles {
            guard (try? dataRoot.resolve(relative: file.path)) != nil else { return "data file \(file.path) is missing" }
            guard let now = try? hash(file.path, dataRoot: dataRoot) else { return "data file \(file.path) is unreadable" }
            if now.sha256 != file.sha256 { return "data file \(file.path) changed" }
        }
        return nil
    }

    /// The hash and size of a data file (relative to the data root), read once per run.
    mutating func hash(_ path: String, dataRoot: DataRoot) throws -> DataFileHash {
        if let known = hashes[path] { return known }
        let data = try Data(contentsOf: try dataRoot.resolve(relative: path), options: .mappedIfSafe)
        let hash = DataFileHash(path: path, sha256: SHA256.hex(data), bytes: data.count)
        hashes[path] = hash
        return hash
    }

    /// Why there is no entry: compares with the same step of the experiment's last run.
    private func explainMiss(_ attempt: Attempt) -> String {
        guard let last = previous[attempt.step.name] else { return "no cached result" }
        var reasons: [String] = []
        if last.labbookVersion != version { reasons.append("labbook version changed \(last.labbookVersion) → \(version)") }
        if last.seed != seed { reasons.append("seed changed \(last.seed) → \(seed)") }
        reasons += ConfigDiff.describe(step: attempt.step.name, old: last.config, new: attempt.flattened)
        if reasons.isEmpty, last.upstreamKey != upstreamKey {
            reasons.append("upstream step `\(upstreamStep ?? "?")` changed")
        }
        return reasons.isEmpty ? "no cached result" : reasons.joined(separator: "; ")
    }
}

/// Key-level differences between two flattened configurations, in words.
enum ConfigDiff {
    static func describe(step: String, old: [ConfigEntry], new: [ConfigEntry]) -> [String] {
        let before = Dictionary(old.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
        let after = Dictionary(new.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
        func name(_ key: String) -> String { key.isEmpty ? step : "\(step).\(key)" }
        var lines: [String] = []
        for entry in new {
            if let was = before[entry.key] {
                if was != entry.value { lines.append("config key \(name(entry.key)) changed \(was) → \(entry.value)") }
            } else {
                lines.append("config key \(name(entry.key)) added (\(entry.value))")
            }
        }
        for entry in old where after[entry.key] == nil {
            lines.append("config key \(name(entry.key)) removed (was \(entry.value))")
        }
        if lines.isEmpty, old.map(\.key) != new.map(\.key) { lines.append("config keys of `\(step)` reordered") }
        return lines
    }
}

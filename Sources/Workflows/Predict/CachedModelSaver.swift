import Steps
import Runner
import Config
import Support
import Foundation
import Literate
import Report

/// `ModelSaver` backed by the step cache: when a run's inputs are those of an earlier run (the same last
/// cache key, which covers every step's configuration, overrides, data, seed and labbook's version), the
/// model file saved then is restored instead of refitting the final models; otherwise the models are
/// fitted as `ModelSaver` does and the file is stored in the cache. With `recompute` (`labbook run --no-cache`)
/// the models are always fitted, and the fresh file replaces the cached one.
public struct CachedModelSaver: RunObserver {
    public let reportsFolder: URL
    public let cache: StepCache?
    public let recompute: Bool

    public init(reportsFolder: URL, cache: StepCache?, recompute: Bool = false) {
        self.reportsFolder = reportsFolder
        self.cache = cache
        self.recompute = recompute
    }

    public func experimentDidRun(_ run: CompletedRun) throws { try prepareSave(run)() }

    /// Restores or fits the model before the saving phase; writes the file inside it.
    public func prepareSave(_ run: CompletedRun) throws -> () throws -> Void {
        guard let cache, let key = run.cacheKey else {
            return try ModelSaver(reportsFolder: reportsFolder).prepareSave(run)
        }
        let name = "\(key).model"
        let started = Date()
        let bytes: Data
        if !recompute, let cached = cache.readFile(name: name) {
            bytes = cached
        } else {
            guard let model = try ModelSaver.fit(run) else { return {} }
            bytes = try ModelFile.encode(model)
            do {
                try cache.writeFile(bytes, name: name)
            } catch {
                run.context.progress("cache: cannot store the model file: \(error)")
            }
        }
        let prepared = Date().timeIntervalSince(started)
        return { [reportsFolder] in
            let url = reportsFolder.appendingPathComponent("\(run.plan.experimentName).model")
            try AtomicFile.createFolder(reportsFolder)
            try AtomicFile.write(bytes, to: url)
            run.context.progress("model file \(url.path) saved, prepared in \(NumberFormat.seconds(prepared))")
        }
    }
}

import Workflows
import Runner
import Config
import Foundation
import Steps

/// Runs one cell exactly as the sequential `labbook run` runs that experiment with those overrides: the same
/// observers (reports and model, or none inside a sweep), the same cache and the same write-back rule.
/// `labbook run`, `labbook run-cell` and every executor go through here, so their results are identical.
struct CellExecution {
    let dataRoot: DataRoot
    let seed: UInt64
    let cache: CacheSettings
    let reports: URL
    let progress: ProgressReporter
    var events: RunEvents = .none
    /// `entity:` of labbook.yml (what one row is, for the reports' words).
    let entity: String?

    init(settings: ProjectSettings, cacheMode: CacheMode = .readWrite, progress: ProgressReporter,
         events: RunEvents = .none) {
        dataRoot = settings.dataRoot
        seed = settings.seed
        cache = CacheSettings(cache: settings.cache, mode: cacheMode)
        reports = settings.root.appendingPathComponent("reports")
        entity = settings.entity
        self.progress = progress
        self.events = events
    }

    /// The settings a manifest's cell carries (a worker may run far from the command that planned it).
    init(cell: Cell, progress: ProgressReporter, cacheMode: CacheMode = .readWrite) {
        dataRoot = DataRoot(url: URL(fileURLWithPath: cell.dataRoot))
        seed = cell.seed
        cache = CacheSettings(cache: StepCache(folder: URL(fileURLWithPath: cell.cacheDir)), mode: cacheMode)
        reports = URL(fileURLWithPath: cell.projectRoot).appendingPathComponent("reports")
        entity = cell.entity
        self.progress = progress
    }

    func run(_ plan: ExperimentPlan, kind: Cell.Kind) throws -> CompletedRun {
        let options = RunOptions(dataRoot: dataRoot, seed: seed, progress: progress, writeBack: kind == .plain,
                                 cache: cache, events: events, entity: entity)
        return try ExperimentRunner(observers: observers(kind)).run(plan, options: options)
    }

    private func observers(_ kind: Cell.Kind) -> [any RunObserver] {
        switch kind {
        case .plain: return [ReportWriter(reportsFolder: reports), CachedModelSaver(reportsFolder: reports, cache: cache.cache,
                                                                                  recompute: cache.mode == .recompute)]
        case .overridden: return [ReportWriter(reportsFolder: reports), ModelSaver(reportsFolder: reports)]
        case .sweep: return []
        }
    }

    /// The line `run` prints for a finished experiment.
    static func summary(_ run: CompletedRun, kind: Cell.Kind, label: String) -> String {
        let name = run.plan.document.fileName
        guard kind == .plain else {
            return "\(name) [\(label)]: \(run.outputs.count) steps run; "
                + "not written back (the --set overrides differ from the file's configuration)"
        }
        let skipped = run.skipped.isEmpty ? "" : ", skipped (not implemented): \(run.skipped.joined(separator: ", "))"
        let written = run.fileChanged ? ", outputs written back" : ""
        let reused = run.cacheReports.filter(\.reused).count
        let cached = reused > 0 ? " (\(reused) reused from the cache)" : ""
        return "\(name): \(run.outputs.count) steps run\(cached)\(skipped)\(written)"
    }
}

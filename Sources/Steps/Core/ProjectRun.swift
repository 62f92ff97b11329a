import Foundation

extension RunOptions {
    /// How `labbook run` (and `preview`) runs a project's experiments: its data root, seed and entity,
    /// with the project's step cache.
    public static func project(_ settings: ProjectSettings, mode: CacheMode = .readWrite, progress: ProgressReporter,
                               events: RunEvents) -> RunOptions {
        RunOptions(dataRoot: settings.dataRoot, seed: settings.seed, progress: progress,
                   cache: CacheSettings(cache: .project(root: settings.root), mode: mode), events: events,
                   entity: settings.entity)
    }
}

extension ExperimentRunner {
    /// The runner of `labbook run` (and `preview`): reports and the model file go to `root/reports`.
    public static func project(_ settings: ProjectSettings, options: RunOptions) -> ExperimentRunner {
        let reports = settings.root.appendingPathComponent("reports")
        return ExperimentRunner(observers: [ReportWriter(reportsFolder: reports),
                                            CachedModelSaver(reportsFolder: reports, cache: options.cache?.cache)])
    }
}

import Config
import Support
import Foundation
import Literate
import Results

/// Called after every step of an experiment succeeded, before write-back (e.g. to render reports).
public protocol RunObserver: Sendable {
    /// Called before the first step: throw to stop a run whose outputs could not be saved anyway.
    func experimentWillRun(_ plan: ExperimentPlan) throws
    func experimentDidRun(_ run: CompletedRun) throws
    /// Heavy work after the steps and before saving starts (an interrupt still stops it at once), returning
    /// the writes to do inside the saving phase. By default everything happens in `experimentDidRun`.
    func prepareSave(_ run: CompletedRun) throws -> () throws -> Void
    /// The step outputs to write back and report, given the steps' own: e.g. with links to the figures the
    /// observer will save. By default unchanged.
    func outputs(of run: CompletedRun) throws -> [String: StepOutput]
}

extension RunObserver {
    public func experimentWillRun(_ plan: ExperimentPlan) throws {}
    public func prepareSave(_ run: CompletedRun) throws -> () throws -> Void {
        { try experimentDidRun(run) }
    }
    public func outputs(of run: CompletedRun) throws -> [String: StepOutput] { run.outputs }
}

/// Settings of one `labbook run`.
public struct RunOptions: Sendable {
    public var dataRoot: DataRoot
    public var seed: UInt64
    public var progress: ProgressReporter
    /// Write step outputs back into the experiment file.
    public var writeBack: Bool
    public var labbookVersion: String
    /// The step cache, and whether to read and write it; nil runs every step without a cache.
    public var cache: CacheSettings?
    /// Step started/finished notifications (the command line's progress display).
    public var events: RunEvents
    /// What one row is, in the plural (`entity:` in labbook.yml), for the reports' words.
    public var entity: String?

    public init(dataRoot: DataRoot, seed: UInt64, progress: ProgressReporter = .silent, writeBack: Bool = true,
                labbookVersion: String = LabbookVersion.current, cache: CacheSettings? = nil,
                events: RunEvents = .none, entity: String? = nil) {
        self.entity = entity
        self.dataRoot = dataRoot
        self.seed = seed
        self.progress = progress
        self.writeBack = writeBack
        self.labbookVersion = labbookVersion
        self.cache = cache
        self.events = events
    }
}

/// Notifications about steps, for progress displays.
public struct RunEvents: Sendable {
    /// `(experiment, step, index from 1, step count)` before a step runs or is restored.
    public var stepStarted: @Sendable (String, String, Int, Int) -> Void
    /// `(experiment, step, seconds, reused from the cache)` after it.
    public var stepFinished: @Sendable (String, String, Double, Bool) -> Void

    public init(stepStarted: @escaping @Sendable (String, String, Int, Int) -> Void,
                stepFinished: @escaping @Sendable (String, String, Double, Bool) -> Void) {
        self.stepStarted = stepStarted
        self.stepFinished = stepFinished
    }

    /// No notifications.
    public static let none = RunEvents(stepStarted: { _, _, _, _ in }, stepFinished: { _, _, _, _ in })
}

/// The version string recorded in results.
public enum LabbookVersion {
    public static let current = "0.1.0"
}

/// What a successful run produced.
public struct CompletedRun {
    public let plan: ExperimentPlan
    /// The final context: results, artifacts, data files read.
    public let context: RunContext
    /// Each run step's output, by step name.
    public let outputs: [String: StepOutput]
    /// Steps skipped because they are not implemented, in document order.
    public let skipped: [String]
    /// True when write-back changed the experiment file.
    public let fileChanged: Bool
    /// The experiment with this run's outputs written in, parsed: what write-back saves and what the reports show
    /// (the file as it was planned until the observers have given their outputs).
    public internal(set) var written: ExperimentDocument
    /// The file's bytes the outputs were written into, when the saving phase writes them back (nil otherwise).
    var writeBackSource: [UInt8]?
    /// Per step: reused from the cache or run, and why (`labbook run --explain`).
    public var cacheReports: [StepCacheReport] = []
    /// The last step's cache key: it covers every step's inputs (nil without a cache).
    public var cacheKey: String?
}

/// A step threw: the diagnostic points at the step's block.
public struct StepFailure: Error, CustomStringConvertible {
    public let diagnostic: Diagnostic
    /// When a data file caused the failure: its own `PATH:LINE: error: ...` line, printed first.
    public var dataFileError: String?

    public init(diagnostic: Diagnostic, dataFileError: String? = nil) {
        self.diagnostic = diagnostic
        self.dataFileError = dataFileError
    }

    public var description: String {
        guard let dataFileError else { return diagnostic.description }
        return dataFileError + "\n" + Diagnostic(.note, at: diagnostic.location, diagnostic.message).description
    }
}

/// Runs a valid plan: steps in document order, then observers, then an atomic write-back.
public struct ExperimentRunner: Sendable {
    public let observers: [any RunObserver]

    public init(observers: [any RunObserver] = []) { self.observers = observers }

    /// Throws `StepFailure` when a step or observer fails; the file is then left untouched.
    public func run(_ plan: ExperimentPlan, options: RunOptions) throws -> CompletedRun {
        if let first = plan.errors.first { throw StepFailure(diagnostic: first) }
        try Preflight.check(plan, writeBack: options.writeBack, observers: observers)
        var session = CacheSession(settings: options.cache, plan: plan, version: options.labbookVersion, seed: options.seed)
        var run = try runSteps(plan, options: options, session: &session)
        let saves = try prepareSaves(&run, options: options)
        try commit(&run, saves: saves, session: &session, options: options)
        return run
    }

    /// Every step in document order, each restored from the cache or run: the completed run, not yet saved.
    private func runSteps(_ plan: ExperimentPlan, options: RunOptions, session: inout CacheSession) throws -> CompletedRun {
        let started = Date()
        var context = RunContext(dataRoot: options.dataRoot, seed: options.seed,
                                 experimentName: plan.experimentName, fileURL: plan.fileURL,
                                 document: plan.document, progress: options.progress,
                                 results: initialResults(plan, options: options))
        var outputs: [String: StepOutput] = [:]
        var skipped: [String] = []
        let runnable = plan.steps.filter(\.isImplemented).count
        for step in plan.steps {
            guard let entry = step.entry, let config = step.config else {
                options.progress("skipping `\(step.name)`: not implemented in this version of labbook")
                skipped.append(step.name)
                continue
            }
            options.events.stepStarted(plan.experimentName, step.name, outputs.count + 1, runnable)
            do {
                let (output, seconds, cached) = try runStep(step, entry: entry, config: config, context: &context,
                                                            session: &session)
                outputs[step.name] = output
                context.results.provenance.stepDurations.append(StepDuration(step: step.name, seconds: seconds, cached: cached))
                options.events.stepFinished(plan.experimentName, step.name, seconds, cached)
            } catch {
                throw StepFailure(step: step.name, at: location(of: step, in: plan, error: error), error: error,
                                  dataRoot: options.dataRoot)
            }
        }
        context.results.provenance.totalSeconds = Date().timeIntervalSince(started)
        do {
            context.results.provenance.dataFiles = try context.dataFilesRead.map { try session.hash($0, dataRoot: options.dataRoot) }
        } catch {
            throw StepFailure(diagnostic: Diagnostic(at: Self.startOfFile(plan), "after the run: cannot hash a data file: \(error)"))
        }
        return CompletedRun(plan: plan, context: context, outputs: outputs, skipped: skipped, fileChanged: false,
                            written: plan.document, cacheReports: session.reports, cacheKey: options.cache == nil ? nil : session.records.last?.key)
    }

    /// One step: restored from the cache when its entry is valid, else run (and stored in the cache).
    private func runStep(_ step: PlannedStep, entry: StepEntry, config: any Sendable, context: inout RunContext,
                         session: inout CacheSession) throws -> (output: StepOutput, seconds: Double, cached: Bool) {
        let attempt = session.begin(step, config: config, overrides: context.results.provenance.overrides)
        if let (output, seconds) = try session.reuse(attempt, context: &context) { return (output, seconds, true) }
        let before = StepStart(context)
        let stepStart = Date()
        let output = try entry.run(config, &context)
        let seconds = Date().timeIntervalSince(stepStart)
        session.store(attempt, output: output, seconds: seconds, before: before, after: context)
        return (output, seconds, false)
    }

    /// Lets every observer adjust the outputs (e.g. links to its figures), writes them into the experiment (once: the
    /// file saved and the reports rendered are the same text), then prepares the observers' saves: the heavy work,
    /// which an interrupt still stops at once.
    private func prepareSaves(_ run: inout CompletedRun, options: RunOptions) throws -> [() throws -> Void] {
        do {
            for observer in observers { run = run.replacing(outputs: try observer.outputs(of: run)) }
        } catch {
            throw StepFailure(diagnostic: Diagnostic(at: Self.startOfFile(run.plan), "after the run: \(error)"))
        }
        // With overrides the outputs no longer match the file's own configurations: never write them back.
        let saving = options.writeBack && run.plan.overrides.isEmpty && !run.outputs.isEmpty
        let base = saving ? try currentDocument(run.plan) : run.plan.document
        run.written = ExperimentDocument(bytes: WriteBack.apply(run.outputs.mapValues(\.markdown), to: base),
                                         fileName: run.plan.document.fileName)
        run.writeBackSource = saving ? base.lines.bytes : nil
        do {
            return try observers.map { try $0.prepareSave(run) }
        } catch {
            throw StepFailure(diagnostic: Diagnostic(at: Self.startOfFile(run.plan), "after the run: \(error)"))
        }
    }

    /// The saving phase: reports, write-back and the cache's record of the run are saved together (an interrupt
    /// now waits until they are done).
    private func commit(_ run: inout CompletedRun, saves: [() throws -> Void], session: inout CacheSession,
                        options: RunOptions) throws {
        CommitPhase.enter()
        defer { CommitPhase.leave() }
        options.progress("saving results, reports and outputs")
        for save in saves {
            do {
                try save()
            } catch {
                throw StepFailure(diagnostic: Diagnostic(at: Self.startOfFile(run.plan), "after the run: \(error)"))
            }
        }
        if let source = run.writeBackSource {
            run = run.replacing(fileChanged: try save(run.written, over: source, plan: run.plan))
        }
        do {
            try session.saveRun()
        } catch {
            options.progress("cache: cannot record this run for --explain: \(error)")
        }
    }

    static func startOfFile(_ plan: ExperimentPlan) -> SourceLocation {
        SourceLocation(file: plan.document.fileName, line: 1, column: 1)
    }

    /// Says, per implemented step, whether `run` would reuse it from the cache or why it would run;
    /// runs nothing and writes nothing (`labbook why`).
    public func explain(_ plan: ExperimentPlan, options: RunOptions) throws -> [StepCacheReport] {
        try predict(plan, options: options).reports
    }

    /// `explain`, and the last step's cache key `run` would end with: exact when every step is reused,
    /// otherwise predicted from the data files of the steps' last runs.
    public func predict(_ plan: ExperimentPlan, options: RunOptions) throws -> (reports: [StepCacheReport], key: String?) {
        if let first = plan.errors.first { throw StepFailure(diagnostic: first) }
        var session = CacheSession(settings: options.cache, plan: plan, version: options.labbookVersion, seed: options.seed)
        let overrides = initialResults(plan, options: options).provenance.overrides
        let reports: [StepCacheReport] = plan.steps.compactMap { step in
            guard step.isImplemented, let config = step.config else { return nil }
            let attempt = session.begin(step, config: config, overrides: overrides)
            return session.predict(attempt, dataRoot: options.dataRoot)
        }
        return (reports, session.records.last?.key)
    }

    /// The step's block, or for a `ConfigError` found while running (e.g. a column the data lacks) its key's position.
    private func location(of step: PlannedStep, in plan: ExperimentPlan, error: Error? = nil) -> SourceLocation {
        if let config = (error as? ConfigError) ?? (error as? ConfigErrors)?.errors.first, !config.path.isEmpty {
            if let known = config.location { return known }
            if let document = try? ConfigDocument(ConfigSource(step: step.block, file: plan.document.fileName)) {
                return document.location(ofPath: config.path)
            }
        }
        return SourceLocation(file: plan.document.fileName, line: step.block.block.openingLine, column: step.block.nameColumn)
    }

    private func initialResults(_ plan: ExperimentPlan, options: RunOptions) -> RunResults {
        var configs: [String: String] = [:]
        for step in plan.steps { configs[step.name] = step.block.block.content }
        let timestamp = ISO8601DateFormatter().string(from: Date())
        let provenance = Provenance(labbookVersion: options.labbookVersion, seed: options.seed, gitCommit: nil,
                                    dataFiles: [], overrides: plan.overrides, stepDurations: [],
                                    cores: ProcessInfo.processInfo.activeProcessorCount, totalSeconds: 0,
                                    timestamp: timestamp, configs: configs)
        var results = RunResults(experiment: plan.experimentName, title: plan.document.title ?? plan.experimentName,
                                 provenance: provenance)
        results.entity = options.entity
        return results
    }
}

extension CompletedRun {
    /// The same run with other outputs, or with write-back's answer.
    fileprivate func replacing(outputs: [String: StepOutput]? = nil, fileChanged: Bool? = nil) -> CompletedRun {
        var run = CompletedRun(plan: plan, context: context, outputs: outputs ?? self.outputs, skipped: skipped,
                               fileChanged: fileChanged ?? self.fileChanged, written: written, cacheReports: cacheReports,
                               cacheKey: cacheKey)
        run.writeBackSource = writeBackSource
        return run
    }
}

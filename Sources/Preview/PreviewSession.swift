import Workflows
import Runner
import Config
import Foundation
import Literate
import Report
import Steps

/// An experiment file as the command line names it.
public struct ExperimentFile: Sendable, Equatable {
    public let url: URL
    /// The path as shown in messages (`experiments/x.md`).
    public let display: String

    public init(url: URL, display: String) {
        self.url = url
        self.display = display
    }
}

/// The preview loop: run every experiment once, then poll the watched files (experiments, `labbook.yml`,
/// the data files each experiment read) and rerun the affected experiments exactly as `labbook run`
/// does (same runner, cache and observers), publishing each step and each finished run to `state`.
public final class PreviewSession {
    /// What the command line provides: how to find the experiments and settings, and where to print.
    public struct Environment {
        public var experiments: () throws -> [ExperimentFile]
        public var settings: () throws -> ProjectSettings
        public var registry: StepRegistry
        /// Runs one experiment exactly as `labbook run` does (its runner, cache, observers and terminal
        /// progress), also calling the preview's step notifications.
        public var run: (ExperimentPlan, ProjectSettings, RunEvents) throws -> CompletedRun
        /// `x.md: 6 steps run (6 reused from the cache)`, as `labbook run` prints it.
        public var summary: (CompletedRun) -> String
        public var print: (String) -> Void
        public var printError: (String) -> Void

        public init(experiments: @escaping () throws -> [ExperimentFile], settings: @escaping () throws -> ProjectSettings,
                    registry: StepRegistry, run: @escaping (ExperimentPlan, ProjectSettings, RunEvents) throws -> CompletedRun,
                    summary: @escaping (CompletedRun) -> String, print: @escaping (String) -> Void,
                    printError: @escaping (String) -> Void) {
            self.experiments = experiments
            self.settings = settings
            self.registry = registry
            self.run = run
            self.summary = summary
            self.print = print
            self.printError = printError
        }
    }

    /// How often files are polled, and how long they must stay unchanged before a rerun starts.
    public static let pollInterval = 0.2
    static let quietPeriod = 0.3
    static let longestWait = 2.0

    private let environment: Environment
    private let state: PreviewState
    private let reportsFolder: URL
    private var watcher = FileWatcher()
    private var files: [ExperimentFile] = []
    private var projectFile: String
    /// Absolute paths of the data files each experiment's last successful run read, by experiment path.
    private var dataFiles: [String: Set<String>] = [:]
    /// Experiments whose last run failed in a step (a data file may be missing), and the data root's
    /// folders, watched for them: a file added, removed or renamed there changes its folder.
    private var failedInStep: Set<String> = []
    private var dataFolders: Set<String> = []
    /// Each experiment's current errors, by experiment path ("" for project-wide ones).
    private var errors: [String: [PreviewStatus.ErrorLine]] = [:]

    public init(environment: Environment, state: PreviewState, root: URL) {
        self.environment = environment
        self.state = state
        self.reportsFolder = root.appendingPathComponent("reports")
        self.projectFile = root.appendingPathComponent("labbook.yml").path
    }

    /// The first run of every experiment.
    public func start() {
        refreshFiles()
        watcher.accept(watched)
        run(files, cause: ["start"])
    }

    /// Polls for changes and reruns, forever (Ctrl-C ends the process).
    public func watch() -> Never {
        var lastPing = Date()
        while true {
            Thread.sleep(forTimeInterval: Self.pollInterval)
            if Date().timeIntervalSince(lastPing) > 10 {
                state.hub.ping()
                lastPing = Date()
            }
            if let changed = nextChanges() { rerun(after: changed) }
        }
    }

    /// The changed watched files, once they have stopped changing (edits in quick succession coalesce).
    func nextChanges() -> [String: FileWatcher.Signature]? {
        refreshFiles()
        let paths = watched
        var changed = watcher.changes(in: paths)
        guard !changed.isEmpty else { return nil }
        var quietSince = Date()
        let started = Date()
        while Date().timeIntervalSince(quietSince) < Self.quietPeriod, Date().timeIntervalSince(started) < Self.longestWait {
            Thread.sleep(forTimeInterval: Self.pollInterval / 2)
            let now = watcher.changes(in: paths)
            if now != changed { (changed, quietSince) = (now, Date()) }
        }
        return changed
    }

    /// Reruns the experiments `changed` affects. Signatures are accepted as seen before the run, so an edit
    /// during the run is noticed by the next poll: it queues one more rerun.
    func rerun(after changed: [String: FileWatcher.Signature]) {
        watcher.accept(changed)
        let paths = Set(changed.keys)
        var affected = paths.contains(projectFile) ? files : files.filter { file in
            paths.contains(file.url.path) || !(dataFiles[file.url.path] ?? []).isDisjoint(with: paths)
                || (failedInStep.contains(file.url.path) && !dataFolders.isDisjoint(with: paths))
        }
        guard !affected.isEmpty else { return }
        affected += comparing(with: affected)
        let names = paths.sorted().map(relative)
        environment.print("\(names.joined(separator: ", ")) changed: running \(affected.map(\.display).joined(separator: ", "))")
        run(affected, cause: names)
    }

    /// The other experiments whose report compares with one of `experiments` (`report.compare_with`), and
    /// those comparing with them: their reports are re-rendered with the new results.
    private func comparing(with experiments: [ExperimentFile]) -> [ExperimentFile] {
        var names = Set(experiments.map { $0.url.deletingPathExtension().lastPathComponent })
        var found: [ExperimentFile] = []
        let planner = ExperimentPlanner(registry: environment.registry)
        var others = files.filter { !experiments.contains($0) }.compactMap { file -> (ExperimentFile, String)? in
            guard let plan = try? planner.plan(fileAt: file.url, displayName: file.display),
                  let other = RunOrder.compareWith(plan) else { return nil }
            return (file, other)
        }
        while let index = others.firstIndex(where: { names.contains($0.1) }) {
            let (file, _) = others.remove(at: index)
            found.append(file)
            names.insert(file.url.deletingPathExtension().lastPathComponent)
        }
        return found
    }

    private var watched: Set<String> {
        var paths = Set(files.map(\.url.path))
        paths.insert(projectFile)
        for file in files { paths.formUnion(dataFiles[file.url.path] ?? []) }
        if !failedInStep.isEmpty { paths.formUnion(dataFolders) }
        return paths
    }

    private func refreshFiles() {
        do {
            files = try environment.experiments()
            errors[""] = nil
        } catch {
            errors[""] = [PreviewStatus.ErrorLine(text: "error: \(error)", link: nil)]
        }
        let present = Set(files.map(\.url.path))
        for key in errors.keys where !key.isEmpty && !present.contains(key) { errors[key] = nil }
    }

    private func run(_ experiments: [ExperimentFile], cause: [String]) {
        state.runStarted()
        let recorder = StepRecorder()
        let settings: ProjectSettings
        do {
            settings = try environment.settings()
            errors[projectFile] = nil
        } catch {
            environment.printError("\(error)")
            errors[projectFile] = lines("\(error)", link: nil)
            return finish(cause: cause, steps: recorder.steps)
        }
        var planned: [(ExperimentFile, ExperimentPlan, [UInt8])] = []
        for file in experiments {
            do {
                let bytes = [UInt8](try Data(contentsOf: file.url))
                let plan = ExperimentPlanner(registry: environment.registry)
                    .plan(ExperimentDocument(bytes: bytes, fileName: file.display), fileURL: file.url)
                plan.diagnostics.filter { $0.severity != .note }.forEach { environment.printError($0.description) }
                if plan.isValid {
                    planned.append((file, plan, bytes))
                } else {
                    errors[file.url.path] = plan.errors.flatMap { lines($0.description, link: link(for: $0, in: plan)) }
                }
            } catch {
                let text = "\(file.display): error: cannot read the file: \(error.localizedDescription)"
                environment.printError(text)
                errors[file.url.path] = lines(text, link: nil)
            }
        }
        let events = self.events(recorder)
        let byPath = Dictionary(planned.map { ($0.0.url.path, $0) }, uniquingKeysWith: { first, _ in first })
        for plan in RunOrder.sorted(planned.map(\.1)) {
            guard let (file, _, bytes) = byPath[plan.fileURL.path] else { continue }
            do {
                let run = try environment.run(plan, settings, events)
                environment.print(environment.summary(run))
                errors[file.url.path] = nil
                failedInStep.remove(file.url.path)
                dataFiles[file.url.path] = Set(run.context.dataFilesRead.compactMap { try? settings.dataRoot.resolve(relative: $0).path })
                acceptOwnWriteBack(of: file, run: run, planned: bytes)
            } catch {
                environment.printError("\(error)")
                let failure = error as? StepFailure
                errors[file.url.path] = lines("\(error)", link: failure.flatMap { link(for: $0.diagnostic, in: plan) })
                failedInStep.insert(file.url.path)
                dataFolders = Self.folders(under: settings.dataRoot.url)
                watcher.accept(dataFolders.filter { watcher.known[$0] == nil })
            }
        }
        finish(cause: cause, steps: recorder.steps)
    }

    /// When the experiment file now holds exactly what the run wrote back (or what it planned from), that
    /// change was the run's own: accept it. Anything else is an edit made during the run: rerun for it.
    private func acceptOwnWriteBack(of file: ExperimentFile, run: CompletedRun, planned bytes: [UInt8]) {
        guard let now = try? Data(contentsOf: file.url) else { return }
        if now.elementsEqual(run.written.lines.bytes) || now.elementsEqual(bytes) { watcher.accept([file.url.path]) }
        watcher.accept(dataFiles[file.url.path].map { paths in paths.filter { watcher.known[$0] == nil } } ?? [])
    }

    /// `root` and the folders below it, three levels deep at most and 200 at most (data roots are shallow).
    static func folders(under root: URL, depth: Int = 3, limit: Int = 200) -> Set<String> {
        var found: Set<String> = [], level = [root.path]
        for _ in 0...depth where !level.isEmpty && found.count < limit {
            found.formUnion(level)
            level = level.flatMap { folder -> [String] in
                let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
                return names.filter { !$0.hasPrefix(".") }.map { folder + "/" + $0 }.filter { path in
                    var isFolder: ObjCBool = false
                    return FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) && isFolder.boolValue
                }
            }.sorted()
            level = Array(level.prefix(max(0, limit - found.count)))
        }
        return found
    }

    private func finish(cause: [String], steps: [PreviewStatus.StepResult]) {
        let all = ([""] + [projectFile] + files.map(\.url.path)).flatMap { errors[$0] ?? [] }
        state.runFinished(PreviewStatus.Run(generation: 0, cause: cause, steps: steps, failed: !all.isEmpty), errors: all)
        if all.isEmpty { environment.print("preview: reports up to date") }
    }

    /// The status and events of open pages, from the runner's step notifications.
    private func events(_ recorder: StepRecorder) -> RunEvents {
        let state = self.state
        return RunEvents(stepStarted: { experiment, step, index, count in
            state.stepStarted(PreviewStatus.RunningStep(experiment: experiment, step: step, index: index, count: count))
        }, stepFinished: { experiment, step, seconds, reused in
            let result = PreviewStatus.StepResult(experiment: experiment, step: step, reused: reused, seconds: seconds)
            recorder.append(result)
            state.stepFinished(result)
        })
    }

    /// `text` split into lines (a data-file error comes with a note), each linking to the step's block.
    private func lines(_ text: String, link: String?) -> [PreviewStatus.ErrorLine] {
        text.split(separator: "\n").map { PreviewStatus.ErrorLine(text: String($0), link: link) }
    }

    /// `NAME.html#workspace-STEP` for a diagnostic inside a step block, when that report exists.
    private func link(for diagnostic: Diagnostic, in plan: ExperimentPlan) -> String? {
        let page = "\(plan.experimentName).html"
        guard FileManager.default.fileExists(atPath: reportsFolder.appendingPathComponent(page).path),
              let block = plan.document.stepBlocks.last(where: { $0.block.openingLine <= diagnostic.location.line })
        else { return nil }
        return "\(page)#workspace-\(block.name)"
    }

    private func relative(_ path: String) -> String {
        let root = reportsFolder.deletingLastPathComponent().path + "/"
        return path.hasPrefix(root) ? String(path.dropFirst(root.count)) : path
    }
}

/// The steps of one run, as the runner reports them (from its worker threads).
private final class StepRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: [PreviewStatus.StepResult] = []

    var steps: [PreviewStatus.StepResult] {
        lock.lock()
        defer { lock.unlock() }
        return recorded
    }

    func append(_ step: PreviewStatus.StepResult) {
        lock.lock()
        recorded.append(step)
        lock.unlock()
    }
}

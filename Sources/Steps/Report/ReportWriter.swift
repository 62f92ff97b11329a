import Runner
import Config
import Support
import Foundation
import Literate
import Report
import Results

/// After every step of an experiment succeeded: completes the provenance (data file hashes, git
/// commit) and writes `reports/NAME.results.json`, `NAME.md`, `NAME.html` and `index.html`, each
/// atomically.
public struct ReportWriter: RunObserver {
    public let reportsFolder: URL

    public init(reportsFolder: URL) { self.reportsFolder = reportsFolder }

    /// Fails before the run when the reports folder cannot be created or written.
    public func experimentWillRun(_ plan: ExperimentPlan) throws {
        try ReportsFolder.check(reportsFolder)
        let name = plan.experimentName
        try ReportsFolder.checkReplaceable(["\(name).results.json", "\(name).md", "\(name).html", "\(name).model", "index.html"]
            .map { reportsFolder.appendingPathComponent($0) })
    }

    /// Each step's output followed by Markdown images of the figures it made, linked relative to the experiment
    /// file (e.g. `../reports/NAME/cluster-elbow.svg`), so the experiment renders with its plots on GitHub.
    public func outputs(of run: CompletedRun) throws -> [String: StepOutput] {
        let input = ReportInput(results: reportResults(run), experiment: run.plan.document)
        let folder = RelativePath.from(run.plan.fileURL.deletingLastPathComponent(),
                                       to: reportsFolder.appendingPathComponent(run.plan.experimentName)) + "/"
        return ReportRenderer.outputsWithFigures(run.outputs.mapValues(\.markdown), of: input, folder: folder)
            .mapValues(StepOutput.init(markdown:))
    }

    /// The run's results with the report step's options applied.
    private func reportResults(_ run: CompletedRun) -> RunResults {
        var results = run.context.results
        if let options = run.context.value(ReportStep.options) {
            results.entity = options.entity ?? results.entity
            results.affectPlane = options.affectPlane.map {
                AffectPlane(valence: $0.valence, arousal: $0.arousal, center: $0.center)
            }
        }
        return results
    }

    public func experimentDidRun(_ run: CompletedRun) throws {
        var results = reportResults(run)
        results.provenance.gitCommit = GitInfo.lastCommit(of: run.plan.fileURL)
        try ReportsFolder.prepare(reportsFolder)

        var reference: RunResults?
        if let other = run.context.value(ReportStep.options)?.compareWith {
            let url = reportsFolder.appendingPathComponent("\(other).results.json")
            guard FileManager.default.fileExists(atPath: url.path) else {
                throw RunError("the report compares with `\(other)`, but \(url.path) does not exist: run that experiment first")
            }
            reference = try ResultsJSON.read(url)
        }
        try ResultsJSON.write(results, to: reportsFolder.appendingPathComponent("\(results.experiment).results.json"))
        let input = ReportInput(results: results, experiment: run.written, reference: reference)
        try ReportRenderer.write(input, to: reportsFolder)
        try Self.writeIndex(in: reportsFolder)
    }

    /// Rewrites `index.html` from every `*.results.json` in the folder (after workers that ran at the same
    /// time each wrote it from what was there then).
    public static func writeIndex(in reportsFolder: URL) throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: reportsFolder.path)
            .filter { $0.hasSuffix(".results.json") }.sorted()
        var readable: [RunResults] = [], unreadable: [String] = []
        for name in names {
            if let results = try? ResultsJSON.read(reportsFolder.appendingPathComponent(name)) {
                readable.append(results)
            } else {
                unreadable.append(name)
            }
        }
        try ReportRenderer.writeIndex(readable, unreadable: unreadable, to: reportsFolder)
    }
}

/// The git commit that last touched a file, when it is in a git checkout.
enum GitInfo {
    static func lastCommit(of file: URL) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", file.deletingLastPathComponent().path, "log", "-1", "--format=%h", "--",
                             file.lastPathComponent]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        let hash = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return hash.isEmpty ? nil : hash
    }
}

/// Relative paths between folders, for links written into files.
enum RelativePath {
    /// The path from folder `base` to `target` (`../reports/NAME` from `experiments/`), with `/` separators.
    static func from(_ base: URL, to target: URL) -> String {
        let b = base.standardizedFileURL.pathComponents
        let t = target.standardizedFileURL.pathComponents
        var common = 0
        while common < min(b.count, t.count) && b[common] == t[common] { common += 1 }
        let parts = Array(repeating: "..", count: b.count - common) + t[common...]
        return parts.isEmpty ? "." : parts.joined(separator: "/")
    }
}

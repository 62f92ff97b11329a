import ArgumentParser
import Foundation
import Steps

/// `labbook run --set step.key=value …`: runs experiments with typed overrides, without writing the files back.
/// With a sweep (`--set a=1,2,3`) every combination of values runs and `reports/NAME.sweep.md` compares them.
struct OverrideRun {
    let paths: [String]
    let overrides: [Override]
    let settings: ProjectSettings
    /// The run's progress display and cache mode (`--quiet`/`--verbose`, `--no-cache`), as without overrides.
    var display = ProgressDisplay(level: .normal)
    var cacheMode: CacheMode = .readWrite
    /// `--explain`: per step, reused from the cache or why it ran.
    var explain = false

    /// Sweeps larger than this need `--yes` or a larger `--max-cells`.
    static let defaultMaxCells = 100

    /// Refuses (exit 2) a sweep of more than `maxCells` runs before anything is planned; nil allows any size.
    /// The message names the experiment paths given on the command line.
    static func checkSize(_ overrides: [Override], maxCells: Int?, paths: [String]) throws {
        let swept = overrides.filter(\.isSweep)
        let cells = swept.reduce(1) { $0.multipliedReportingOverflow(by: max(1, $1.values.count)).partialValue }
        guard let maxCells, cells > maxCells else { return }
        let sizes = swept.map { String($0.values.count) }.joined(separator: " × ")
        Terminal.error("\(paths.joined(separator: " ")): error: the sweep has \(cells) runs (\(sizes)), more than --max-cells \(maxCells): "
            + "pass --yes to run them all, or raise --max-cells")
        throw ExitStatus.invalid
    }

    /// Parses the `--set` arguments; malformed ones are usage errors.
    static func parse(_ arguments: [String]) throws -> [Override] {
        do {
            return try arguments.map(Override.parse)
        } catch {
            Terminal.error("\(error)")
            throw ExitStatus.invalid
        }
    }

    func run() throws {
        // Check every combination before running anything: a bad value fails fast with its position.
        let groups = try CellPlanning(paths: paths, overrides: overrides, settings: settings).groups()
        let swept = overrides.filter(\.isSweep)
        // The overrides enter the cache keys of their steps: a sweep reruns only from the first overridden step.
        let execution = CellExecution(settings: settings, cacheMode: cacheMode, progress: display.reporter,
                                      events: display.events)
        // A sweep writes its own table; single runs write the usual reports (which record the overrides).
        let kind: Cell.Kind = swept.isEmpty ? .overridden : .sweep
        var sweepRuns: [String: [SweepRun]] = [:]
        var failed = false
        for group in groups {
            let label = group.combination.map(\.text).joined(separator: " ")
            for plan in group.plans {
                do {
                    let run = try execution.run(plan, kind: kind)
                    print(CellExecution.summary(run, kind: kind, label: label))
                    if explain { run.cacheReports.forEach { print("  \($0)") } }
                    sweepRuns[plan.experimentName, default: []].append(SweepRun(overrides: group.combination,
                                                                                 results: run.context.results))
                } catch {
                    Terminal.error("\(error)")
                    failed = true
                }
            }
        }
        try Self.writeSweeps(swept: swept, runs: sweepRuns, reports: settings.root.appendingPathComponent("reports"))
        if failed { throw ExitStatus.experimentFailed }
    }

    /// Writes `reports/NAME.sweep.md` and `.sweep.json` per experiment (nothing when nothing is swept).
    static func writeSweeps(swept: [Override], runs: [String: [SweepRun]], reports: URL) throws {
        guard !swept.isEmpty else { return }
        for (experiment, runs) in runs.sorted(by: { $0.key < $1.key }) {
            let url = try SweepReport.write(experiment: experiment, swept: swept, runs: runs, to: reports)
            print("\(experiment): sweep of \(runs.count) runs written to \(url.path)")
        }
    }
}

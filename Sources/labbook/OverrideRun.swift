import ArgumentParser
import Foundation
import Steps

/// `labbook run --set step.key=value …`: runs experiments with typed overrides, without writing the files back.
/// With a sweep (`--set a=1,2,3`) every combination of values runs and `reports/NAME.sweep.md` compares them.
struct OverrideRun {
    let paths: [String]
    let overrides: [Override]
    let settings: ProjectSettings

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
        let combinations = Override.combinations(overrides)
        let swept = overrides.filter(\.isSweep)
        // Check every combination before running anything: a bad value fails fast with its position.
        var plans: [[ExperimentPlan]] = []
        for combination in combinations {
            let planner = ExperimentPlanner(registry: .command, overrides: combination)
            var group: [ExperimentPlan] = []
            for item in try ExperimentPaths.expand(paths) {
                let plan: ExperimentPlan
                do {
                    plan = try planner.plan(fileAt: item.url, displayName: item.display)
                } catch {
                    Terminal.error("\(item.display): error: cannot read the file: \(error.localizedDescription)")
                    throw ExitStatus.invalid
                }
                plan.errors.forEach { Terminal.error($0.description) }
                guard plan.isValid else { throw ExitStatus.invalid }
                group.append(plan)
            }
            plans.append(group)
        }
        // The overrides enter the cache keys of their steps: a sweep reruns only from the first overridden step.
        let options = RunOptions(dataRoot: settings.dataRoot, seed: settings.seed, progress: Terminal.progress,
                                 writeBack: false, cache: CacheSettings(cache: .project(root: settings.root)),
                                 entity: settings.entity)
        BLASThreads.useOne()
        let reports = settings.root.appendingPathComponent("reports")
        // A sweep writes its own table; single runs write the usual reports (which record the overrides).
        let observers: [any RunObserver] = swept.isEmpty
            ? [ReportWriter(reportsFolder: reports), ModelSaver(reportsFolder: reports)] : []
        let runner = ExperimentRunner(observers: observers)
        var sweepRuns: [String: [SweepRun]] = [:]
        var failed = false
        for (combination, group) in zip(combinations, plans) {
            let label = combination.map(\.text).joined(separator: " ")
            for plan in RunOrder.sorted(group) {
                do {
                    let run = try runner.run(plan, options: options)
                    print("\(plan.document.fileName) [\(label)]: \(run.outputs.count) steps run; "
                          + "not written back (the --set overrides differ from the file's configuration)")
                    sweepRuns[plan.experimentName, default: []].append(SweepRun(overrides: combination,
                                                                                 results: run.context.results))
                } catch {
                    Terminal.error("\(error)")
                    failed = true
                }
            }
        }
        if !swept.isEmpty {
            for (experiment, runs) in sweepRuns.sorted(by: { $0.key < $1.key }) {
                let url = try SweepReport.write(experiment: experiment, swept: swept, runs: runs, to: reports)
                print("\(experiment): sweep of \(runs.count) runs written to \(url.path)")
            }
        }
        if failed { throw ExitStatus.experimentFailed }
    }
}

import Workflows
import Runner
import Config
import Support
import ArgumentParser
import Foundation
import Steps

/// Plans a sweep (every combination of the `--set` values) or a set of experiments into cells, in the order
/// the sequential `labbook run` runs them, each with its cache key and whether it is already cached.
struct CellPlanning {
    let paths: [String]
    let overrides: [Override]
    let settings: ProjectSettings

    /// One combination of override values and the experiments planned with it (in run order).
    struct Group {
        let combination: [Override]
        let plans: [ExperimentPlan]
    }

    /// Plans every combination before anything runs: a bad value fails fast with its position (exit 2).
    func groups() throws -> [Group] {
        let items = try ExperimentPaths.expand(paths)
        return try Override.combinations(overrides).map { combination in
            let planner = ExperimentPlanner(registry: .command, overrides: combination)
            var plans: [ExperimentPlan] = []
            for item in items {
                let plan: ExperimentPlan
                do {
                    plan = try planner.plan(fileAt: item.url, displayName: item.display)
                } catch {
                    Terminal.error("\(item.display): error: cannot read the file: \(error)")
                    throw ExitStatus.invalid
                }
                plan.errors.forEach { Terminal.error($0.description) }
                guard plan.isValid else { throw ExitStatus.invalid }
                plans.append(plan)
            }
            return Group(combination: combination, plans: RunOrder.sorted(plans))
        }
    }

    /// The cells, and the cache's answer for each (reads the cache and hashes data files; runs nothing).
    func cells() throws -> [Cell] {
        let swept = overrides.filter(\.isSweep)
        let options = RunOptions(dataRoot: settings.dataRoot, seed: settings.seed, writeBack: false,
                                 cache: CacheSettings(cache: settings.cache), entity: settings.entity)
        let runner = ExperimentRunner()
        var cells: [Cell] = []
        for group in try groups() {
            let first = cells.count
            for plan in group.plans {
                let prediction = try runner.predict(plan, options: options)
                let after = swept.isEmpty ? RunOrder.compareWith(plan).flatMap { other in
                    group.plans.firstIndex { $0.experimentName == other && $0.fileURL != plan.fileURL }.map { first + $0 }
                } : nil
                cells.append(Cell(index: cells.count, experiment: plan.fileURL.standardizedFileURL.path,
                                  display: plan.document.fileName, name: plan.experimentName,
                                  overrides: group.combination.map(CellOverride.init), swept: swept.map(CellOverride.init),
                                  seed: settings.seed, entity: settings.entity, dataRoot: settings.dataRoot.url.standardizedFileURL.path,
                                  projectRoot: settings.root.standardizedFileURL.path,
                                  cacheDir: settings.cacheFolder.path, key: prediction.key ?? "",
                                  cached: !prediction.reports.isEmpty && prediction.reports.allSatisfy(\.reused),
                                  after: after.map { [$0] } ?? []))
            }
        }
        return cells
    }

    /// The manifest folder `run --executor` uses when none is given: one per command (paths, overrides,
    /// seed, data), under the project's `.labbook/sweeps/`, so rerunning the same command finds it again.
    func defaultFolder() -> URL {
        let items = (try? ExperimentPaths.expand(paths).map { $0.url.standardizedFileURL.path }) ?? paths
        let identity = (items + overrides.map(\.text) + ["seed \(settings.seed)", "data \(settings.dataRoot.url.path)"])
            .joined(separator: "\n")
        let names = Set(items.map { URL(fileURLWithPath: $0).deletingPathExtension().lastPathComponent })
        let name = names.count == 1 ? names.first! : "experiments"
        return settings.root.appendingPathComponent(".labbook/sweeps/\(name)-\(SHA256.hex(identity).prefix(12))")
    }
}

import ArgumentParser
import Foundation
import Steps

/// `labbook why PATH...`: per step, would `run` reuse it from the cache, or why would it run. Runs nothing.
struct WhyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "why",
        abstract: "Say which steps the next run would reuse from the cache, and why the others would run.",
        discussion: "Example: labbook why experiments/va-regression.md  (the same as `run --explain`, without running)")

    @Argument(help: "Experiment files (.md) or folders holding them.")
    var paths: [String]

    @Option(help: "Data folder (default: data_root in labbook.yml, else ../shared/data).")
    var data: String?

    @Option(help: "Random seed (default: seed in labbook.yml, else 0).")
    var seed: UInt64?

    func run() throws {
        let plans = try ExperimentLoading.plan(paths, registry: .command, showNotes: false)
        guard plans.allSatisfy(\.isValid) else { throw ExitStatus.invalid }
        let settings: ProjectSettings
        do {
            settings = try ProjectSettings.load(from: URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
                                                dataOverride: data, seedOverride: seed)
        } catch {
            Terminal.error("\(error)")
            throw ExitStatus.invalid
        }
        let options = RunOptions(dataRoot: settings.dataRoot, seed: settings.seed, writeBack: false,
                                 cache: CacheSettings(cache: .project(root: settings.root), mode: .readWrite))
        for plan in plans {
            print("\(plan.document.fileName):")
            for report in try ExperimentRunner().explain(plan, options: options) {
                print("  \(report.step): \(report.reused ? "would be reused" : "would run") (\(report.reason))")
            }
        }
    }
}

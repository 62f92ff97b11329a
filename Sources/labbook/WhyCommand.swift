import Workflows
import Runner
import Config
import ArgumentParser
import Steps

/// `labbook why PATH...`: per step, would `run` reuse it from the cache, or why would it run. Runs nothing.
struct WhyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "why",
        abstract: "Say which steps the next run would reuse, and why.",
        discussion: """
            For each step: reused from the cache, or why it would run (its configuration,
            a data file, the seed or an earlier step changed). The same as
            `labbook run --explain`, without running anything.

            Example:
              labbook why experiments/va-regression.md
            """)

    @OptionGroup var project: ProjectOptions

    func run() throws {
        let (plans, settings) = try project.load()
        let options = RunOptions(dataRoot: settings.dataRoot, seed: settings.seed, writeBack: false,
                                 cache: CacheSettings(cache: settings.cache, mode: .readWrite))
        for plan in plans {
            print("\(plan.document.fileName):")
            for report in try ExperimentRunner().explain(plan, options: options) {
                print("  \(report.step): \(report.reused ? "would be reused" : "would run") (\(report.reason))")
            }
        }
    }
}

import ArgumentParser
import Foundation
import Steps

/// `labbook render PATH...`: rebuild reports from the step cache without running anything.
struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Rebuild reports from cached results, running nothing.",
        discussion: """
            Writes reports/NAME.results.json, NAME.md, NAME.html and index.html from
            the step cache (.labbook/cache). Every step must have a cached result for
            the current configuration, seed and data: otherwise run the experiment first.

            Example:
              labbook render experiments/va-regression.md
            """)

    @OptionGroup var project: ProjectOptions

    func run() throws {
        let (plans, settings) = try project.load()
        let options = RunOptions(dataRoot: settings.dataRoot, seed: settings.seed, writeBack: false,
                                 cache: CacheSettings(cache: settings.cache, mode: .readOnly),
                                 entity: settings.entity)
        let runner = ExperimentRunner(observers: [ReportWriter(reportsFolder: settings.root.appendingPathComponent("reports"))])
        var failed = false
        for plan in RunOrder.sorted(plans) {
            do {
                _ = try runner.run(plan, options: options)
                print("\(plan.document.fileName): reports rebuilt from the cache")
            } catch {
                Terminal.error("\(error)")
                failed = true
            }
        }
        if failed { throw ExitStatus.experimentFailed }
    }
}

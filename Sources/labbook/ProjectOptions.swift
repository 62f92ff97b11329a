import ArgumentParser
import Foundation
import Steps

/// The arguments `run`, `render` and `why` share: experiment paths, the data folder and the seed.
struct ProjectOptions: ParsableArguments {
    @Argument(help: "Experiment files (.md) or folders holding them.")
    var paths: [String]

    @Option(help: "Data folder (default: data_root in labbook.yml, else ../shared/data).")
    var data: String?

    @Option(help: "Random seed (default: seed in labbook.yml, else 0).")
    var seed: UInt64?

    /// Plans every experiment (exit 2 when one is invalid) and loads the project settings.
    func load() throws -> (plans: [ExperimentPlan], settings: ProjectSettings) {
        let plans = try ExperimentLoading.plan(paths, registry: .command, showNotes: false)
        guard plans.allSatisfy(\.isValid) else { throw ExitStatus.invalid }
        do {
            let settings = try ProjectSettings.load(from: URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
                                                    dataOverride: data, seedOverride: seed)
            return (plans, settings)
        } catch {
            Terminal.error("\(error)")
            throw ExitStatus.invalid
        }
    }
}

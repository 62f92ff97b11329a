import Workflows
import Runner
import Config
import ArgumentParser
import Foundation
import Steps

/// The arguments `run`, `render` and `why` share: experiment paths, the data folder and the seed.
struct ProjectOptions: ParsableArguments {
    @Argument(help: "Experiment files (.md) or folders holding them (default: experiments/).")
    var paths: [String] = []

    @Option(help: "Data folder (default: data_root in labbook.yml, else ../shared/data).")
    var data: String?

    @Option(name: .customLong("seed"), parsing: .unconditional,
            help: ArgumentHelp("Random seed, a whole number ≥ 0 (default: seed in labbook.yml, else 0).", valueName: "seed"))
    var seedText: String?

    /// `--seed`, checked in `validate()`.
    var seed: UInt64? { seedText.flatMap { UInt64($0) } }

    func validate() throws {
        if let seedText, UInt64(seedText) == nil {
            throw ValidationError("--seed takes a whole number ≥ 0, got `\(seedText)`")
        }
    }

    /// The paths given, or the project's `experiments/` folder when none is.
    var experimentPaths: [String] { ExperimentPaths.orDefault(paths) }

    /// Plans every experiment (exit 2 when one is invalid) and loads the project settings.
    func load() throws -> (plans: [ExperimentPlan], settings: ProjectSettings) {
        let plans = try ExperimentLoading.plan(experimentPaths, registry: .command, showNotes: false)
        guard plans.allSatisfy(\.isValid) else { throw ExitStatus.invalid }
        do {
            let settings = try ProjectSettings.load(from: ExperimentPaths.projectStart(plans.map(\.fileURL)),
                                                    dataOverride: data, seedOverride: seed)
            let missing = CompareTargets.missing(plans, reports: settings.root.appendingPathComponent("reports"))
            missing.forEach { Terminal.error($0.description) }
            if !missing.isEmpty { throw ExitStatus.invalid }
            return (plans, settings)
        } catch let status as ExitCode {
            throw status
        } catch {
            Terminal.error("\(error)")
            throw ExitStatus.invalid
        }
    }
}

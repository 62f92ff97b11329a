import ArgumentParser
import Foundation
import Steps

/// The arguments `run`, `render` and `why` share: experiment paths, the data folder and the seed.
struct ProjectOptions: ParsableArguments {
    @Argument(help: "Experiment files (.md) or folders of them\n(default: experiments/).")
    var paths: [String] = []

    @Option(help: "Data folder (default: data_root in labbook.yml).")
    var data: String?

    @Option(name: .customLong("seed"), parsing: .unconditional,
            help: ArgumentHelp("Random seed, a whole number ≥ 0\n(default: seed in labbook.yml, else 0).", valueName: "seed"))
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

    /// Without `labbook.yml` and `--data`, the data root falls back to `../shared/data` (this repository's
    /// layout). When that folder does not exist and an experiment loads data, say so before running
    /// rather than fail later on a data file the user never named.
    static func checkDataFolder(_ settings: ProjectSettings, plans: [ExperimentPlan], dataGiven: Bool) throws {
        guard settings.file == nil, !dataGiven, plans.contains(where: { $0.steps.contains { $0.name == "load" } }),
              !FileManager.default.fileExists(atPath: settings.dataRoot.url.path) else { return }
        Terminal.error("\(plans[0].document.fileName): error: no labbook.yml here or in a folder above, and no --data: "
            + "run `labbook init` to make a project (its data_root is data/), or pass --data DIR")
        throw ExitStatus.invalid
    }

    /// Plans every experiment (exit 2 when one is invalid) and loads the project settings.
    func load() throws -> (plans: [ExperimentPlan], settings: ProjectSettings) {
        let plans = try ExperimentLoading.plan(experimentPaths, registry: .command, showNotes: false)
        guard plans.allSatisfy(\.isValid) else { throw ExitStatus.invalid }
        do {
            let settings = try ProjectSettings.load(from: ExperimentPaths.projectStart(plans.map(\.fileURL)),
                                                    dataOverride: data, seedOverride: seed)
            try Self.checkDataFolder(settings, plans: plans, dataGiven: data != nil)
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

import ArgumentParser
import Foundation
import Steps

/// `labbook run PATH...`: run experiments and write each step's output back into the file.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run experiments and write their outputs back into the files.",
        discussion: "Example: labbook run --seed 1 experiments/va-regression.md")

    @Argument(help: "Experiment files (.md) or folders holding them.")
    var paths: [String]

    @Option(help: "Data folder (default: data_root in labbook.yml, else ../shared/data).")
    var data: String?

    @Option(help: "Random seed (default: seed in labbook.yml, else 0).")
    var seed: UInt64?

    @Option(name: .customLong("set"),
            help: ArgumentHelp("Override a setting, e.g. train.models.hgb.params.learning_rate=0.05 (repeatable; "
                               + "a=1,2,3 sweeps; the file is then not written back).", valueName: "step.key=value"))
    var overrides: [String] = []

    func run() throws {
        let parsedOverrides = try OverrideRun.parse(overrides)
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
        // labbook runs folds in parallel itself; OpenBLAS threads on top would oversubscribe the cores.
        BLASThreads.useOne()
        if !parsedOverrides.isEmpty {
            return try OverrideRun(paths: paths, overrides: parsedOverrides, settings: settings).run()
        }
        let options = RunOptions(dataRoot: settings.dataRoot, seed: settings.seed, progress: Terminal.progress)
        let reports = settings.root.appendingPathComponent("reports")
        let runner = ExperimentRunner(observers: [ReportWriter(reportsFolder: reports), ModelSaver(reportsFolder: reports)])
        var failed = false
        for plan in RunOrder.sorted(plans) {
            do {
                let run = try runner.run(plan, options: options)
                let ran = run.outputs.count
                let skipped = run.skipped.isEmpty ? "" : ", skipped (not implemented): \(run.skipped.joined(separator: ", "))"
                let written = run.fileChanged ? ", outputs written back" : ""
                print("\(plan.document.fileName): \(ran) steps run\(skipped)\(written)")
            } catch {
                Terminal.error("\(error)")
                failed = true
            }
        }
        if failed { throw ExitStatus.experimentFailed }
    }
}

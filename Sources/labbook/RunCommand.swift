import Workflows
import Runner
import Config
import ArgumentParser
import Steps

/// `labbook run PATH...`: run experiments and write each step's output back into the file.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run experiments and write their outputs back.",
        discussion: """
            Runs every step of each experiment (unchanged steps come from the cache),
            writes each step's results back under its block and renders
            reports/NAME.md, reports/NAME.html and reports/index.html. With --set, the
            file is not written back and a list of values (a=1,2,3) runs a sweep whose
            table is reports/NAME.sweep.md.

            Examples:
              labbook run experiments/va-regression.md
              labbook run --seed 1 --explain experiments/va-regression.md
              labbook run --set evaluate.bootstrap=200,500 experiments/va-regression.md
            """)

    @OptionGroup var project: ProjectOptions

    @Option(name: .customLong("set"),
            help: ArgumentHelp("Override a setting (repeatable), e.g.\n"
                               + "train.models.ridge.params.alpha=10;\n"
                               + "a=1,2,3 sweeps. The file is not written back.", valueName: "step.key=value"))
    var overrides: [String] = []

    @Flag(help: "Say, per step, whether it was reused from the\ncache or why it ran.")
    var explain = false

    @Flag(name: .customLong("no-cache"), help: "Recompute every step (the results still go\nto the cache).")
    var noCache = false

    @Flag(help: "Show no progress.")
    var quiet = false

    @Flag(help: "Show every progress message (folds, models)\nas its own line.")
    var verbose = false

    @Flag(help: "Run a --set sweep of any size (without it, a\nsweep of more than --max-cells runs is refused).")
    var yes = false

    @Option(name: .customLong("max-cells"), help: "The most runs a --set sweep may start\n(default \(OverrideRun.defaultMaxCells)).")
    var maxCells: Int?

    @OptionGroup var executorOptions: ExecutorOptions

    func validate() throws {
        if quiet && verbose { throw ValidationError("--quiet and --verbose cannot be combined") }
        if let maxCells, maxCells < 1 { throw ValidationError("--max-cells must be at least 1, got \(maxCells)") }
        try executorOptions.check(noCache: noCache, explain: explain)
    }

    func run() throws {
        let parsedOverrides = try OverrideRun.parse(overrides)
        let (plans, settings) = try project.load()
        // labbook runs folds in parallel itself; OpenBLAS threads on top would oversubscribe the cores.
        BLASThreads.useOne()
        try OverrideRun.checkSize(parsedOverrides, maxCells: yes ? nil : maxCells ?? OverrideRun.defaultMaxCells,
                                  paths: project.experimentPaths)
        let display = ProgressDisplay(level: quiet ? .quiet : verbose ? .verbose : .normal)
        let cacheMode: CacheMode = noCache ? .recompute : .readWrite
        if let executor = executorOptions.executor {
            return try SweepExecution(planning: CellPlanning(paths: project.experimentPaths, overrides: parsedOverrides,
                                                             settings: settings),
                                      executor: executor, options: executorOptions).run()
        }
        if !parsedOverrides.isEmpty {
            return try OverrideRun(paths: project.experimentPaths, overrides: parsedOverrides, settings: settings,
                                   display: display, cacheMode: cacheMode, explain: explain).run()
        }
        let execution = CellExecution(settings: settings, cacheMode: cacheMode,
                                      progress: display.reporter, events: display.events)
        var failed = false
        for plan in RunOrder.sorted(plans) {
            do {
                let run = try execution.run(plan, kind: .plain)
                print(CellExecution.summary(run, kind: .plain, label: ""))
                if explain { run.cacheReports.forEach { print("  \($0)") } }
            } catch {
                Terminal.error("\(error)")
                failed = true
            }
        }
        if failed { throw ExitStatus.experimentFailed }
    }
}

import ArgumentParser
import Foundation
import Steps

/// `labbook plan PATH... [--set ...] --out DIR`: the cells of a sweep or a set of experiments, as a manifest.
struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Write the cells of a sweep to DIR/cells.jsonl.",
        usage: "labbook plan [<paths> ...] [--data <data>] [--seed <seed>]\n"
            + "             [--set <step.key=value> ...] --out <out>",
        discussion: """
            A cell is one experiment with one value of every --set (and the seed), with
            its cache key; the manifest has one JSON line per cell. Runs nothing: says
            how many cells are already cached. Run cells with
            `labbook run-cell DIR INDEX...`, collect them with `labbook gather DIR`.

            Example:
              labbook plan experiments/va-regression.md \\
                --set evaluate.bootstrap=200,500 --out sweep/
            """)

    @OptionGroup var project: ProjectOptions

    @Option(name: .customLong("set"), help: ArgumentHelp("Override or sweep a setting (repeatable), as\nfor `run`.",
                                                          valueName: "step.key=value"))
    var overrides: [String] = []

    @Option(help: "The manifest folder (created when missing).")
    var out: String

    func run() throws {
        let parsed = try OverrideRun.parse(overrides)
        let (_, settings) = try project.load()
        let cells = try CellPlanning(paths: project.paths, overrides: parsed, settings: settings).cells()
        let manifest = CellManifest(folder: URL(fileURLWithPath: out))
        do {
            try manifest.write(cells)
        } catch {
            Terminal.error("error: cannot write the manifest in \(out): \(error)")
            throw ExitStatus.experimentFailed
        }
        for cell in cells {
            print("cell \(cell.index): \(cell.label): \(cell.cached ? "cached" : "to run") (key \(cell.key.prefix(12)))")
        }
        print("\(cells.count) cells, \(cells.filter(\.cached).count) already cached: manifest \(manifest.file.path)")
    }
}

/// `labbook run-cell MANIFEST INDEX...`: what one worker (a process, a Slurm array task) runs.
struct RunCellCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run-cell",
        abstract: "Run cells of a manifest (what each worker runs).",
        discussion: """
            Runs the cells of a manifest written by `labbook plan` (or by an executor);
            each cell's results go to the manifest folder for `labbook gather`.

            Example (after the `labbook plan` example):
              labbook run-cell sweep/cells.jsonl 0 1
            """)

    @Argument(help: "The manifest: DIR or DIR/cells.jsonl.")
    var manifest: String

    @Argument(help: "Cell indices (from 0).")
    var indices: [Int]

    func run() throws {
        let manifest = CellManifest(path: self.manifest)
        let cells: [Cell]
        do {
            cells = try manifest.read()
        } catch {
            Terminal.error("\(error)")
            throw ExitStatus.invalid
        }
        if let bad = indices.first(where: { !cells.indices.contains($0) }) {
            Terminal.error("error: no cell \(bad) in \(manifest.file.path) (it has cells 0 to \(cells.count - 1))")
            throw ExitStatus.invalid
        }
        BLASThreads.useOne()
        var failed = false
        for index in indices {
            let cell = cells[index]
            do {
                let plan = try ExperimentPlanner(registry: .command, overrides: cell.parsedOverrides)
                    .plan(fileAt: URL(fileURLWithPath: cell.experiment), displayName: cell.display)
                if let error = plan.errors.first { throw StepFailure(diagnostic: error) }
                let run = try CellExecution(cell: cell, progress: Terminal.progress).run(plan, kind: cell.kind)
                try manifest.saveOutcome(.init(key: run.cacheKey, results: run.context.results), of: index)
                let label = cell.parsedOverrides.map(\.text).joined(separator: " ")
                print("cell \(index): " + CellExecution.summary(run, kind: cell.kind, label: label))
            } catch {
                Terminal.error("cell \(index): \(error)")
                try? manifest.saveError("\(error)", of: index)
                failed = true
            }
        }
        if failed { throw ExitStatus.experimentFailed }
    }
}

/// `labbook gather MANIFEST`: the sweep tables of cells run elsewhere (e.g. after `run --executor slurm --no-wait`).
struct GatherCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gather",
        abstract: "Collect a manifest's results into a sweep table.",
        discussion: """
            Writes reports/NAME.sweep.md and NAME.sweep.json from the cells' results and
            lists the cells without results, with their log and error line.

            Example (after the `labbook run-cell` example):
              labbook gather sweep/
            """)

    @Argument(help: "The manifest: DIR or DIR/cells.jsonl.")
    var manifest: String

    func run() throws {
        do {
            try Gathering(manifest: CellManifest(path: manifest)).run()
        } catch let error as CellError {
            Terminal.error("\(error)")
            throw ExitStatus.invalid
        }
    }
}

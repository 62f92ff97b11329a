import Workflows
import Runner
import Config
import Foundation
import Steps

/// Collects the results of a manifest's cells into the same sweep tables the sequential run writes:
/// a cell's results come from what its worker recorded (when its cache key still matches) or, for cells
/// that were already cached, from the step cache (as a sequential rerun would restore them).
struct Gathering {
    let manifest: CellManifest

    /// Why a cell has no results.
    struct Failure {
        let cell: Cell
        let reason: String
        let log: String?
    }

    func run() throws {
        let cells = try manifest.read()
        var runs: [String: [SweepRun]] = [:]
        var failures: [Failure] = []
        var computed = 0, restored = 0
        let states = jobStates()
        for cell in cells {
            do {
                let (outcome, fromWorker) = try results(of: cell)
                if fromWorker { computed += 1 } else { restored += 1 }
                if cell.kind == .sweep {
                    runs[cell.name, default: []].append(SweepRun(overrides: cell.parsedOverrides, results: outcome.results))
                }
            } catch {
                failures.append(cell.cached ? Failure(cell: cell, reason: "was cached when planned, but cannot be restored now: \(error)",
                                                      log: nil)
                                            : failure(cell, states: states))
            }
        }
        print("gathered \(cells.count) cells: \(computed) run by workers, \(restored) reused from the cache, "
              + "\(failures.count) failed or unfinished")
        for failure in failures {
            Terminal.error("cell \(failure.cell.index) \(failure.cell.label): \(failure.reason)"
                           + (failure.log.map { " (log: \($0))" } ?? ""))
        }
        let reports = URL(fileURLWithPath: cells.first?.projectRoot ?? ".").appendingPathComponent("reports")
        if cells.contains(where: { $0.kind != .sweep && !$0.cached }), FileManager.default.fileExists(atPath: reports.path) {
            try ReportWriter.writeIndex(in: reports)
        }
        if let first = cells.first {
            try OverrideRun.writeSweeps(swept: first.swept.map(\.override), runs: runs,
                                        reports: URL(fileURLWithPath: first.projectRoot).appendingPathComponent("reports"))
        }
        if !failures.isEmpty {
            Terminal.error("\(failures.count) of \(cells.count) cells have no results: rerun the same command to run only those")
            throw ExitStatus.experimentFailed
        }
    }

    /// The cell's results and whether its worker computed them; throws when it has none. A worker's record
    /// belongs to this manifest (writing the manifest deletes the records of every cell it plans to run); a
    /// cell that was cached when planned is restored from the cache, which checks its keys and data files.
    private func results(of cell: Cell) throws -> (CellManifest.Outcome, Bool) {
        if !cell.cached, let outcome = manifest.outcome(of: cell.index) { return (outcome, true) }
        let plan = try ExperimentPlanner(registry: .command, overrides: cell.parsedOverrides)
            .plan(fileAt: URL(fileURLWithPath: cell.experiment), displayName: cell.display)
        let run = try CellExecution(cell: cell, progress: .silent, cacheMode: .readOnly).run(plan, kind: .sweep)
        return (.init(key: run.cacheKey, results: run.context.results), false)
    }

    private func failure(_ cell: Cell, states: [Int: String]) -> Failure {
        let log = manifest.logPath(of: cell.index)
        var reason = manifest.error(of: cell.index).map { "failed: \($0)" }
        if reason == nil, let log, let text = try? String(contentsOfFile: log, encoding: .utf8) {
            // A killed or timed-out task leaves no error file; its log's last error line says why.
            reason = text.split(separator: "\n").last { $0.localizedCaseInsensitiveContains("error") }
                .map { "did not finish: \($0)" }
        }
        if let state = states[cell.index] { reason = (reason ?? "did not finish") + " [Slurm state \(state)]" }
        return Failure(cell: cell, reason: reason ?? "did not finish (no result recorded)", log: log)
    }

    /// Final Slurm states of the array tasks that did not complete, by cell (empty without Slurm records).
    private func jobStates() -> [Int: String] {
        guard let record = try? String(contentsOf: manifest.folder.appendingPathComponent("jobs"), encoding: .utf8) else {
            return [:]
        }
        var states: [Int: String] = [:]
        for line in record.split(separator: "\n") {
            let fields = line.split(separator: " ")
            guard fields.count == 3, let tasks = try? String(contentsOf: manifest.folder.appendingPathComponent(
                String(fields[1]).replacingOccurrences(of: ".sbatch", with: ".tasks")), encoding: .utf8) else { continue }
            let byTask = SlurmExecutor.taskStates(job: String(fields[0]))
            for (task, cellList) in tasks.split(separator: "\n").enumerated() {
                guard let state = byTask["\(task)"], state != "COMPLETED" else { continue }
                cellList.split(separator: " ").compactMap { Int($0) }.forEach { states[$0] = state }
            }
        }
        return states
    }
}

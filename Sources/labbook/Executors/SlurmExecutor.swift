import Workflows
import Runner
import Config
import Support
import Foundation
import Steps

/// `--executor slurm`: writes an sbatch script for a job array whose task t runs its cells with
/// `labbook run-cell MANIFEST INDEX...`, submits it with `sbatch`, and waits with `squeue` (then
/// `scontrol show job` for the tasks' final states; `sacct` needs accounting storage, which many clusters'
/// login nodes and single-node setups lack).
struct SlurmExecutor {
    var partition: String?
    var time: String?
    var cellsPerTask = 1
    var maxParallel: Int?
    var cpusPerTask: Int?
    /// Seconds between two `squeue` polls.
    var pollInterval = Double(ProcessInfo.processInfo.environment["LABBOOK_SLURM_POLL"] ?? "") ?? 2

    /// A submitted array job.
    struct Job {
        let id: String
        let script: URL
        let cells: [Int]
    }

    /// Writes the script and task list, submits them, and records where each cell's log will be.
    func submit(_ cells: [Cell], manifest: CellManifest, name: String, after: String? = nil) throws -> Job {
        let tasks = stride(from: 0, to: cells.count, by: cellsPerTask).map { Array(cells[$0..<min(cells.count, $0 + cellsPerTask)]) }
        let existing = (try? FileManager.default.contentsOfDirectory(atPath: manifest.folder.path)) ?? []
        let number = existing.filter { $0.hasPrefix("slurm-") && $0.hasSuffix(".sbatch") }.count + 1
        let taskList = try manifest.writeFile(tasks.map { $0.map { "\($0.index)" }.joined(separator: " ") + "\n" }.joined(),
                                              named: "slurm-\(number).tasks")
        let script = try manifest.writeFile(try scriptText(tasks: tasks.count, taskList: taskList, manifest: manifest, name: name, after: after),
                                            named: "slurm-\(number).sbatch")
        let result = try WorkerCommand.capture("sbatch", ["--parsable", script.path])
        guard result.status == 0 else {
            let hint = result.status == 127 ? " (sbatch is not on PATH: run this on a Slurm login node)" : ""
            throw CellError("error: sbatch \(script.path) failed (exit \(result.status)): "
                            + result.error.trimmingCharacters(in: .whitespacesAndNewlines) + hint)
        }
        guard let id = result.output.split(separator: "\n").first?.split(separator: ";").first.map(String.init),
              !id.isEmpty, id.allSatisfy(\.isNumber) else {
            throw CellError("error: sbatch printed no job id: `\(result.output.trimmingCharacters(in: .whitespacesAndNewlines))`")
        }
        for (task, group) in tasks.enumerated() {
            for cell in group {
                try manifest.saveLogPath(manifest.logs.appendingPathComponent("slurm-\(id)_\(task).out").path, of: cell.index)
            }
        }
        let line = "\(id) \(script.lastPathComponent) \(cells.map { "\($0.index)" }.joined(separator: ","))\n"
        let previous = (try? String(contentsOf: manifest.folder.appendingPathComponent("jobs"), encoding: .utf8)) ?? ""
        _ = try manifest.writeFile(previous + line, named: "jobs")
        return Job(id: id, script: script, cells: cells.map(\.index))
    }

    func scriptText(tasks: Int, taskList: URL, manifest: CellManifest, name: String, after: String?) throws -> String {
        let executable = try WorkerCommand.executable()
        var lines = ["#!/bin/bash",
                     "# Written by labbook: each array task runs the cells on its line of the task list.",
                     "#SBATCH --job-name=\(Shell.quote("labbook-\(name)"))",
                     "#SBATCH --array=0-\(tasks - 1)" + (maxParallel.map { "%\($0)" } ?? ""),
                     "#SBATCH --output=\(Shell.quote(manifest.logs.path + "/slurm-%A_%a.out"))",
                     "#SBATCH --ntasks=1"]
        if let partition { lines.append("#SBATCH --partition=\(Shell.quote(partition))") }
        if let time { lines.append("#SBATCH --time=\(Shell.quote(time))") }
        if let cpusPerTask { lines.append("#SBATCH --cpus-per-task=\(cpusPerTask)") }
        if let after { lines.append("#SBATCH --dependency=afterany:\(after)") }
        lines += ["set -u",
                  "export LABBOOK_THREADS=\"${LABBOOK_THREADS:-${SLURM_CPUS_PER_TASK:-1}}\"",
                  "cells=$(sed -n \"$((SLURM_ARRAY_TASK_ID + 1))p\" \(Shell.quote(taskList.path)))",
                  "echo \"labbook: task $SLURM_ARRAY_TASK_ID of job $SLURM_ARRAY_JOB_ID on $(hostname): cells $cells\"",
                  "exec \(Shell.quote(executable)) run-cell \(Shell.quote(manifest.file.path)) $cells", ""]
        return lines.joined(separator: "\n")
    }

    /// Polls `squeue` until the job has left the queue, showing cells done / failed / pending.
    func wait(for job: Job, manifest: CellManifest) throws {
        let progress = CellProgress(total: job.cells.count)
        var failures = 0
        while true {
            let done = job.cells.filter { manifest.outcome(of: $0) != nil }.count
            let failed = job.cells.filter { FileManager.default.fileExists(atPath: manifest.errorURL($0).path) }.count
            let queue = try WorkerCommand.capture("squeue", ["-h", "-r", "-j", job.id, "-o", "%i %T"])
            if queue.status != 0 {
                // After the job leaves the controller's memory squeue rejects its id: the job is over.
                if queue.error.contains("Invalid job id") { break }
                failures += 1
                if failures >= 5 {
                    throw CellError("error: squeue -j \(job.id) failed: \(queue.error.trimmingCharacters(in: .whitespacesAndNewlines))")
                }
            } else {
                failures = 0
                let states = queue.output.split(separator: "\n").compactMap { $0.split(separator: " ").last }
                let active = states.filter { ["PENDING", "RUNNING", "CONFIGURING", "COMPLETING", "SUSPENDED", "REQUEUED"]
                    .contains(String($0)) }
                progress.update(done: done, failed: failed, running: states.filter { $0 == "RUNNING" }.count)
                if active.isEmpty { break }
            }
            Thread.sleep(forTimeInterval: pollInterval)
        }
        let done = job.cells.filter { manifest.outcome(of: $0) != nil }.count
        let failed = job.cells.count - done
        progress.update(done: done, failed: failed, running: 0)
        progress.finish()
    }

    /// The final state of each array task that did not complete, from `scontrol show job` (while the
    /// controller still remembers the job), e.g. `CANCELLED`, `TIMEOUT`, `FAILED`.
    static func taskStates(job: String) -> [String: String] {
        guard let result = try? WorkerCommand.capture("scontrol", ["-o", "show", "job", job]), result.status == 0 else { return [:] }
        var states: [String: String] = [:]
        for line in result.output.split(separator: "\n") {
            let fields = Dictionary(line.split(separator: " ").compactMap { field -> (String, String)? in
                guard let equals = field.firstIndex(of: "=") else { return nil }
                return (String(field[..<equals]), String(field[field.index(after: equals)...]))
            }, uniquingKeysWith: { first, _ in first })
            if let task = fields["ArrayTaskId"], let state = fields["JobState"] { states[task] = state }
        }
        return states
    }
}

/// Single-quoting for the generated shell script.
enum Shell {
    static func quote(_ text: String) -> String {
        text.allSatisfy { $0.isLetter || $0.isNumber || "-_./:%=@,+".contains($0) } ? text
            : "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

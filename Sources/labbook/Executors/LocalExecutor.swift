import Workflows
import Runner
import Config
import Foundation
import Steps

/// `--executor local --jobs N`: N worker processes on this machine, each `labbook run-cell MANIFEST INDEX`.
/// A cell starts once the cells it depends on (`after`) have finished.
struct LocalExecutor {
    let jobs: Int

    /// Runs `cells` (of `all`) and returns when every one has finished; failures are left for gathering.
    func run(_ cells: [Cell], of all: [Cell], manifest: CellManifest) throws {
        let executable = try WorkerCommand.executable()
        var environment = ProcessInfo.processInfo.environment
        // Each worker gets its share of the cores (unless LABBOOK_THREADS says otherwise).
        if environment["LABBOOK_THREADS"] == nil {
            environment["LABBOOK_THREADS"] = "\(max(1, ProcessInfo.processInfo.activeProcessorCount / jobs))"
        }
        var waiting = cells
        var running: [Int32: Int] = [:]
        var finished = Set(all.filter(\.cached).map(\.index))
        let progress = CellProgress(total: cells.count)
        var done = 0, failed = 0
        progress.update(done: 0, failed: 0, running: 0)
        while !waiting.isEmpty || !running.isEmpty {
            while running.count < jobs, let next = waiting.firstIndex(where: { $0.after.allSatisfy(finished.contains) }) {
                let cell = waiting.remove(at: next)
                let log = manifest.logs.appendingPathComponent("cell-\(cell.index).log")
                try manifest.saveLogPath(log.path, of: cell.index)
                let pid = try WorkerCommand.spawn(executable, ["run-cell", manifest.file.path, "\(cell.index)"],
                                                  environment: environment, log: log)
                running[pid] = cell.index
            }
            guard !running.isEmpty else {
                // Only cells whose dependencies can never finish are left (a cycle): run them anyway.
                waiting.forEach { finished.insert($0.index) }
                continue
            }
            let (pid, status) = WorkerCommand.waitAny()
            guard let index = running.removeValue(forKey: pid) else { continue }
            finished.insert(index)
            if status == 0 { done += 1 } else { failed += 1 }
            progress.update(done: done, failed: failed, running: running.count)
        }
        progress.finish()
    }
}

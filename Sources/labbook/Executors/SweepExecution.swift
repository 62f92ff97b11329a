import Workflows
import Runner
import Config
import ArgumentParser
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Steps

/// `labbook run --executor local|slurm`: plans the cells, writes the manifest, runs the cells that are not
/// cached with the chosen executor, then gathers every cell's results into the usual sweep tables.
struct SweepExecution {
    let planning: CellPlanning
    let executor: ExecutorKind
    let options: ExecutorOptions

    func run() throws {
        do {
            try execute()
        } catch let error as CellError {
            Terminal.error("\(error)")
            throw ExitStatus.experimentFailed
        }
    }

    private func execute() throws {
        let cells = try planning.cells()
        let manifest = CellManifest(folder: options.out.map { URL(fileURLWithPath: $0) } ?? planning.defaultFolder())
        try manifest.write(cells)
        let pending = cells.filter { !$0.cached }
        print("\(cells.count) cells, \(cells.count - pending.count) already cached, \(pending.count) to run; "
              + "manifest \(manifest.file.path)")
        fflush(stdout)
        if !pending.isEmpty {
            switch executor {
            case .local:
                try LocalExecutor(jobs: options.jobs ?? ProcessInfo.processInfo.activeProcessorCount)
                    .run(pending, of: cells, manifest: manifest)
            case .slurm:
                try runOnSlurm(pending, manifest: manifest, name: Set(cells.map(\.name)).sorted().joined(separator: "+"))
                if options.noWait { return }
            }
        }
        try Gathering(manifest: manifest).run()
    }

    private func runOnSlurm(_ pending: [Cell], manifest: CellManifest, name: String) throws {
        // Slurm runs array tasks in any order: cells that compare with another cell's report go into a second
        // job array that starts after the first has ended (afterany: a failure still lets the rest run).
        let waves = [pending.filter { $0.after.isEmpty }, pending.filter { !$0.after.isEmpty }].filter { !$0.isEmpty }
        var jobs: [SlurmExecutor.Job] = []
        for wave in waves {
            let job = try slurm.submit(wave, manifest: manifest, name: name, after: jobs.last?.id)
            print("submitted Slurm job \(job.id): \(wave.count == 1 ? "1 cell" : "\(wave.count) cells") in \(job.script.path)")
            fflush(stdout)
            jobs.append(job)
        }
        if options.noWait {
            jobs.forEach { print($0.id) }
            print("collect the results with: labbook gather \(manifest.file.path)")
            return
        }
        print("waiting for the job (interrupting stops only the waiting: collect later with `labbook gather \(manifest.file.path)`)")
        fflush(stdout)
        for job in jobs { try slurm.wait(for: job, manifest: manifest) }
    }

    private var slurm: SlurmExecutor {
        SlurmExecutor(partition: options.partition, time: options.time, cellsPerTask: options.cellsPerTask ?? 1,
                      maxParallel: options.maxParallel, cpusPerTask: options.cpusPerTask)
    }
}

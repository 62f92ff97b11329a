import Workflows
import Steps
import Runner
import Config
import ArgumentParser

/// Where `run` executes the cells of a sweep or of a set of experiments.
enum ExecutorKind: String, ExpressibleByArgument, CaseIterable {
    /// Worker processes on this machine.
    case local
    /// A Slurm job array.
    case slurm
}

/// `run --executor local --jobs N` and `run --executor slurm [...]`.
struct ExecutorOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Run the cells in worker processes (local) or as\n"
                               + "a Slurm job array (slurm); without it, one after\n"
                               + "another in this process.", valueName: "local|slurm"))
    var executor: ExecutorKind?

    @Option(help: "Worker processes of --executor local\n(default: the number of cores).")
    var jobs: Int?

    @Option(help: "Slurm partition (sbatch --partition).")
    var partition: String?

    @Option(help: "Slurm time limit per array task, e.g. 1:00:00\n(sbatch --time).")
    var time: String?

    @Option(name: .customLong("cells-per-task"), help: "Cells each Slurm array task runs, one after\nanother (default 1).")
    var cellsPerTask: Int?

    @Option(name: .customLong("max-parallel"), help: "Array tasks Slurm runs at once (--array=0-N%M).")
    var maxParallel: Int?

    @Option(name: .customLong("cpus-per-task"), help: "CPUs per Slurm array task (sbatch\n--cpus-per-task; labbook uses that many threads).")
    var cpusPerTask: Int?

    @Flag(name: .customLong("no-wait"), help: "Submit the Slurm job, print its id and return;\n`labbook gather DIR` collects the results later.")
    var noWait = false

    @Option(help: "Folder for the cell manifest, results and logs\n(default: .labbook/sweeps/NAME-HASH at the\nproject root; on a cluster, a shared filesystem).")
    var out: String?

    func check(noCache: Bool, explain: Bool) throws {
        let slurmOnly = [(partition != nil, "--partition"), (time != nil, "--time"), (cellsPerTask != nil, "--cells-per-task"),
                         (maxParallel != nil, "--max-parallel"), (cpusPerTask != nil, "--cpus-per-task"), (noWait, "--no-wait")]
        guard let executor else {
            if let used = ([(jobs != nil, "--jobs"), (out != nil, "--out")] + slurmOnly).first(where: \.0) {
                throw ValidationError("\(used.1) needs --executor local or --executor slurm")
            }
            return
        }
        if noCache || explain {
            throw ValidationError("\(noCache ? "--no-cache" : "--explain") cannot be combined with --executor "
                                  + "(cells are run from the cache's point of view: `labbook plan` says which are cached)")
        }
        if executor == .local, let used = slurmOnly.first(where: \.0) {
            throw ValidationError("\(used.1) is an option of --executor slurm")
        }
        if executor == .slurm, jobs != nil {
            throw ValidationError("--jobs is an option of --executor local (Slurm runs --max-parallel array tasks at once)")
        }
        for (value, name) in [(jobs, "--jobs"), (cellsPerTask, "--cells-per-task"), (maxParallel, "--max-parallel"),
                              (cpusPerTask, "--cpus-per-task")] {
            if let value, value < 1 { throw ValidationError("\(name) must be at least 1, got \(value)") }
        }
    }
}

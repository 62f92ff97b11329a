import Workflows
import Runner
import Config
import ArgumentParser
import Steps
#if canImport(Glibc)
import Glibc
#endif

/// `labbook`: literate machine-learning experiments in Markdown.
@main
struct Labbook: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "labbook",
        abstract: "Run literate machine-learning experiments written in Markdown.",
        discussion: """
            An experiment is a Markdown file; each ```yaml STEP fence configures one step
            (load, clean, cluster, train, evaluate, report). For example:

                # Valence by regression
                ```yaml load
                sources:
                  songs:
                    files: [deezer/train.csv]
                targets: [valence, arousal]
                ```

            Examples:
              labbook check experiments/          validate every experiment, read no data
              labbook run experiments/x.md        run one experiment and write its outputs back
              labbook preview experiments/x.md    serve its report; rerun and reload on every save
              labbook run --data ../data --seed 7 experiments/
              labbook run --set train.models.ridge.params.alpha=1,10,100 --executor local --jobs 2 experiments/x.md
              labbook run --set ... --executor slurm --max-parallel 8 experiments/x.md   (a Slurm job array)

            Exit codes: 0 success, 1 an experiment failed, 2 usage error or invalid experiment.
            """,
        version: LabbookVersion.current,
        subcommands: [RunCommand.self, CheckCommand.self, CompareCommand.self, PredictCommand.self, NewCommand.self,
                      RenderCommand.self, WhyCommand.self, CacheCommand.self, PlanCommand.self, RunCellCommand.self,
                      GatherCommand.self, PreviewCommand.self])

    /// Parses and runs, mapping argument errors to exit code 2 (not ArgumentParser's 64).
    static func main() {
        Signals.install()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let code as ExitCode {
            Glibc.exit(code.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                Glibc.exit(0)
            }
            Terminal.error(fullMessage(for: error))
            Glibc.exit(2)
        }
    }
}

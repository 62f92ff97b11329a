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
        abstract: "Run machine-learning experiments written in Markdown.",
        discussion: """
            An experiment is a Markdown file: prose says what is done and why, and each
            ```yaml STEP block configures one step (load, clean, cluster, train,
            evaluate, report). `labbook run` runs the steps, writes each one's results
            back under its block and renders reports/NAME.md and reports/NAME.html.

            Start a project of your own:
              labbook init my-study && cd my-study && labbook run

            Examples (in this repository):
              labbook check experiments/
              labbook run experiments/va-regression.md
              labbook preview experiments/cross-corpus.md
              labbook run --seed 7 experiments/
              labbook run --set evaluate.bootstrap=200,500 experiments/va-regression.md
              labbook compare va-regression va-deeplearning

            Exit codes: 0 success, 1 an experiment failed, 2 usage error or invalid
            experiment.
            """,
        version: LabbookVersion.current,
        subcommands: [InitCommand.self, NewCommand.self, CheckCommand.self, RunCommand.self, PreviewCommand.self,
                      RenderCommand.self, WhyCommand.self, CompareCommand.self, PredictCommand.self,
                      CacheCommand.self, PlanCommand.self, RunCellCommand.self, GatherCommand.self])

    /// `labbook SUBCOMMAND --help` for the subcommand on the command line, else `labbook --help`.
    static var helpCommand: String {
        let names = configuration.subcommands.map { $0.configuration.commandName ?? "" }
        let sub = CommandLine.arguments.dropFirst().first { names.contains($0) }
        return ["labbook", sub, "--help"].compactMap { $0 }.joined(separator: " ")
    }

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
            // One line in labbook's `error: ...` style, not a message followed by the usage.
            Terminal.error("error: \(message(for: error)) (see `\(helpCommand)`)")
            Glibc.exit(2)
        }
    }
}

import ArgumentParser
import Foundation
import Report
import Steps

/// `labbook compare A B`: metric differences between two runs and the configuration differences behind them.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare two runs' metrics and configurations.",
        discussion: """
            Prints the metrics that differ between two runs and the configuration
            differences that explain them. A and B are experiment names, experiment
            files (their results are read from reports/NAME.results.json) or results
            files (*.results.json).

            Examples:
              labbook compare va-regression va-deeplearning
              labbook compare --all experiments/va-regression.md \\
                reports/cross-corpus.results.json
            """)

    @Argument(help: "The first run: experiment name, experiment\nfile or results file.")
    var a: String

    @Argument(help: "The second run.")
    var b: String

    @Flag(help: "List every metric row, not only those that\ndiffer.")
    var all = false

    func run() throws {
        let here = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let root: URL
        do {
            root = try ProjectSettings.load(from: here).root
        } catch {
            Terminal.error("\(error)")
            throw ExitStatus.invalid
        }
        let comparison: ResultsComparison
        do {
            comparison = try ResultsComparison(contentsOf: try url(a, root: root), try url(b, root: root))
        } catch let status as ExitCode {
            throw status
        } catch ReportError.unreadableResults(let source, let reason) {
            Terminal.error("\(source): error: cannot read the results (\(reason)): re-run the experiment to regenerate them")
            throw ExitStatus.invalid
        } catch {
            Terminal.error("error: \(error)")
            throw ExitStatus.invalid
        }
        print(comparison.markdown(all: all), terminator: "")
    }

    /// The results file a command-line argument names.
    private func url(_ argument: String, root: URL) throws -> URL {
        let url: URL
        if argument.hasSuffix(".json") {
            url = URL(fileURLWithPath: argument)
        } else {
            let name = URL(fileURLWithPath: argument).deletingPathExtension().lastPathComponent
            url = root.appendingPathComponent("reports/\(name).results.json")
        }
        guard FileManager.default.fileExists(atPath: url.path) else {
            Terminal.error("\(url.path): error: no results for `\(argument)`: the file does not exist (run the experiment first)")
            throw ExitStatus.invalid
        }
        return url
    }
}

import Results
import Workflows
import Runner
import Config
import Support
import ArgumentParser
import Foundation
import Report
import Steps

/// `labbook compare A B`: metric differences between two runs and the configuration differences behind them.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare two runs: metric differences and the configuration differences that explain them.",
        discussion: """
            A and B are experiment names (va-regression), experiment files (experiments/va-regression.md), whose
            results are read from reports/NAME.results.json, or results files (*.results.json).
            Example: labbook compare va-regression va-neural --all
            """)

    @Argument(help: "The first run: experiment name, experiment file or results file.")
    var a: String

    @Argument(help: "The second run.")
    var b: String

    @Flag(help: "List every metric row, not only those that differ.")
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

import ArgumentParser
import Foundation
import Literate
import Steps

/// `labbook predict --model reports/NAME.model --input rows.csv --output predictions.csv`.
struct PredictCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "predict",
        abstract: "Predict an experiment's targets for new rows.",
        usage: "labbook predict --model <model> --input <input> [--output <output>]\n"
            + "                [--data <data>]",
        discussion: """
            `labbook run` saves reports/NAME.model for every experiment with an evaluate
            step. The input is a CSV with the columns of the experiment's (left-hand)
            data files; when the experiment joins a second table, the input is joined to
            it from the data folder exactly as the load step does. The output holds the
            input's columns and one predicted_TARGET column per target. A target
            standardized within groups is predicted on that z scale; with the grouping
            column in the input, predicted_TARGET_raw is on the group's own scale.

            Example (after `labbook run experiments/va-regression.md`):
              labbook predict --model reports/va-regression.model \\
                --input ../shared/data/deezer/test.csv --output predictions.csv
            """)

    @Option(help: "A model file saved by `labbook run`\n(reports/NAME.model).")
    var model: String

    @Option(help: "CSV file of rows to score.")
    var input: String

    @Option(help: "Where to write the predictions (CSV); `-` for\nstandard output.")
    var output: String = "-"

    @Option(help: "Data folder (default: data_root in labbook.yml).")
    var data: String?

    func run() throws {
        let here = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let outputURL = URL(fileURLWithPath: output)
        if output != "-" {
            // Never overwrite what predict reads: the model or the input would be lost.
            for (file, what) in [(model, "the model file"), (input, "the input file")]
            where SamePath.same(outputURL, URL(fileURLWithPath: file)) {
                Terminal.error("\(output): error: --output is \(what) (\(file)): it would be overwritten; choose another file")
                throw ExitStatus.invalid
            }
        }
        do {
            let settings = try ProjectSettings.load(from: here, dataOverride: data)
            let saved = try ModelFile.read(URL(fileURLWithPath: model))
            let predictions = try Predictor(model: saved, dataRoot: settings.dataRoot)
                .predict(inputAt: URL(fileURLWithPath: input))
            let text = CSVWriter.text(predictions)
            if output == "-" {
                print(text, terminator: "")
            } else {
                try AtomicFile.write(Array(text.utf8), to: outputURL)
                let chosen = saved.models.map { "\($0.target): \($0.model)" }.joined(separator: ", ")
                Terminal.error("labbook: \(predictions.rowCount) rows scored (\(chosen)) → \(output)")
            }
        } catch let error as AtomicFile.WriteError {
            Terminal.error("\(output): error: \(error)")
            throw ExitStatus.experimentFailed
        } catch {
            // Errors that already name their file (data files, the model) are printed as they are.
            let text = "\(error)"
            Terminal.error(text.contains(": error: ") ? text : "\(input): error: \(text)")
            throw ExitStatus.experimentFailed
        }
    }
}

/// Whether two paths name the same file (after following symbolic links), for files that may not exist yet.
enum SamePath {
    static func same(_ a: URL, _ b: URL) -> Bool {
        let first = resolved(a), second = resolved(b)
        return first == second
    }

    private static func resolved(_ url: URL) -> String {
        var info = stat()
        if stat(url.path, &info) == 0 { return "\(info.st_dev):\(info.st_ino)" }
        return url.standardizedFileURL.resolvingSymlinksInPath().path
    }
}

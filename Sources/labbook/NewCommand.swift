import ArgumentParser
import Foundation
import Literate
import Steps

/// `labbook new NAME`: scaffolds `experiments/NAME.md` in the current project, every step filled in for
/// a CSV of the project's data folder and commented.
struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Create experiments/NAME.md for the project's data.",
        discussion: """
            Needs a project (a labbook.yml here or above; `labbook init` makes one). The
            experiment reads the first CSV of the project's data folder (or --csv FILE),
            predicts its last numeric column and uses the others as features; the comments
            say which keys are required and what each step needs from the earlier ones.

            Example:
              labbook new va-ridge && labbook check experiments/va-ridge.md
            """)

    @Argument(help: "The experiment's name: letters, digits, `-` and `_`.")
    var name: String

    @Option(help: ArgumentHelp("The CSV to start from, relative to the data folder.", valueName: "file"))
    var csv: String?

    @Flag(help: "Replace the file if it exists.")
    var force = false

    func validate() throws {
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-_"))
        guard !name.isEmpty, name.unicodeScalars.allSatisfy(allowed.contains), !name.hasPrefix("-") else {
            throw ValidationError("`\(name)` is not a valid experiment name: use letters, digits, `-` and `_`")
        }
    }

    func run() throws {
        let here = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let settings: ProjectSettings
        do {
            settings = try ProjectSettings.load(from: here)
        } catch {
            Terminal.error("\(error)")
            throw ExitStatus.invalid
        }
        guard settings.file != nil else {
            Terminal.error("\(here.path): error: no labbook.yml here or in a folder above: run `labbook init` "
                + "to create a project (it sets the data folder new experiments read)")
            throw ExitStatus.invalid
        }
        let folder = settings.root.appendingPathComponent("experiments")
        let file = folder.appendingPathComponent("\(name).md")
        let shown = Self.relative(file, to: here)
        if FileManager.default.fileExists(atPath: file.path), !force {
            Terminal.error("\(shown): error: the experiment already exists (use --force to replace it)")
            throw ExitStatus.invalid
        }
        let data = try columns(dataRoot: settings.dataRoot.url)
        do {
            try AtomicFile.createFolder(folder)
            try AtomicFile.write(ExperimentTemplate.text(name: name, data: data), to: file)
        } catch {
            Terminal.error("\(shown): error: \(error)")
            throw ExitStatus.experimentFailed
        }
        if let data, let target = data.target {
            print("created \(shown) on \(data.file), predicting \(target) (edit `targets:` and the columns "
                  + "of `clean` to your study)")
        } else {
            print("created \(shown) with placeholders: no CSV in \(Self.relative(settings.dataRoot.url, to: here)); "
                  + "put yours there and edit `file:`, `targets:` and the columns of `clean`")
        }
        print("next: labbook check \(shown), then labbook run \(shown) (or labbook preview \(shown))")
    }

    /// The columns of `--csv`, else of the first CSV in the data folder (or a folder in it); nil when none.
    private func columns(dataRoot: URL) throws -> DataColumns? {
        let path: String
        if let csv {
            if let problem = DataRoot.problem(with: csv) {
                Terminal.error("--csv: error: \(problem)")
                throw ExitStatus.invalid
            }
            path = csv
        } else {
            guard let first = Self.firstCSV(in: dataRoot) else { return nil }
            path = first
        }
        do {
            return try DataColumns.read(file: dataRoot.appendingPathComponent(path), path: path)
        } catch {
            Terminal.error("\(dataRoot.appendingPathComponent(path).path): error: cannot read the CSV: \(error)")
            throw ExitStatus.invalid
        }
    }

    /// The first `.csv` file, by name, in `root` or else one folder below it; relative to `root`.
    static func firstCSV(in root: URL) -> String? {
        let manager = FileManager.default
        let names = ((try? manager.contentsOfDirectory(atPath: root.path)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
        if let file = names.first(where: { $0.lowercased().hasSuffix(".csv") }) { return file }
        for folder in names {
            let inner = ((try? manager.contentsOfDirectory(atPath: root.appendingPathComponent(folder).path)) ?? []).sorted()
            if let file = inner.first(where: { $0.lowercased().hasSuffix(".csv") }) { return folder + "/" + file }
        }
        return nil
    }

    /// `url` relative to `base` when inside it, else its full path.
    static func relative(_ url: URL, to base: URL) -> String {
        let path = url.standardizedFileURL.path, prefix = base.standardizedFileURL.path + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }
}

import ArgumentParser
import Foundation
import Literate

/// `labbook init [DIR]`: creates a project with settings, folders and a starter experiment that runs.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a project with an example that runs.",
        discussion: """
            Writes labbook.yml (data_root: data, every setting commented), data/ with a
            small synthetic CSV, experiments/example.md on it, reports/ and a .gitignore
            for the step cache. Nothing that exists is overwritten: when any of these
            is already there, nothing is written and the exit code is 2.

            Example:
              labbook init my-study && cd my-study && labbook run
            """)

    @Argument(help: "The project folder, created when missing\n(default: the current folder).")
    var folder: String?

    private var directory: String { folder ?? "." }

    /// Every path `init` creates, relative to the project folder.
    static var paths: [String] {
        ["labbook.yml", ".gitignore"] + StarterProject.folders
            + ["data/\(StarterProject.dataFile)", "experiments/\(StarterProject.experimentName).md"]
    }

    func run() throws {
        let manager = FileManager.default
        let project = URL(fileURLWithPath: directory, isDirectory: true).standardizedFileURL
        let shown = directory.hasSuffix("/") ? directory : directory + "/"
        var isFolder: ObjCBool = false
        if manager.fileExists(atPath: project.path, isDirectory: &isFolder), !isFolder.boolValue {
            Terminal.error("\(directory): error: exists and is not a folder: give a new or existing folder")
            throw ExitStatus.invalid
        }
        // attributesOfItem does not follow links: a dangling link counts as existing too.
        let existing = Self.paths.filter { (try? manager.attributesOfItem(atPath: project.appendingPathComponent($0).path)) != nil }
        guard existing.isEmpty else {
            let names = existing.map { shown == "./" ? $0 : shown + $0 }.joined(separator: ", ")
            Terminal.error("\(directory): error: \(names) already exist\(existing.count == 1 ? "s" : ""): "
                + "init creates a new project and overwrites nothing (nothing was written)")
            throw ExitStatus.invalid
        }
        let files = [("labbook.yml", StarterProject.settings), (".gitignore", StarterProject.gitignore),
                     ("data/\(StarterProject.dataFile)", StarterProject.syntheticCSV()),
                     ("experiments/\(StarterProject.experimentName).md", try StarterProject.experiment())]
        let createdProject = !manager.fileExists(atPath: project.path)
        var created: [URL] = []
        do {
            for folder in StarterProject.folders {
                let url = project.appendingPathComponent(folder)
                try AtomicFile.createFolder(url)
                created.append(url)
            }
            for (path, text) in files {
                let url = project.appendingPathComponent(path)
                try AtomicFile.write(text, to: url)
                created.append(url)
            }
        } catch {
            // Leave nothing half made: remove what this run created.
            created.reversed().forEach { try? manager.removeItem(at: $0) }
            if createdProject { try? manager.removeItem(at: project) }
            Terminal.error("\(directory): error: cannot create the project: \(error)")
            throw ExitStatus.experimentFailed
        }
        let cd = shown == "./" ? "" : "cd \(directory) && "
        print("""
            created a labbook project in \(shown): labbook.yml, data/\(StarterProject.dataFile), \
            experiments/\(StarterProject.experimentName).md, reports/
            next: \(cd)labbook run, then open reports/\(StarterProject.experimentName).html
            """)
    }
}

import Workflows
import Steps
import Runner
import Config
import Support
import ArgumentParser
import Foundation
import Literate

/// `labbook new NAME`: scaffolds `experiments/NAME.md` with every step, each key commented.
struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Create experiments/NAME.md with every step configured and commented.",
        discussion: "Example: labbook new va-ridge && labbook check experiments/va-ridge.md")

    @Argument(help: "The experiment's name: letters, digits, `-` and `_` (the file is experiments/NAME.md).")
    var name: String

    @Flag(help: "Replace the file if it exists.")
    var force = false

    func validate() throws {
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-_"))
        guard !name.isEmpty, name.unicodeScalars.allSatisfy(allowed.contains), !name.hasPrefix("-") else {
            throw ValidationError("`\(name)` is not a valid experiment name: use letters, digits, `-` and `_`")
        }
    }

    func run() throws {
        let folder = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("experiments")
        let file = folder.appendingPathComponent("\(name).md")
        if FileManager.default.fileExists(atPath: file.path), !force {
            Terminal.error("error: experiments/\(name).md already exists (use --force to replace it)")
            throw ExitStatus.invalid
        }
        do {
            try AtomicFile.createFolder(folder)
            try AtomicFile.write(ExperimentTemplate.text(name: name), to: file)
        } catch {
            Terminal.error("experiments/\(name).md: error: \(error)")
            throw ExitStatus.experimentFailed
        }
        print("created experiments/\(name).md: `labbook preview experiments/\(name).md` runs it and reruns on every save "
              + "(or `labbook check`, then `labbook run experiments/\(name).md`)")
    }
}

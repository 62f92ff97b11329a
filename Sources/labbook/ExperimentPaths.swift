import Workflows
import Runner
import Config
import Support
import ArgumentParser
import Foundation
import Literate
import Steps

/// Expands command-line paths: files as given, folders to their `.md` files (sorted, not recursive).
enum ExperimentPaths {
    struct Item {
        let url: URL
        /// The path as shown in messages.
        let display: String
    }

    /// `paths`, or `experiments/` (of the current folder, else of the project root above it) when empty.
    static func orDefault(_ paths: [String]) -> [String] {
        guard paths.isEmpty else { return paths }
        let here = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        if FileManager.default.fileExists(atPath: here.appendingPathComponent("experiments").path) { return ["experiments/"] }
        let root = (try? ProjectSettings.load(from: here).root) ?? here
        return [root.appendingPathComponent("experiments").path + "/"]
    }

    /// Where to look for the project root (`labbook.yml`, searched upwards): the folder of the first
    /// experiment, so a file outside the current project never writes into the current folder's reports.
    static func projectStart(_ files: [URL]) -> URL {
        files.first?.deletingLastPathComponent().standardizedFileURL
            ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    }

    static func expand(_ paths: [String], fileManager: FileManager = .default) throws -> [Item] {
        var items: [Item] = []
        for path in paths {
            var isFolder: ObjCBool = false
            guard fileManager.fileExists(atPath: path, isDirectory: &isFolder) else {
                // A dangling link or a link loop: say which.
                var reason = "no such file or folder"
                do { _ = try FileRead.bytes(URL(fileURLWithPath: path)) } catch let error as FileRead.ReadError {
                    if error.reason != FileRead.reason(ENOENT) { reason = "cannot read the file: \(error.reason)" }
                } catch {}
                Terminal.error("\(path): error: \(reason)")
                throw ExitStatus.invalid
            }
            if isFolder.boolValue {
                let names: [String]
                do {
                    names = try fileManager.contentsOfDirectory(atPath: path).filter { $0.hasSuffix(".md") }.sorted()
                } catch {
                    Terminal.error("\(path): error: cannot list the folder: check that it exists and is readable")
                    throw ExitStatus.invalid
                }
                let prefix = path.hasSuffix("/") ? path : path + "/"
                items += names.map { Item(url: URL(fileURLWithPath: prefix + $0), display: prefix + $0) }
            } else {
                items.append(Item(url: URL(fileURLWithPath: path), display: path))
            }
        }
        guard !items.isEmpty else {
            Terminal.error("\(paths.joined(separator: " ")): error: no experiment files (.md) found")
            throw ExitStatus.invalid
        }
        return items
    }
}

import ArgumentParser
import Foundation

/// Expands command-line paths: files as given, folders to their `.md` files (sorted, not recursive).
enum ExperimentPaths {
    struct Item {
        let url: URL
        /// The path as shown in messages.
        let display: String
    }

    static func expand(_ paths: [String], fileManager: FileManager = .default) throws -> [Item] {
        var items: [Item] = []
        for path in paths {
            var isFolder: ObjCBool = false
            guard fileManager.fileExists(atPath: path, isDirectory: &isFolder) else {
                throw ValidationError("no such file or folder: \(path)")
            }
            if isFolder.boolValue {
                let names = try fileManager.contentsOfDirectory(atPath: path).filter { $0.hasSuffix(".md") }.sorted()
                let prefix = path.hasSuffix("/") ? path : path + "/"
                items += names.map { Item(url: URL(fileURLWithPath: prefix + $0), display: prefix + $0) }
            } else {
                items.append(Item(url: URL(fileURLWithPath: path), display: path))
            }
        }
        guard !items.isEmpty else { throw ValidationError("no experiment files (.md) found in: \(paths.joined(separator: " "))") }
        return items
    }
}

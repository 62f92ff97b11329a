import Runner
import Config
import Support
import Foundation
import Literate

/// The `reports/` folder: checked before a run (without creating anything), created when reports are written.
enum ReportsFolder {
    /// Throws a message a person can act on when `folder` could not hold reports; creates nothing.
    static func check(_ folder: URL) throws {
        let manager = FileManager.default
        var isFolder: ObjCBool = false
        if manager.fileExists(atPath: folder.path, isDirectory: &isFolder) {
            guard isFolder.boolValue else {
                throw RunError("cannot write reports: \(folder.path) is a file, not a folder; move it away and run again")
            }
            guard manager.isWritableFile(atPath: folder.path) else {
                throw RunError("cannot write reports: the folder \(folder.path) is not writable (chmod u+w it)")
            }
            return
        }
        let parent = folder.deletingLastPathComponent()
        guard parent.path != folder.path else { throw RunError("cannot create the reports folder \(folder.path)") }
        try check(parent)
    }

    /// Throws when a file about to be replaced is a folder: its rename would fail after the other reports
    /// were already replaced, leaving reports and model out of step.
    static func checkReplaceable(_ files: [URL]) throws {
        for url in files {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), isFolder.boolValue {
                throw RunError("cannot write reports: \(url.path) is a folder, not a file; move it away and run again")
            }
        }
    }

    /// Checks `folder` and creates it when missing.
    static func prepare(_ folder: URL) throws {
        try check(folder)
        try AtomicFile.createFolder(folder)
    }
}

import Results
import Config
import Support
import Foundation
import Literate

/// Checks made before the first step runs, so that a run whose outputs could not be saved fails at
/// once, before any report is written and before minutes of work are lost.
enum Preflight {
    static func check(_ plan: ExperimentPlan, writeBack: Bool, observers: [any RunObserver]) throws {
        let place = SourceLocation(file: plan.document.fileName, line: 1, column: 1)
        if writeBack, let problem = unwritableReason(plan.fileURL, display: plan.document.fileName) {
            throw StepFailure(diagnostic: Diagnostic(at: place, problem))
        }
        for observer in observers {
            do {
                try observer.experimentWillRun(plan)
            } catch {
                throw StepFailure(diagnostic: Diagnostic(at: place, "before the run: \(error)"))
            }
        }
    }

    /// Why write-back (a temporary file renamed over the experiment file) would fail or would
    /// overwrite a file the user protected; nil when it can go ahead.
    static func unwritableReason(_ link: URL, display: String) -> String? {
        let manager = FileManager.default
        let url = AtomicFile.resolved(link)  // a symbolic link's target is what gets replaced
        let permissions = (try? manager.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int) ?? 0o644
        if permissions & 0o222 == 0 || !manager.isWritableFile(atPath: url.path) {
            return "the experiment file is read-only, so its outputs cannot be written back: "
                + "make it writable (chmod u+w \(display)) and run again"
        }
        let folder = url.deletingLastPathComponent().path
        if !manager.isWritableFile(atPath: folder) {
            return "the folder \(folder) is not writable, so the outputs cannot be written back into \(display)"
        }
        return nil
    }
}

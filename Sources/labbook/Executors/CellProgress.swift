import Workflows
import Steps
import Runner
import Config
import Foundation

/// Progress of cells running elsewhere: done / failed / pending, as a live line on a terminal and as plain
/// timestamped lines (only when the counts change) otherwise.
final class CellProgress {
    private let total: Int
    private let live: Bool
    private var last = ""

    init(total: Int, live: Bool = Terminal.isInteractive) {
        self.total = total
        self.live = live
    }

    func update(done: Int, failed: Int, running: Int? = nil) {
        let pending = max(0, total - done - failed)
        let text = "cells: \(done) done, \(failed) failed, \(pending) pending"
            + (running.map { " (\($0) running)" } ?? "") + " of \(total)"
        guard text != last else { return }
        last = text
        let line = live ? "\r\u{1B}[Klabbook: \(text)" : "\(ProgressDisplay.timestamp()) labbook: \(text)\n"
        FileHandle.standardError.write(Data(line.utf8))
    }

    /// Ends the live line.
    func finish() {
        if live, !last.isEmpty { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}

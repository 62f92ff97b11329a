import Workflows
import Runner
import Config
import ArgumentParser
import Foundation
import Steps
#if canImport(Glibc)
import Glibc
#endif

/// Output helpers: results on standard output, diagnostics and progress on standard error.
enum Terminal {
    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// Progress as plain lines (used by commands without a progress display).
    static let progress = ProgressReporter { message in
        FileHandle.standardError.write(Data(("labbook: " + message + "\n").utf8))
    }

    /// True when standard error is a terminal (live progress lines are possible).
    static var isInteractive: Bool { isatty(STDERR_FILENO) == 1 }
}

/// How much progress `run` shows.
enum ProgressLevel {
    case quiet, normal, verbose
}

/// Progress on standard error. On a terminal: one live line for the running step (with fold counts
/// and an ETA), and a line per finished step. Otherwise: plain timestamped lines.
final class ProgressDisplay: @unchecked Sendable {
    private let level: ProgressLevel
    private let live: Bool
    private let lock = NSLock()
    private var step = "", index = 0, count = 0
    private var stepStart = Date(), lastMessage = Date()
    private var task = "", taskStart = Date(), taskDone = 0
    private var liveShown = false
    /// When the last full line was printed (plain output prints a fold line once this is `plainHeartbeat` old).
    private var lastLine = Date()
    /// Seconds without a plain line after which the next fold is printed (`LABBOOK_PROGRESS_SECONDS`, default 60).
    static let plainHeartbeat: Double = {
        let env = ProcessInfo.processInfo.environment["LABBOOK_PROGRESS_SECONDS"].flatMap(Double.init)
        return env.map { max(0, $0) } ?? 60
    }()

    init(level: ProgressLevel, live: Bool = Terminal.isInteractive) {
        self.level = level
        self.live = live
    }

    var reporter: ProgressReporter { ProgressReporter(events: { [self] event in locked { show(event) } }) }

    var events: RunEvents {
        RunEvents(stepStarted: { [self] experiment, step, index, count in
            locked {
                (self.step, self.index, self.count) = (step, index, count)
                stepStart = Date()
                lastMessage = stepStart
                task = ""
                if live { liveLine("\(experiment): running") } else { line("\(experiment): step \(index)/\(count) `\(step)` started") }
            }
        }, stepFinished: { [self] experiment, step, seconds, cached in
            locked {
                let how = cached ? "reused from the cache" : "done in \(Self.duration(seconds))"
                line("\(experiment): step \(index)/\(count) `\(step)` \(how)")
            }
        })
    }

    private func locked(_ body: () -> Void) {
        guard level != .quiet else { return }
        lock.lock()
        defer { lock.unlock() }
        body()
    }

    private func show(_ event: ProgressEvent) {
        let now = Date()
        var text = event.text
        if case let .fold(label, _, total) = event {
            // Folds finish out of order (they run in parallel): count the finished ones.
            if label != task { (task, taskStart, taskDone) = (label, lastMessage, 0) }
            taskDone += 1
            let done = taskDone
            let elapsed = now.timeIntervalSince(taskStart)
            if done > 0, done < total {
                text += " · ETA \(Self.duration(elapsed / Double(done) * Double(total - done)))"
            }
            lastMessage = now
            if live, level != .verbose { return liveLine(text) }
            // Plain output: every fold with --verbose, else a fold line when nothing was printed for a while, so a
            // long step (a million rows, a queue) still shows it is alive and how long it has left.
            if level != .verbose && now.timeIntervalSince(lastLine) < Self.plainHeartbeat { return }
        }
        lastMessage = now
        if live, level != .verbose { return liveLine(text) }
        line(text)
    }

    private func liveLine(_ text: String) {
        let prefix = "[\(index)/\(count) \(step) \(Self.duration(Date().timeIntervalSince(stepStart)))] "
        let full = String((prefix + text).prefix(118))
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + full).utf8))
        liveShown = true
    }

    private func line(_ text: String) {
        var out = ""
        if liveShown { out += "\r\u{1B}[K" }
        liveShown = false
        out += live ? "labbook: \(text)\n" : "\(Self.timestamp()) labbook: \(text)\n"
        lastLine = Date()
        FileHandle.standardError.write(Data(out.utf8))
    }

    static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "?" }
        if seconds < 60 { return String(format: "%.1f s", seconds) }
        let whole = Int(seconds.rounded())
        return whole < 3600 ? String(format: "%d:%02d", whole / 60, whole % 60)
            : String(format: "%d:%02d:%02d", whole / 3600, whole / 60 % 60, whole % 60)
    }

    static func timestamp() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate, .withFullTime]
        return formatter.string(from: Date())
    }
}

/// Exit codes of the `labbook` command.
enum ExitStatus {
    static let experimentFailed = ExitCode(1)
    static let invalid = ExitCode(2)
}

extension StepRegistry {
    /// The registry the subcommands use: the standard steps.
    static var command: StepRegistry { .standard }
}

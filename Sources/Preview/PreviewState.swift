import Workflows
import Steps
import Runner
import Config
import Foundation

/// The preview's shared status: written by the session (one thread), read by the server's handlers,
/// and pushed to open pages through the event hub.
public final class PreviewState: @unchecked Sendable {
    public let hub = EventHub()
    private let lock = NSLock()
    private var status = PreviewStatus()

    public init() {}

    public var snapshot: PreviewStatus {
        lock.lock()
        defer { lock.unlock() }
        return status
    }

    /// A step started: the banner of every open page says so.
    func stepStarted(_ step: PreviewStatus.RunningStep) {
        update {
            $0.state = .running
            $0.running = step
        }
        hub.send("step", data: Self.json(step))
    }

    /// A step finished (computed, or restored from the cache).
    func stepFinished(_ result: PreviewStatus.StepResult) {
        hub.send("step-done", data: Self.json(result))
    }

    /// A run started (before its first step).
    func runStarted() {
        update {
            $0.state = .running
            $0.running = nil
        }
        hub.send("running", data: "")
    }

    /// A run finished: the new errors (empty when everything succeeded), then a reload of every page.
    func runFinished(_ run: PreviewStatus.Run, errors: [PreviewStatus.ErrorLine]) {
        var generation = 0
        update {
            $0.generation += 1
            generation = $0.generation
            var finished = run
            finished.generation = generation
            $0.runs.append(finished)
            if $0.runs.count > PreviewStatus.keptRuns { $0.runs.removeFirst($0.runs.count - PreviewStatus.keptRuns) }
            $0.running = nil
            $0.errors = errors
            $0.state = errors.isEmpty ? .ready : .failed
        }
        hub.send("reload", data: String(generation))
    }

    private func update(_ body: (inout PreviewStatus) -> Void) {
        lock.lock()
        defer { lock.unlock() }
        body(&status)
    }

    static func json<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(value)) ?? Data("{}".utf8), as: UTF8.self)
    }
}

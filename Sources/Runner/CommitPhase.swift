import Results
import Foundation
import Synchronization

/// The part of a run that saves its outputs (results, reports, write-back). An interrupt (SIGINT,
/// SIGTERM) outside it ends the process at once; inside it, the exit waits until the phase ends,
/// so the files written together are never left half old, half new.
///
/// The signal handler calls `interrupt(_:)`; the runner brackets the saving with `enter()`/`leave()`.
/// Both sides publish first and then look at the other side (sequentially consistent atomics), so
/// either the handler sees the phase and defers, or `enter`/`leave` see the signal and exit.
public enum CommitPhase {
    private static let depth = Atomic<Int>(0)
    private static let pendingSignal = Atomic<Int32>(0)

    /// True while outputs are being saved.
    public static var isActive: Bool { depth.load(ordering: .sequentiallyConsistent) > 0 }

    /// For a signal handler (async-signal-safe: two atomic operations): records `signal` and
    /// returns true when the process may exit now, false when the commit phase will exit for it.
    public static func interrupt(_ signal: Int32) -> Bool {
        pendingSignal.store(signal, ordering: .sequentiallyConsistent)
        return depth.load(ordering: .sequentiallyConsistent) == 0
    }

    /// Starts saving; exits at once (128 + signal) when an interrupt is already pending.
    public static func enter() {
        depth.add(1, ordering: .sequentiallyConsistent)
        exitIfInterrupted(at: 1)
    }

    /// Ends saving; exits (128 + signal) when an interrupt arrived during the phase.
    public static func leave() {
        let (_, remaining) = depth.subtract(1, ordering: .sequentiallyConsistent)
        exitIfInterrupted(at: remaining + 1)
    }

    /// Runs `body` as a commit phase.
    public static func run<T>(_ body: () throws -> T) rethrows -> T {
        enter()
        defer { leave() }
        return try body()
    }

    private static func exitIfInterrupted(at level: Int) {
        guard level == 1 else { return }
        let signal = pendingSignal.load(ordering: .sequentiallyConsistent)
        guard signal != 0 else { return }
        exit(128 + signal)
    }
}

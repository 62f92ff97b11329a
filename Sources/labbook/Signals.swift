#if canImport(Glibc)
import Runner
import Glibc
#endif

/// SIGINT (Ctrl-C) and SIGTERM: stop within a moment, with exit code 130 or 143, and never leave
/// outputs half-written. Outside the commit phase nothing has been saved yet (steps only compute),
/// so the handler ends the process at once; during the commit phase (each file written to a
/// temporary and renamed) the exit is deferred until the phase ends (see `CommitPhase`).
enum Signals {
    /// Installs the handlers; call once, first thing in `main`.
    static func install() {
        // Initialise CommitPhase's atomics now, never lazily inside a signal handler.
        _ = CommitPhase.isActive
        for signal in [SIGINT, SIGTERM] {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { signal in
                if CommitPhase.interrupt(signal) { _exit(128 + signal) }
            }
            sigemptyset(&action.sa_mask)
            action.sa_flags = SA_RESTART
            sigaction(signal, &action, nil)
        }
    }
}

import Linalg

/// OpenBLAS threading for a run.
public enum BLASThreads {
    /// One OpenBLAS thread: labbook parallelises folds, trees and restarts over the cores itself, and
    /// nested BLAS threads would oversubscribe them (and make rounding depend on the thread count).
    public static func useOne() { BLAS.setThreads(1) }
}

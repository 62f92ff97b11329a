import Dispatch
import Foundation

/// Deterministic parallel loops over both cores.
///
/// Each index writes only its own slot, so results never depend on thread scheduling.
public enum Parallel {
    /// Number of worker threads labbook uses (all cores unless `LABBOOK_THREADS` says otherwise).
    public static var workers: Int {
        if let s = ProcessInfo.processInfo.environment["LABBOOK_THREADS"], let n = Int(s), n > 0 { return n }
        return max(1, ProcessInfo.processInfo.activeProcessorCount)
    }

    /// `body(i)` for every i in 0..<count, run across the cores; results in index order.
    public static func map<T>(_ count: Int, _ body: (Int) throws -> T) rethrows -> [T] {
        if count == 0 { return [] }
        if count == 1 || workers == 1 { return try (0..<count).map(body) }
        return try withoutActuallyEscaping(body) { body in
            let slots = UnsafeMutableBufferPointer<Result<T, Error>?>.allocate(capacity: count)
            slots.initialize(repeating: nil)
            defer { slots.deinitialize(); slots.deallocate() }
            DispatchQueue.concurrentPerform(iterations: count) { i in
                slots[i] = Result { try body(i) }
            }
            return try slots.map { try $0!.get() }
        }
    }

    /// `body(i)` for every i in 0..<count across the cores, for loops that write disjoint memory themselves.
    public static func forEach(_ count: Int, _ body: (Int) -> Void) {
        if count == 0 { return }
        if count == 1 || workers == 1 { (0..<count).forEach(body); return }
        DispatchQueue.concurrentPerform(iterations: count, execute: body)
    }

    /// Splits 0..<count into `workers` contiguous chunks and runs `body(range)` on each.
    public static func chunks(_ count: Int, minimumChunk: Int = 1024, _ body: (Range<Int>) -> Void) {
        let n = max(1, min(workers, count / max(1, minimumChunk)))
        if n == 1 { body(0..<count); return }
        let size = (count + n - 1) / n
        DispatchQueue.concurrentPerform(iterations: n) { i in
            let lo = i * size, hi = min(count, lo + size)
            if lo < hi { body(lo..<hi) }
        }
    }
}

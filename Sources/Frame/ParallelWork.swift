import Dispatch
import Foundation

/// Index-slot parallel loops over the cores (Frame does not depend on Linalg, so it has its own tiny helper).
///
/// Every index writes only its own slot, so results never depend on thread scheduling.
enum ParallelWork {
    static var workers: Int {
        if let s = ProcessInfo.processInfo.environment["LABBOOK_THREADS"], let n = Int(s), n > 0 { return n }
        return max(1, ProcessInfo.processInfo.activeProcessorCount)
    }

    /// `body(i)` for i in 0..<count across the cores, results in index order; the lowest-index error is rethrown.
    static func map<T>(_ count: Int, _ body: (Int) throws -> T) throws -> [T] {
        if count == 0 { return [] }
        if count == 1 || workers == 1 { return try (0..<count).map(body) }
        return try withoutActuallyEscaping(body) { body in
            let slots = UnsafeMutableBufferPointer<Result<T, Error>?>.allocate(capacity: count)
            slots.initialize(repeating: nil)
            defer { slots.deinitialize(); slots.deallocate() }
            DispatchQueue.concurrentPerform(iterations: count) { i in
                slots[i] = Result { try body(i) }
            }
            var out: [T] = []
            out.reserveCapacity(count)
            for slot in slots {
                guard let slot else { throw FrameError.missingColumn("internal: parallel slot not written", available: []) }
                out.append(try slot.get())
            }
            return out
        }
    }

    /// `body(i)` for i in 0..<count across the cores (for bodies that cannot fail).
    static func forEach(_ count: Int, _ body: (Int) -> Void) {
        if count == 1 || workers == 1 { (0..<count).forEach(body); return }
        withoutActuallyEscaping(body) { body in DispatchQueue.concurrentPerform(iterations: count, execute: body) }
    }
}

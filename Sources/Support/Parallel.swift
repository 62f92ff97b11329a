import Foundation

/// Deterministic parallel loops over both cores.
///
/// Each index writes only its own slot, so results never depend on thread scheduling. Loops run on `LoopPool`,
/// where a loop nested in another one still spreads over the cores.
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
        let slots = UnsafeMutableBufferPointer<Result<T, Error>?>.allocate(capacity: count)
        slots.initialize(repeating: nil)
        defer { slots.deinitialize(); slots.deallocate() }
        LoopPool.shared.run(count) { i in slots[i] = Result { try body(i) } }
        return try slots.map { try $0!.get() }
    }

    /// `body(i)` for every i in 0..<count across the cores, for loops that write disjoint memory themselves.
    public static func forEach(_ count: Int, _ body: (Int) -> Void) {
        if count == 0 { return }
        if count == 1 || workers == 1 { (0..<count).forEach(body); return }
        LoopPool.shared.run(count, body)
    }

    /// Splits 0..<count into `workers` contiguous chunks and runs `body(range)` on each.
    public static func chunks(_ count: Int, minimumChunk: Int = 1024, _ body: (Range<Int>) -> Void) {
        let n = max(1, min(workers, count / max(1, minimumChunk)))
        if n == 1 { body(0..<count); return }
        let size = (count + n - 1) / n
        LoopPool.shared.run(n) { i in
            let lo = i * size, hi = min(count, lo + size)
            if lo < hi { body(lo..<hi) }
        }
    }
}

/// The threads every parallel loop runs on: `Parallel.workers - 1` workers plus the thread that starts a loop.
///
/// A loop's iterations are claimed one at a time, by the thread that started it and by idle workers. A thread
/// whose own loop has no iteration left to claim helps with other open loops until its loop has finished, so a
/// loop started inside another loop's iteration still gets every idle core. (Dispatch's `concurrentPerform` runs
/// a loop nested in a loop of two or more iterations on the calling thread alone: the models evaluated side by
/// side each ran their own inner loops, forest trees included, on one core.)
final class LoopPool: @unchecked Sendable {
    static let shared = LoopPool(threads: Parallel.workers - 1)

    /// One running loop; its counters are guarded by the pool's lock.
    private final class Loop {
        let count: Int
        let body: (Int) -> Void
        var claimed = 0, finished = 0
        init(count: Int, body: @escaping (Int) -> Void) { self.count = count; self.body = body }
    }

    private let lock = NSCondition()
    /// Loops with iterations left to claim, the newest (the most deeply nested) last.
    private var open: [Loop] = []

    private init(threads: Int) {
        for _ in 0..<max(0, threads) {
            let thread = Thread { [unowned self] in self.work() }
            thread.stackSize = 8 << 20
            thread.start()
        }
    }

    /// Runs `body(i)` for every i in 0..<count on this thread and idle workers; returns when all have returned.
    func run(_ count: Int, _ body: (Int) -> Void) {
        withoutActuallyEscaping(body) { body in
            let loop = Loop(count: count, body: body)
            lock.lock()
            open.append(loop)
            lock.broadcast()
            while loop.finished < loop.count {
                // This loop's own iterations first, then any other open loop's, else wait for a change.
                if let i = claim(from: loop) {
                    execute(loop, i)
                } else if let (other, i) = claimNewest() {
                    execute(other, i)
                } else {
                    lock.wait()
                }
            }
            lock.unlock()
        }
    }

    /// A worker: runs the newest open loop's next iteration, or sleeps until a loop opens.
    private func work() {
        lock.lock()
        while true {
            if let (loop, i) = claimNewest() { execute(loop, i) } else { lock.wait() }
        }
    }

    /// Claims `loop`'s next iteration, closing the loop when it was its last; nil when none is left. Lock held.
    private func claim(from loop: Loop) -> Int? {
        guard loop.claimed < loop.count else { return nil }
        let i = loop.claimed
        loop.claimed += 1
        if loop.claimed == loop.count { open.removeAll { $0 === loop } }
        return i
    }

    /// Claims the next iteration of the newest open loop. Lock held.
    private func claimNewest() -> (Loop, Int)? {
        guard let loop = open.last, let i = claim(from: loop) else { return nil }
        return (loop, i)
    }

    /// Runs iteration `i` of `loop` without the lock, then counts it finished. Called and returns with the lock held.
    private func execute(_ loop: Loop, _ i: Int) {
        lock.unlock()
        loop.body(i)
        lock.lock()
        loop.finished += 1
        if loop.finished == loop.count { lock.broadcast() }
    }
}

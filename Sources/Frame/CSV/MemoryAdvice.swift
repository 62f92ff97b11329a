#if canImport(Glibc)
import Glibc
#endif

/// Kernel hints for the reader's large buffers (no-ops where unsupported; they never change results).
enum MemoryAdvice {
    static let hugePage = 2 << 20

    /// Asks for transparent huge pages on the 2 MiB-aligned part of a buffer about to be written, so filling
    /// tens of megabytes takes a few dozen page faults instead of thousands.
    static func hugePages(_ start: UnsafeMutableRawPointer, bytes: Int) {
        #if os(Linux)
        let first = (Int(bitPattern: start) + hugePage - 1) & ~(hugePage - 1)
        let last = (Int(bitPattern: start) + bytes) & ~(hugePage - 1)
        guard last > first, let aligned = UnsafeMutableRawPointer(bitPattern: first) else { return }
        _ = madvise(aligned, last - first, MADV_HUGEPAGE)
        #endif
    }
}

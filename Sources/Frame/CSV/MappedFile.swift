import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Calls `body` with the bytes of the file at `url`, mapped read-only, and the `FilePages` that let the reader page
/// them in and give them back one window at a time (a file of at most one window is paged in up front with
/// `MAP_POPULATE`: one kernel call instead of a page fault per 64 KiB). Where mapping is not possible, the file is
/// read into memory with plain POSIX calls (a failure to read is a `DataFileError` naming `path`), and the pages
/// are nil. The bytes are valid only during `body`, whose errors pass through unchanged.
func withFileBytes<R>(_ url: URL, path: String, window: Int,
                      _ body: (UnsafeBufferPointer<UInt8>, FilePages?) throws -> R) throws -> R {
    #if os(Linux)
    let fd = open(url.path, O_RDONLY)
    if fd >= 0 {
        defer { close(fd) }
        var info = stat()
        if fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, info.st_size > 0 {
            let size = Int(info.st_size)
            let populate = size <= window ? MAP_POPULATE : 0
            if let map = mmap(nil, size, PROT_READ, MAP_PRIVATE | populate, fd, 0), map != MAP_FAILED {
                defer { munmap(map, size) }
                let bytes = UnsafeBufferPointer(start: map.assumingMemoryBound(to: UInt8.self), count: size)
                return try body(bytes, populate == 0 ? FilePages(base: map, count: size) : nil)
            }
        }
    }
    #endif
    let data = try readWhole(url, path: path)
    return try data.withUnsafeBytes { try body($0.bindMemory(to: UInt8.self), nil) }
}

/// The pages of a mapped file: read ahead before a window is scanned, dropped from memory once it is parsed (they
/// are read again from the file if touched later). Hints only: they never change what the bytes say.
struct FilePages {
    let base: UnsafeMutableRawPointer
    let count: Int

    func willRead(_ range: Range<Int>) { advise(range, release: false) }
    func done(_ range: Range<Int>) { advise(range, release: true) }

    /// Read-ahead of the pages `range` touches, or (`release`) release of the pages wholly inside it.
    private func advise(_ range: Range<Int>, release: Bool) {
        #if os(Linux)
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let low = release ? (range.lowerBound + page - 1) / page * page : range.lowerBound / page * page
        let high = min(count, release ? range.upperBound / page * page : (range.upperBound + page - 1) / page * page)
        guard high > low else { return }
        _ = madvise(base + low, high - low, release ? MADV_DONTNEED : MADV_WILLNEED)
        #endif
    }
}

/// The whole file, read with plain POSIX calls so a failure has a short reason (never a Foundation error dump).
private func readWhole(_ url: URL, path: String) throws -> Data {
    let fd = open(url.path, O_RDONLY)
    guard fd >= 0 else { throw DataFileError(path: path, line: nil, message: "cannot read file: \(readFailure(errno))") }
    defer { close(fd) }
    var info = stat()
    if fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
        throw DataFileError(path: path, line: nil, message: "cannot read file: it is a folder, not a file")
    }
    var data = Data()
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    while true {
        let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if count < 0, errno == EINTR { continue }
        guard count >= 0 else { throw DataFileError(path: path, line: nil, message: "cannot read file: \(readFailure(errno))") }
        if count == 0 { return data }
        data.append(contentsOf: buffer[0..<count])
    }
}

private func readFailure(_ code: Int32) -> String { String(cString: strerror(code)).lowercased() }

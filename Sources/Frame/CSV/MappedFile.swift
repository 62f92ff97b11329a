import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Calls `body` with the bytes of the file at `url`: mapped read-only with its pages populated up front
/// (`MAP_POPULATE`, one kernel call instead of a page fault per 64 KiB), or, where mapping is not possible,
/// read into memory with Foundation (a failure to read is a `DataFileError` naming `path`).
/// The bytes are valid only during `body`, whose errors pass through unchanged.
func withFileBytes<R>(_ url: URL, path: String, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) throws -> R {
    #if os(Linux)
    let fd = open(url.path, O_RDONLY)
    if fd >= 0 {
        defer { close(fd) }
        var info = stat()
        if fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, info.st_size > 0 {
            let size = Int(info.st_size)
            // Files above 256 MiB are paged in as they are scanned, so memory stays bounded when an error
            // (e.g. an over-long field) stops the scan early.
            let populate = size <= 256 << 20 ? MAP_POPULATE : 0
            if let map = mmap(nil, size, PROT_READ, MAP_PRIVATE | populate, fd, 0), map != MAP_FAILED {
                defer { munmap(map, size) }
                return try body(UnsafeBufferPointer(start: map.assumingMemoryBound(to: UInt8.self), count: size))
            }
        }
    }
    #endif
    let data = try readWhole(url, path: path)
    return try data.withUnsafeBytes { try body($0.bindMemory(to: UInt8.self)) }
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

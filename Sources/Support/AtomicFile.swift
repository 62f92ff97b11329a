import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Replaces a file's contents atomically: the bytes go to a temporary file in the same folder,
/// which is then renamed over the original, so a reader never sees a half-written file.
public enum AtomicFile {
    public struct WriteError: Error, CustomStringConvertible {
        public let description: String
    }

    /// Creates `folder` and its missing parents; the error gives the reason in a few words (e.g. "no space
    /// left on device") and names the folder, never a Foundation error dump.
    public static func createFolder(_ folder: URL) throws {
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
            let reason = underlying.map { FileRead.reason(Int32($0.code)) } ?? "check that its parent folder is writable"
            throw WriteError(description: "cannot create the folder \(folder.path): \(reason)")
        }
    }

    /// Writes `data` (see `write(_:to:)` for bytes).
    @discardableResult
    public static func write(_ data: Data, to url: URL) throws -> Bool {
        try write([UInt8](data), to: url)
    }

    /// Writes `text` as UTF-8.
    @discardableResult
    public static func write(_ text: String, to url: URL) throws -> Bool {
        try write(Array(text.utf8), to: url)
    }

    /// Writes `bytes` to `url` unless the file already holds exactly those bytes.
    /// Returns true when the file was changed. Keeps the original file's permissions.
    @discardableResult
    /// A symbolic link is kept: its target is replaced.
    public static func write(_ bytes: [UInt8], to link: URL) throws -> Bool {
        try write(parts: [bytes], to: link)
    }

    /// Writes the concatenation of `parts` as `write(_:to:)` does, without joining them in memory first, and
    /// compares them with the existing file a block at a time (large cache entries are never held twice).
    @discardableResult
    public static func write<Bytes: ContiguousBytes>(parts: [Bytes], to link: URL) throws -> Bool {
        let url = resolved(link)
        if holds(url, parts) { return false }
        let folder = url.deletingLastPathComponent()
        var template = Array(folder.appendingPathComponent(".\(url.lastPathComponent).labbook-XXXXXX").path.utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { buffer -> Int32 in
            guard let base = buffer.baseAddress else { return -1 }
            return mkstemp(base)
        }
        guard descriptor >= 0 else {
            throw WriteError(description: "cannot write in \(folder.path): \(errnoText())")
        }
        let temporary = String(cString: template)
        var ok = false
        defer {
            if !ok { unlink(temporary) }
        }
        var failure: Int32 = 0
        for part in parts where failure == 0 {
            part.withUnsafeBytes { buffer in
                var offset = 0
                while offset < buffer.count, let base = buffer.baseAddress {
                    let count = Glibc.write(descriptor, base + offset, buffer.count - offset)
                    if count < 0, errno == EINTR { continue }
                    if count <= 0 { failure = count == 0 ? EIO : errno; return }
                    offset += count
                }
            }
        }
        var status = stat()
        if stat(url.path, &status) == 0 { fchmod(descriptor, status.st_mode & 0o7777) }
        if failure == 0, fsync(descriptor) != 0 { failure = errno }
        close(descriptor)
        guard failure == 0 else {
            throw WriteError(description: "cannot write \(url.lastPathComponent) in \(folder.path): \(FileRead.reason(failure))")
        }
        guard rename(temporary, url.path) == 0 else {
            throw WriteError(description: "cannot replace \(url.path): \(errnoText())")
        }
        ok = true
        return true
    }

    private static func errnoText() -> String { FileRead.reason(errno) }

    /// Whether the file at `url` holds exactly the concatenation of `parts` (false when it cannot be read).
    static func holds<Bytes: ContiguousBytes>(_ url: URL, _ parts: [Bytes]) -> Bool {
        let total = parts.reduce(0) { sum, part in sum + part.withUnsafeBytes { $0.count } }
        var status = stat()
        guard stat(url.path, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG, Int(status.st_size) == total else {
            return false
        }
        guard let handle = try? FileHandle(forReadingFrom: url) else { return false }
        defer { try? handle.close() }
        let block = 1 << 20
        for part in parts {
            let same = part.withUnsafeBytes { expected -> Bool in
                var offset = 0
                while offset < expected.count {
                    guard let chunk = try? handle.read(upToCount: min(block, expected.count - offset)), !chunk.isEmpty,
                          let base = expected.baseAddress,
                          chunk.withUnsafeBytes({ read in read.baseAddress.map { memcmp($0, base + offset, read.count) == 0 } ?? false })
                    else { return false }
                    offset += chunk.count
                }
                return true
            }
            if !same { return false }
        }
        return true
    }

    /// The file a path names, following symbolic links (the path itself when it does not exist yet).
    public static func resolved(_ url: URL) -> URL {
        guard let real = realpath(url.path, nil) else { return url }
        defer { free(real) }
        return URL(fileURLWithPath: String(cString: real))
    }
}

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

    /// Writes `bytes` to `url` unless the file already holds exactly those bytes.
    /// Returns true when the file was changed. Keeps the original file's permissions.
    @discardableResult
    public static func write(_ bytes: [UInt8], to url: URL) throws -> Bool {
        if let existing = try? Data(contentsOf: url), existing.elementsEqual(bytes) { return false }
        let folder = url.deletingLastPathComponent()
        var template = Array(folder.appendingPathComponent(".\(url.lastPathComponent).labbook-XXXXXX").path.utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { buffer -> Int32 in
            guard let base = buffer.baseAddress else { return -1 }
            return mkstemp(base)
        }
        guard descriptor >= 0 else {
            throw WriteError(description: "cannot create a temporary file in \(folder.path): \(errnoText())")
        }
        let temporary = String(cString: template)
        var ok = false
        defer {
            if !ok { unlink(temporary) }
        }
        let written = bytes.withUnsafeBytes { buffer -> Bool in
            var offset = 0
            while offset < buffer.count {
                guard let base = buffer.baseAddress else { return true }
                let count = Glibc.write(descriptor, base + offset, buffer.count - offset)
                if count <= 0 { return false }
                offset += count
            }
            return true
        }
        var status = stat()
        if stat(url.path, &status) == 0 { fchmod(descriptor, status.st_mode & 0o7777) }
        let synced = fsync(descriptor) == 0
        close(descriptor)
        guard written, synced else {
            throw WriteError(description: "cannot write \(temporary): \(errnoText())")
        }
        guard rename(temporary, url.path) == 0 else {
            throw WriteError(description: "cannot replace \(url.path): \(errnoText())")
        }
        ok = true
        return true
    }

    private static func errnoText() -> String { String(cString: strerror(errno)) }
}

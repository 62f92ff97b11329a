import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Reads whole files with plain-language errors (never a Foundation error dump): a folder in place of a
/// file, a symbolic-link loop, a missing file or a permission problem each get one short reason.
public enum FileRead {
    public struct ReadError: Error, CustomStringConvertible {
        /// Why the file could not be read, e.g. "it is a folder, not a file".
        public let reason: String
        public var description: String { reason }
    }

    /// The file's bytes.
    public static func bytes(_ url: URL) throws -> [UInt8] {
        let descriptor = open(url.path, O_RDONLY)
        guard descriptor >= 0 else { throw ReadError(reason: reason(errno)) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw ReadError(reason: reason(errno)) }
        if (info.st_mode & S_IFMT) == S_IFDIR { throw ReadError(reason: reason(EISDIR)) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(max(0, Int(info.st_size)))
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw ReadError(reason: reason(errno))
            }
            if count == 0 { return bytes }
            bytes += buffer[0..<count]
        }
    }

    /// The bytes as UTF-8 text (a file that is not UTF-8 is an error).
    public static func text(_ url: URL) throws -> String {
        let bytes = try bytes(url)
        if let problem = TextEncoding.problem(in: bytes) { throw ReadError(reason: problem.message) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A short reason for an `errno` value from opening or reading a file.
    public static func reason(_ code: Int32) -> String {
        switch code {
        case ENOENT: return "no such file"
        case EISDIR: return "it is a folder, not a file"
        case ELOOP: return "too many levels of symbolic links (a link loop?)"
        case EACCES, EPERM: return "permission denied"
        case ENOTDIR: return "a folder on its path is a file"
        case ENOSPC: return "no space left on device"
        default: return String(cString: strerror(code)).lowercased()
        }
    }
}

/// Experiment and project files are UTF-8 text: a UTF-16 file or stray binary bytes are reported, never
/// decoded into replacement characters (a UTF-16 experiment would otherwise look like one with no steps).
public enum TextEncoding {
    public struct Problem {
        /// 1-based line of the first offending byte.
        public let line: Int
        public let message: String
    }

    public static func problem(in bytes: [UInt8]) -> Problem? {
        if bytes.count >= 2, bytes[0] == 0xFF && bytes[1] == 0xFE || bytes[0] == 0xFE && bytes[1] == 0xFF {
            return Problem(line: 1, message: "the file is UTF-16: labbook reads UTF-8; save it as UTF-8 "
                + "(e.g. iconv -f UTF-16 -t UTF-8)")
        }
        var line = 1
        let text = String(decoding: bytes, as: UTF8.self)
        // Fast check: valid UTF-8 without NUL decodes to the same number of bytes.
        if text.utf8.count == bytes.count, !bytes.contains(0) { return nil }
        for scalar in text.unicodeScalars {
            if scalar == "\u{FFFD}" || scalar == "\0" {
                let what = scalar == "\0" ? "a NUL byte" : "bytes that are not UTF-8"
                return Problem(line: line, message: "\(what) at line \(line): labbook reads UTF-8 text; save the file as UTF-8")
            }
            if scalar == "\n" { line += 1 }
        }
        return nil
    }
}

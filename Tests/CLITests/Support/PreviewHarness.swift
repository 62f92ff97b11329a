import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// A running `labbook preview --no-browser` on a project folder, and a raw HTTP/1.1 client for it
/// (raw, so that request paths such as `/../x` reach the server exactly as written).
final class PreviewProcess {
    let process = Process()
    private let lock = NSLock()
    private var out = Data(), err = Data()

    init(folder: URL, arguments: [String]) throws {
        process.executableURL = try CLIHarness.binary()
        process.arguments = ["preview", "--no-browser"] + arguments
        process.currentDirectoryURL = folder
        let stdout = Pipe(), stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        stdout.fileHandleForReading.readabilityHandler = { [weak self] handle in self?.append(handle.availableData, error: false) }
        stderr.fileHandleForReading.readabilityHandler = { [weak self] handle in self?.append(handle.availableData, error: true) }
        try process.run()
    }

    deinit { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }

    var stdout: String { lock.lock(); defer { lock.unlock() }; return String(decoding: out, as: UTF8.self) }
    var stderr: String { lock.lock(); defer { lock.unlock() }; return String(decoding: err, as: UTF8.self) }

    private func append(_ data: Data, error: Bool) {
        lock.lock()
        if error { err.append(data) } else { out.append(data) }
        lock.unlock()
    }

    /// The URL the command printed (`labbook preview: serving reports/ at URL ...`).
    func servedURL(timeout: TimeInterval = 60) throws -> URL {
        let found = try Wait.until(timeout, "the URL line; stdout: \(stdout) stderr: \(stderr)") { () -> URL? in
            guard let line = stdout.split(separator: "\n").first(where: { $0.contains("serving reports/ at ") }),
                  let start = line.range(of: " at ")?.upperBound else { return nil }
            return URL(string: String(line[start...].prefix { $0 != " " }))
        }
        return found
    }

    /// Ctrl-C; returns the exit status and how long the process took to end.
    func interrupt() -> (status: Int32, seconds: Double) {
        let start = Date()
        process.interrupt()
        process.waitUntilExit()
        return (process.terminationStatus, Date().timeIntervalSince(start))
    }
}

/// Polling with a deadline.
enum Wait {
    static func until<T>(_ timeout: TimeInterval, _ what: @autoclosure () -> String, _ check: () throws -> T?) throws -> T {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if let value = try check() { return value }
            if Date() > deadline { throw TimeoutError(description: "timed out waiting for \(what())") }
            Thread.sleep(forTimeInterval: 0.05)
        }
    }

    struct TimeoutError: Error, CustomStringConvertible { let description: String }
}

/// A minimal HTTP/1.1 GET over a loopback socket.
enum RawHTTP {
    struct Response {
        var status: Int
        var body: String
    }

    static func get(port: Int, _ path: String, host: String? = nil) throws -> Response {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw Wait.TimeoutError(description: "socket() failed") }
        defer { close(socket) }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw Wait.TimeoutError(description: "cannot connect to port \(port)") }
        let request = Array("GET \(path) HTTP/1.1\r\nHost: \(host ?? "127.0.0.1:\(port)")\r\nConnection: close\r\n\r\n".utf8)
        _ = request.withUnsafeBytes { send(socket, $0.baseAddress, $0.count, 0) }
        var received = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = recv(socket, &buffer, buffer.count, 0)
            if count <= 0 { break }
            received += buffer[0..<count]
            if let length = contentLength(received), let head = headerEnd(received), received.count >= head + length { break }
        }
        let text = String(decoding: received, as: UTF8.self)
        let status = text.split(separator: " ", maxSplits: 2).dropFirst().first.flatMap { Int($0) } ?? 0
        let body = text.range(of: "\r\n\r\n").map { String(text[$0.upperBound...]) } ?? ""
        return Response(status: status, body: body)
    }

    /// A port nobody listens on right now (bound to port 0, then released).
    static func freePort() throws -> Int {
        let (socket, port) = try listening(port: 0)
        close(socket)
        return port
    }

    /// A listening socket on 127.0.0.1 (port 0: any free port); the caller closes it.
    static func listening(port: Int) throws -> (Int32, Int) {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer -> Bool in
                bind(socket, pointer, length) == 0 && listen(socket, 1) == 0 && getsockname(socket, pointer, &length) == 0
            }
        }
        guard bound else { close(socket); throw Wait.TimeoutError(description: "cannot listen on port \(port)") }
        return (socket, Int(UInt16(bigEndian: address.sin_port)))
    }

    private static func headerEnd(_ bytes: [UInt8]) -> Int? {
        guard bytes.count >= 4 else { return nil }
        for i in 0...(bytes.count - 4) where bytes[i] == 13 && bytes[i + 1] == 10 && bytes[i + 2] == 13 && bytes[i + 3] == 10 {
            return i + 4
        }
        return nil
    }

    private static func contentLength(_ bytes: [UInt8]) -> Int? {
        guard let end = headerEnd(bytes) else { return nil }
        let head = String(decoding: bytes[0..<end], as: UTF8.self).lowercased()
        guard let line = head.split(separator: "\r\n").first(where: { $0.hasPrefix("content-length:") }) else { return nil }
        return Int(line.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces))
    }
}

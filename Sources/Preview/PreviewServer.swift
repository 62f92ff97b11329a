import Workflows
import Steps
import Runner
import Config
import FlyingFox
import FlyingSocks
import Foundation

/// The HTTP side of `labbook preview` (FlyingFox): files under reports/, with the status banner and the
/// reload script injected into HTML pages; `/_labbook/events` (server-sent events) and `/_labbook/status`.
public final class PreviewServer: @unchecked Sendable {
    /// `labbook preview`'s default port; the next free one is used when it is taken.
    public static let defaultPort: UInt16 = 8321
    /// How many ports after the requested one are tried.
    static let portsTried: UInt16 = 20

    public let host: String
    public let port: UInt16
    /// Kept for the life of the process: Ctrl-C ends it (see `Signals`), nothing stops the server before.
    private let server: HTTPServer
    private let task: Task<Void, any Error>

    private init(host: String, port: UInt16, server: HTTPServer, task: Task<Void, any Error>) {
        self.host = host
        self.port = port
        self.server = server
        self.task = task
    }

    /// `http://HOST:PORT` (IPv6 hosts in brackets).
    public var origin: String { host.contains(":") ? "http://[\(host)]:\(port)" : "http://\(host):\(port)" }

    /// Starts listening on `host` at `port`, or the next free port of the `portsTried` after it.
    public static func start(host: String, port: UInt16, files: ReportFiles, state: PreviewState) async throws -> PreviewServer {
        var lastError: (any Error)?
        let last = port > UInt16.max - portsTried ? UInt16.max : port + portsTried - 1
        for candidate in port...last {
            do {
                let handler = Handler(files: files, state: state, hosts: Handler.acceptedHosts(host: host, port: candidate))
                return try await listen(host: host, port: candidate, handler: handler)
            } catch let error as SocketError {
                lastError = error
                continue
            }
        }
        throw PreviewError("no free port in \(port)...\(last) on \(host): \(lastError.map { "\($0)" } ?? "unknown error")")
    }

    /// Synchronous `start`, for the command's main thread.
    public static func startBlocking(host: String, port: UInt16, files: ReportFiles, state: PreviewState) throws -> PreviewServer {
        let box = ResultBox<PreviewServer>()
        let done = DispatchSemaphore(value: 0)
        Task.detached {
            do { box.result = .success(try await start(host: host, port: port, files: files, state: state)) } catch {
                box.result = .failure(error)
            }
            done.signal()
        }
        done.wait()
        return try box.result!.get()
    }

    private static func listen(host: String, port: UInt16, handler: Handler) async throws -> PreviewServer {
        let address: any SocketAddress = host.contains(":") ? try sockaddr_in6.inet6(ip6: host, port: port)
            : try sockaddr_in.inet(ip4: host, port: port)
        let server = HTTPServer(address: address, timeout: 15, logger: .disabled, handler: handler)
        let failure = ResultBox<Void>()
        let task = Task {
            do { try await server.run() } catch {
                failure.result = .failure(error)
                throw error
            }
        }
        // Either the server listens, or `run` fails (the port is taken): whichever comes first.
        for _ in 0..<500 {
            if await server.isListening { break }
            if case .failure(let error)? = failure.result { throw error }
            try await Task.sleep(nanoseconds: 10_000_000)
        }
        guard await server.isListening else { throw PreviewError("the server did not start listening within 5 s") }
        return PreviewServer(host: host, port: port, server: server, task: task)
    }

    /// A result handed from a task to the thread that waits for it.
    private final class ResultBox<T>: @unchecked Sendable {
        private let lock = NSLock()
        private var stored: Result<T, any Error>?
        var result: Result<T, any Error>? {
            get { lock.lock(); defer { lock.unlock() }; return stored }
            set { lock.lock(); stored = newValue; lock.unlock() }
        }
    }

    /// Routes every request; anything that is not a GET or HEAD of a served path is a 404 or 405.
    struct Handler: HTTPHandler {
        let files: ReportFiles
        let state: PreviewState
        /// The `Host` headers accepted (nil: any). On loopback only this machine's names are, so that a web
        /// page elsewhere cannot read the reports through a DNS name rebound to 127.0.0.1.
        let hosts: Set<String>?

        static func acceptedHosts(host: String, port: UInt16) -> Set<String>? {
            guard ["127.0.0.1", "::1"].contains(host) else { return nil }
            return Set(["127.0.0.1", "localhost", "[::1]"].flatMap { ["\($0):\(port)", $0] })
        }

        func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
            if let hosts, !hosts.contains(request.headers[.host]?.lowercased() ?? "") {
                return response(.forbidden, type: "text/plain; charset=utf-8", Data("unknown Host header\n".utf8))
            }
            guard request.method == .GET || request.method == .HEAD else {
                return HTTPResponse(statusCode: .methodNotAllowed, headers: HTTPHeaders([HTTPHeader("Allow"): "GET, HEAD"]))
            }
            let path = request.target.path()
            switch path {
            case PageInjection.eventsPath: return events()
            case PageInjection.statusPath:
                return response(.ok, type: "application/json", Data((PreviewState.json(state.snapshot) + "\n").utf8))
            default: return file(path)
            }
        }

        private func file(_ path: String) -> HTTPResponse {
            let status = state.snapshot
            guard let url = files.resolve(requestPath: path), let data = try? Data(contentsOf: url) else {
                return response(.notFound, type: "text/html; charset=utf-8",
                                Data(PageInjection.missingPage(path: path, status: status).utf8))
            }
            let type = ReportFiles.contentType(of: url)
            guard type.hasPrefix("text/html") else { return response(.ok, type: type, data) }
            let page = PageInjection.inject(into: String(decoding: data, as: UTF8.self), status: status)
            return response(.ok, type: type, Data(page.utf8))
        }

        private func events() -> HTTPResponse {
            let hello = EventHub.encode("hello", data: String(state.snapshot.generation))
            let stream = state.hub.subscribe(first: Array("retry: 1000\n\n".utf8) + hello)
            return HTTPResponse(statusCode: .ok,
                                headers: [.contentType: "text/event-stream", .cacheControl: "no-store"],
                                body: HTTPBodySequence(from: EventBytes(stream: stream)))
        }

        private func response(_ code: HTTPStatusCode, type: String, _ body: Data) -> HTTPResponse {
            HTTPResponse(statusCode: code, headers: [.contentType: type, .cacheControl: "no-store"], body: body)
        }
    }
}

/// A preview failure with a message a person can act on.
public struct PreviewError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

import Workflows
import Steps
import Runner
import Config
import FlyingSocks
import Foundation

/// Server-sent events to every open page: each subscriber gets its own stream of encoded events.
public final class EventHub: @unchecked Sendable {
    private let lock = NSLock()
    private var subscribers: [UUID: AsyncStream<[UInt8]>.Continuation] = [:]

    public init() {}

    /// A new subscriber's stream of `text/event-stream` bytes, starting with `first`; dropped when the page goes away.
    public func subscribe(first: [UInt8]) -> AsyncStream<[UInt8]> {
        let id = UUID()
        return AsyncStream(bufferingPolicy: .bufferingNewest(64)) { continuation in
            continuation.yield(first)
            continuation.onTermination = { [weak self] _ in self?.remove(id) }
            lock.lock()
            subscribers[id] = continuation
            lock.unlock()
        }
    }

    /// Sends one event (`event:` name and one `data:` line of JSON or text) to every subscriber.
    public func send(_ event: String, data: String) {
        broadcast(Self.encode(event, data: data))
    }

    /// A comment line: keeps idle connections open and finds the closed ones.
    public func ping() { broadcast(Array(": ping\n\n".utf8)) }

    static func encode(_ event: String, data: String) -> [UInt8] {
        let lines = data.split(separator: "\n", omittingEmptySubsequences: false).map { "data: \($0)\n" }.joined()
        return Array("event: \(event)\n\(lines)\n".utf8)
    }

    private func broadcast(_ bytes: [UInt8]) {
        lock.lock()
        let all = Array(subscribers.values)
        lock.unlock()
        all.forEach { $0.yield(bytes) }
    }

    private func remove(_ id: UUID) {
        lock.lock()
        subscribers[id] = nil
        lock.unlock()
    }
}

/// An event stream as the buffered byte sequence FlyingFox sends as a chunked response body.
struct EventBytes: AsyncBufferedSequence {
    typealias Element = UInt8
    let stream: AsyncStream<[UInt8]>

    func makeAsyncIterator() -> Iterator { Iterator(base: stream.makeAsyncIterator()) }

    struct Iterator: AsyncBufferedIteratorProtocol {
        var base: AsyncStream<[UInt8]>.AsyncIterator
        var pending: ArraySlice<UInt8> = []

        mutating func next() async -> UInt8? {
            guard let buffer = await nextBuffer(suggested: 1) else { return nil }
            return buffer.first
        }

        mutating func nextBuffer(suggested count: Int) async -> ArraySlice<UInt8>? {
            if pending.isEmpty {
                guard let chunk = await base.next() else { return nil }
                pending = chunk[...]
            }
            let taken = pending.prefix(Swift.max(1, count))
            pending = pending.dropFirst(taken.count)
            return taken
        }
    }
}

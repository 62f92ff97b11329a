import Literate
import Support
import Results
import Config
import Foundation
import Frame
import Linalg

/// Appends values as little-endian bytes: the payload format of cache entries. Large arrays of
/// doubles are copied as raw bytes (JSON of an 18,644 × 46 matrix would be far slower).
public struct ByteWriter {
    public private(set) var data = Data()

    public init() {}

    public mutating func int(_ value: Int) {
        withUnsafeBytes(of: Int64(value).littleEndian) { data.append(contentsOf: $0) }
    }

    public mutating func doubles(_ values: [Double]) {
        int(values.count)
        data.reserveCapacity(data.count + values.count * 8)
        #if _endian(little)
        values.withUnsafeBytes { data.append(contentsOf: $0) }
        #else
        for value in values {
            withUnsafeBytes(of: value.bitPattern.littleEndian) { data.append(contentsOf: $0) }
        }
        #endif
    }

    public mutating func bytes(_ bytes: Data) {
        int(bytes.count)
        data.append(bytes)
    }

    public mutating func string(_ text: String) { bytes(Data(text.utf8)) }

    /// A missing string is written as length -1.
    public mutating func optionalString(_ text: String?) {
        if let text { string(text) } else { int(-1) }
    }

    public mutating func strings(_ texts: [String]) {
        int(texts.count)
        texts.forEach { string($0) }
    }

    public mutating func matrix(_ m: Matrix) {
        int(m.rows)
        int(m.cols)
        doubles(m.values)
    }

    /// Column names, then each column: a kind tag (0 numeric, 1 text, 2 list) and its values.
    public mutating func frame(_ frame: DataFrame) {
        // The exact size first: a large table then takes one allocation instead of a chain of doublings.
        func size(_ text: String?) -> Int { 8 + (text?.utf8.count ?? 0) }
        var bytes = 8 + frame.names.reduce(0) { $0 + size($1) }
        for column in frame.columns {
            switch column {
            case .numeric(let values): bytes += 16 + 8 * values.count
            case .text(let values): bytes += values.reduce(16) { $0 + size($1) }
            case .list(let values): bytes += values.reduce(16) { total, cells in total + (cells?.reduce(8) { $0 + size($1) } ?? 8) }
            }
        }
        data.reserveCapacity(data.count + bytes)
        strings(frame.names)
        for column in frame.columns {
            switch column {
            case .numeric(let values):
                int(0)
                doubles(values)
            case .text(let values):
                int(1)
                int(values.count)
                values.forEach { optionalString($0) }
            case .list(let values):
                int(2)
                int(values.count)
                for value in values {
                    if let value { strings(value) } else { int(-1) }
                }
            }
        }
    }
}

/// Reads what `ByteWriter` wrote; every read checks bounds and throws `CacheFormatError`.
public struct ByteReader {
    private let data: Data
    private var offset: Int

    public init(_ data: Data) {
        self.data = data
        offset = data.startIndex
    }

    public var isAtEnd: Bool { offset == data.endIndex }

    private mutating func take(_ count: Int) throws -> Data {
        guard count >= 0, data.endIndex - offset >= count else {
            throw CacheFormatError("truncated payload (wanted \(count) bytes at offset \(offset - data.startIndex))")
        }
        defer { offset += count }
        return data[offset..<(offset + count)]
    }

    private mutating func word() throws -> UInt64 {
        let bytes = try take(8)
        var value: UInt64 = 0
        for (i, byte) in bytes.enumerated() { value |= UInt64(byte) << (8 * UInt64(i)) }
        return value
    }

    public mutating func int() throws -> Int { Int(Int64(bitPattern: try word())) }

    public mutating func count() throws -> Int {
        let n = try int()
        guard n >= 0, n <= data.count else { throw CacheFormatError("invalid length \(n)") }
        return n
    }

    public mutating func doubles() throws -> [Double] {
        let n = try count()
        let bytes = try take(n * 8)
        var values = [Double](repeating: 0, count: n)
        values.withUnsafeMutableBytes { target in
            bytes.withUnsafeBytes { source in target.copyMemory(from: source) }
        }
        #if _endian(big)
        values = values.map { Double(bitPattern: UInt64(littleEndian: $0.bitPattern)) }
        #endif
        return values
    }

    public mutating func bytes() throws -> Data { Data(try take(try count())) }

    public mutating func string() throws -> String {
        guard let text = String(data: try bytes(), encoding: .utf8) else { throw CacheFormatError("invalid UTF-8 text") }
        return text
    }

    public mutating func optionalString() throws -> String? {
        let n = try int()
        if n == -1 { return nil }
        guard n >= 0 else { throw CacheFormatError("invalid length \(n)") }
        guard let text = String(data: try take(n), encoding: .utf8) else { throw CacheFormatError("invalid UTF-8 text") }
        return text
    }

    public mutating func strings() throws -> [String] {
        try (0..<(try count())).map { _ in try string() }
    }

    public mutating func matrix() throws -> Matrix {
        let rows = try count(), cols = try count()
        let values = try doubles()
        guard values.count == rows * cols else { throw CacheFormatError("matrix \(rows) × \(cols) holds \(values.count) values") }
        return Matrix(rows: rows, cols: cols, values: values)
    }

    public mutating func frame() throws -> DataFrame {
        let names = try strings()
        var pairs: [(String, Column)] = []
        for name in names {
            switch try int() {
            case 0: pairs.append((name, .numeric(try doubles())))
            case 1: pairs.append((name, .text(try (0..<(try count())).map { _ in try optionalString() })))
            case 2:
                let values: [[String]?] = try (0..<(try count())).map { _ in
                    let n = try int()
                    if n == -1 { return nil }
                    guard n >= 0 else { throw CacheFormatError("invalid list length \(n)") }
                    return try (0..<n).map { _ in try string() }
                }
                pairs.append((name, .list(values)))
            case let tag: throw CacheFormatError("unknown column kind \(tag)")
            }
        }
        do {
            return try DataFrame(pairs)
        } catch {
            throw CacheFormatError("inconsistent table: \(error)")
        }
    }
}

/// A cache entry whose bytes cannot be decoded (it is then recomputed, never trusted).
public struct CacheFormatError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

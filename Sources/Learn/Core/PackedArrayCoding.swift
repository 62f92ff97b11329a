import Foundation

/// How saved model files store large numeric arrays (tree nodes): one base64 string of the values' little-endian
/// bytes instead of a JSON array of numbers. A forest fitted on many rows has millions of nodes; as JSON numbers
/// the encoder built a value per number (heaptrack: 160 MB of heap for a 19 MB file). Bit patterns are stored, so
/// every value reads back exactly.
protocol PackedScalar {
    static var byteWidth: Int { get }
    var littleEndianBits: UInt64 { get }
    init(littleEndianBits: UInt64)
}

extension Int32: PackedScalar {
    static var byteWidth: Int { 4 }
    var littleEndianBits: UInt64 { UInt64(UInt32(bitPattern: self)) }
    init(littleEndianBits b: UInt64) { self = Int32(bitPattern: UInt32(truncatingIfNeeded: b)) }
}

extension UInt8: PackedScalar {
    static var byteWidth: Int { 1 }
    var littleEndianBits: UInt64 { UInt64(self) }
    init(littleEndianBits b: UInt64) { self = UInt8(truncatingIfNeeded: b) }
}

extension Double: PackedScalar {
    static var byteWidth: Int { 8 }
    var littleEndianBits: UInt64 { bitPattern }
    init(littleEndianBits b: UInt64) { self = Double(bitPattern: b) }
}

extension Bool: PackedScalar {
    static var byteWidth: Int { 1 }
    var littleEndianBits: UInt64 { self ? 1 : 0 }
    init(littleEndianBits b: UInt64) { self = b != 0 }
}

enum PackedArray {
    static func string<T: PackedScalar>(_ values: [T]) -> String {
        let w = T.byteWidth
        var bytes = [UInt8](repeating: 0, count: values.count * w)
        for (i, v) in values.enumerated() {
            let bits = v.littleEndianBits
            for k in 0..<w { bytes[i * w + k] = UInt8(truncatingIfNeeded: bits >> (8 * UInt64(k))) }
        }
        return Data(bytes).base64EncodedString()
    }

    static func values<T: PackedScalar>(_ text: String, as type: T.Type) -> [T]? {
        guard let data = Data(base64Encoded: text), data.count % T.byteWidth == 0 else { return nil }
        let w = T.byteWidth, bytes = [UInt8](data)
        return (0..<(bytes.count / w)).map { i in
            var bits: UInt64 = 0
            for k in 0..<w { bits |= UInt64(bytes[i * w + k]) << (8 * UInt64(k)) }
            return T(littleEndianBits: bits)
        }
    }
}

extension KeyedEncodingContainer {
    mutating func encodePacked<T: PackedScalar>(_ values: [T], forKey key: Key) throws {
        try encode(PackedArray.string(values), forKey: key)
    }
}

extension KeyedDecodingContainer {
    func decodePacked<T: PackedScalar>(_ type: [T].Type, forKey key: Key) throws -> [T] {
        let text = try decode(String.self, forKey: key)
        guard let values = PackedArray.values(text, as: T.self) else {
            throw DecodingError.dataCorruptedError(forKey: key, in: self,
                                                   debugDescription: "not packed \(T.self) values (base64 of \(T.byteWidth)-byte values)")
        }
        return values
    }
}

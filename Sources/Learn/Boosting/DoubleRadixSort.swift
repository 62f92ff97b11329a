/// A stable LSD radix sort of Doubles without NaN that returns exactly what `Array.sorted()` returns.
///
/// Swift's `sorted()` is a stable merge sort by `<`, under which equal values keep their input order. Values
/// equal under `<` have the same bits except -0.0 and +0.0, so the keys here map both zeros to one key: the
/// zeros keep their input order too, and a zero's sign can decide a percentile threshold's sign bit.
enum DoubleRadixSort {
    private static let signBit: UInt64 = 1 << 63

    /// An unsigned key in the order of `<` (no NaN): negatives' bits flipped, positives' sign bit set, ±0 one key.
    @inline(__always)
    static func key(_ v: Double) -> UInt64 {
        let bits = v.bitPattern
        let ordered = bits & signBit != 0 ? ~bits : bits | signBit
        return v == 0 ? signBit : ordered
    }

    /// `values.sorted()` for values without NaN, in at most eight passes of one byte each; a byte that all
    /// keys share is skipped.
    static func sorted(_ values: [Double]) -> [Double] {
        let n = values.count
        guard n > 1 else { return values }
        var counts = [Int](repeating: 0, count: 8 * 256)
        counts.withUnsafeMutableBufferPointer { h in
            for v in values {
                let k = key(v)
                for d in 0..<8 { h[d &* 256 &+ Int(truncatingIfNeeded: (k >> (8 &* UInt64(d))) & 0xFF)] &+= 1 }
            }
        }
        var a = values, b = [Double](repeating: 0, count: n)
        for d in 0..<8 {
            let shift = UInt64(8 * d), base = d * 256
            if counts[base + Int(truncatingIfNeeded: (key(a[0]) >> shift) & 0xFF)] == n { continue }
            var offsets = [Int](repeating: 0, count: 256)
            var sum = 0
            for digit in 0..<256 { offsets[digit] = sum; sum += counts[base + digit] }
            a.withUnsafeBufferPointer { src in
                b.withUnsafeMutableBufferPointer { dst in
                    offsets.withUnsafeMutableBufferPointer { next in
                        for v in src {
                            let digit = Int(truncatingIfNeeded: (key(v) >> shift) & 0xFF)
                            dst[next[digit]] = v
                            next[digit] &+= 1
                        }
                    }
                }
            }
            swap(&a, &b)
        }
        return a
    }
}

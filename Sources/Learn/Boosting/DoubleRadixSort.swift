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

    /// Bits sorted per pass: six passes of 11 bits (the 2,048 counters per pass stay in cache).
    static let digitBits = 11
    private static let passes = (64 + digitBits - 1) / digitBits, radix = 1 << digitBits

    @inline(__always)
    private static func digit(_ v: Double, pass: Int) -> Int {
        Int(truncatingIfNeeded: (key(v) >> UInt64(pass &* digitBits)) & UInt64(radix &- 1))
    }

    /// `values.sorted()` for values without NaN, one pass per `digitBits` of the key; a digit that all keys
    /// share is skipped.
    static func sorted(_ values: [Double]) -> [Double] {
        let n = values.count
        guard n > 1 else { return values }
        var counts = [Int](repeating: 0, count: passes * radix)
        counts.withUnsafeMutableBufferPointer { h in
            for v in values {
                for p in 0..<passes { h[p &* radix &+ digit(v, pass: p)] &+= 1 }
            }
        }
        var a = values, b = [Double](repeating: 0, count: n)
        var next = [Int](repeating: 0, count: radix)
        for p in 0..<passes {
            let base = p * radix
            if counts[base + digit(a[0], pass: p)] == n { continue }
            var sum = 0
            for d in 0..<radix { next[d] = sum; sum += counts[base + d] }
            a.withUnsafeBufferPointer { src in
                b.withUnsafeMutableBufferPointer { dst in
                    next.withUnsafeMutableBufferPointer { next in
                        for v in src {
                            let d = digit(v, pass: p)
                            dst[next[d]] = v
                            next[d] &+= 1
                        }
                    }
                }
            }
            swap(&a, &b)
        }
        return a
    }
}

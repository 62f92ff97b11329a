import Foundation

/// Exact decimal-to-double parsing on bytes.
///
/// The fast path (at most 19 significant digits, value ≤ 2^53 and a power of ten ≤ 22) is Clinger's: one
/// exactly-representable integer times or divided by an exactly-representable power of ten, so the single
/// IEEE rounding gives the correctly rounded result. Anything else goes to the C library's `strtod`.
/// Results therefore always equal `strtod`'s.
/// 1e0 ... 1e22, all exactly representable (a literal global array, initialized statically).
private let powersOfTen: [Double] = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                     1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22]

enum DecimalParser {
    /// 10^e for 0 ≤ e ≤ 22 (exact).
    @inline(__always) static func power(_ e: Int) -> Double { powersOfTen[e] }

    /// Parses `p[start..<end]` after trimming spaces, tabs and CRs. Empty → NaN (missing); not a number → nil.
    /// Accepts `[+-]digits[.digits][(e|E)[+-]digits]`, and `nan`/`inf`/`infinity` in any case.
    static func parse(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Double? {
        var s = start, e = end
        while s < e, isBlank(p[s]) { s += 1 }
        while e > s, isBlank(p[e - 1]) { e -= 1 }
        if s == e { return .nan }
        var i = s
        var negative = false
        if p[i] == UInt8(ascii: "-") || p[i] == UInt8(ascii: "+") { negative = p[i] == UInt8(ascii: "-"); i += 1 }
        // Digits accumulate with wrapping arithmetic; if there are more than 19 significant ones the mantissa is
        // discarded and the slow path parses the text.
        var mantissa: UInt64 = 0
        let digitsStart = i
        while i < e, p[i] &- 48 < 10 { mantissa = mantissa &* 10 &+ UInt64(p[i] &- 48); i += 1 }
        var digits = i - digitsStart
        var exponent = 0
        var dot = -1
        if i < e, p[i] == UInt8(ascii: ".") {
            dot = i
            i += 1
            let fractionStart = i
            while i < e, p[i] &- 48 < 10 { mantissa = mantissa &* 10 &+ UInt64(p[i] &- 48); i += 1 }
            exponent = fractionStart - i
            digits += i - fractionStart
        }
        if digits == 0 { return slowPath(p, s, e) }
        var significant = digits
        if digits > 19 {  // only then can leading zeros matter
            var k = digitsStart
            while k < i, p[k] == UInt8(ascii: "0") || k == dot { if k != dot { significant -= 1 }; k += 1 }
        }
        if i < e, p[i] | 0x20 == UInt8(ascii: "e") {
            i += 1
            var expNegative = false
            if i < e, p[i] == UInt8(ascii: "-") || p[i] == UInt8(ascii: "+") { expNegative = p[i] == UInt8(ascii: "-"); i += 1 }
            var x = 0
            var expDigits = 0
            while i < e, p[i] &- 48 < 10 {
                if x < 100_000 { x = x * 10 + Int(p[i] &- 48) }
                expDigits += 1; i += 1
            }
            if expDigits == 0 { return nil }
            exponent += expNegative ? -x : x
        }
        if i != e { return nil }
        if significant <= 19, mantissa <= (1 << 53), exponent >= -22, exponent <= 22 {
            var v = Double(mantissa)
            v = exponent < 0 ? v / power(-exponent) : v * power(exponent)
            return negative ? -v : v
        }
        return slowPath(p, s, e)
    }

    @inline(__always) private static func isBlank(_ b: UInt8) -> Bool {
        b == UInt8(ascii: " ") || b == UInt8(ascii: "\t") || b == UInt8(ascii: "\r")
    }

    /// `strtod` on a NUL-terminated copy, after checking the text is a decimal number or nan/inf
    /// (so hexadecimal floats and leading garbage are rejected).
    private static func slowPath(_ p: UnsafePointer<UInt8>, _ s: Int, _ e: Int) -> Double? {
        let n = e - s
        var sawDigit = false
        for k in s..<e {
            let b = p[k]
            if b &- 48 < 10 { sawDigit = true; continue }
            if b == UInt8(ascii: ".") || b == UInt8(ascii: "+") || b == UInt8(ascii: "-") || b | 0x20 == UInt8(ascii: "e") { continue }
            sawDigit = false
            break
        }
        if !sawDigit {
            var body = String(decoding: UnsafeBufferPointer(start: p + s, count: n), as: UTF8.self).lowercased()
            if body.hasPrefix("+") || body.hasPrefix("-") { body.removeFirst() }
            guard ["nan", "inf", "infinity"].contains(body) else { return nil }
        }
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: n + 1) { buf -> Double? in
            guard let base = buf.baseAddress else { return nil }
            for k in 0..<n { base[k] = CChar(bitPattern: p[s + k]) }
            base[n] = 0
            var endPtr: UnsafeMutablePointer<CChar>?
            let v = strtod(base, &endPtr)
            guard let endPtr, endPtr == base + n else { return nil }
            return v
        }
    }
}

/// The fast path's per-chunk loop: finds the fields of each record and parses numeric columns straight from the
/// bytes while scanning (no per-field spans or strings), keeping spans only for the other columns.
///
/// It accepts exactly what `CSVScanner.scan` + `DecimalParser.parse` accept and gives the same values: a number
/// made only of `[+-]digits[.digits][e[+-]digits]` that fits Clinger's fast path is converted in place; any other
/// numeric field is delimited the general way and handed to `DecimalParser`. Whatever the fast path does not
/// handle (an unterminated quote, an overlong field, a ragged record when those are errors) throws `Fallback`,
/// and the caller parses the file with the general path instead. A non-number in a numeric column of a
/// well-formed record throws `Fallback` naming the column, so the caller can try again with it as text.
struct RecordParser {
    /// Thrown when the general path must parse the file (it also produces the right error, if any).
    struct Fallback: Error {
        /// Numeric columns (by position) that held a non-number in a record with the header's field count.
        var columns: [Int] = []
    }

    /// What one chunk produced besides the numbers and line numbers written through the pointers.
    struct Output {
        var rows = 0
        /// Spans of the span columns, row-major, packed as in `CSVScanner.Chunk.fields`.
        var spans: [UInt64] = []
        var ragged: [(line: Int, count: Int)] = []
    }

    let p: UnsafePointer<UInt8>
    let n: Int
    /// Per column: `j >= 0` is numeric output j, `~j` (negative) is span column j.
    let slots: [Int]
    let spanCount: Int
    let skipRagged: Bool
    /// `CSVScanner.ordinary`, held here so the hot loop reads a field instead of checking a lazy global.
    private let ordinary = CSVScanner.ordinary

    static let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")

    /// Parses the records starting in `start..<stop` (the first on `line`), writing numeric output j of the chunk's
    /// row r to `numbers[j][r]` and its line to `lines[r]`, for at most `capacity` rows.
    func parse(start: Int, stop: Int, line firstLine: Int, numbers: [UnsafeMutablePointer<Double>],
               lines: UnsafeMutablePointer<Int>, capacity: Int) throws -> Output {
        var out = Output()
        out.spans.reserveCapacity(spanCount * min(capacity, (stop - start) / 4 + 1))
        let columns = slots.count
        var pos = start, line = firstLine, row = 0
        try slots.withUnsafeBufferPointer { slots in
            try numbers.withUnsafeBufferPointer { numbers in
                while pos < stop && pos < n {
                    let first = p[pos]
                    if first == Self.lf { pos += 1; line += 1; continue }  // an empty line
                    if first == Self.cr, pos + 1 == n || p[pos + 1] == Self.lf {
                        if pos + 1 < n { line += 1 }
                        pos = min(n, pos + 2)
                        continue
                    }
                    if row == capacity { throw Fallback() }
                    let recordLine = line, spansBefore = out.spans.count
                    var c = 0
                    var notNumbers: [Int] = []
                    while true {
                        let slot = c < columns ? slots[c] : Int.min
                        if slot >= 0 {
                            if let v = try number(&pos, &line) { numbers[slot][row] = v } else { notNumbers.append(c) }
                        } else {
                            let s = pos
                            let (e, quoted) = try field(&pos, &line)
                            if slot != Int.min { out.spans.append(UInt64(s) | UInt64(e - s) << 40 | (quoted ? 1 << 63 : 0)) }
                        }
                        c += 1
                        if pos < n && p[pos] == Self.comma { pos += 1; continue }
                        if pos < n { pos += 1; line += 1 }  // the LF ending the record
                        break
                    }
                    if c != columns {
                        if !skipRagged { throw Fallback() }
                        out.ragged.append((recordLine, c))
                        out.spans.removeLast(out.spans.count - spansBefore)
                        continue
                    }
                    if !notNumbers.isEmpty { throw Fallback(columns: notNumbers) }
                    lines[row] = recordLine
                    row += 1
                }
            }
        }
        out.rows = row
        return out
    }

    /// Scans one field from `pos` to its delimiter (`,`, LF or the end), counting LFs inside quotes.
    /// Returns the field's end (a CR before a record-ending LF excluded) and whether it contains quotes.
    @inline(__always)
    private func field(_ pos: inout Int, _ line: inout Int) throws -> (end: Int, quoted: Bool) {
        let s = pos
        var inQuotes = false, quoted = false
        while true {
            while pos < n, ordinary[Int(p[pos])] { pos += 1 }
            if pos == n {
                if inQuotes { throw Fallback() }
                break
            }
            let b = p[pos]
            if b == Self.quote { inQuotes.toggle(); quoted = true; pos += 1; continue }
            if !inQuotes { break }
            if b == Self.lf { line += 1 }
            pos += 1
        }
        var e = pos
        if (pos == n || p[pos] == Self.lf), e > s, p[e - 1] == Self.cr { e -= 1 }
        if e - s > CSVScanner.maxLength { throw Fallback() }
        return (e, quoted)
    }

    /// Parses a numeric field at `pos` and leaves `pos` at its delimiter; nil when the field is not a number.
    @inline(__always)
    private func number(_ pos: inout Int, _ line: inout Int) throws -> Double? {
        let s = pos
        var i = pos, negative = false
        if i < n, p[i] == UInt8(ascii: "-") || p[i] == UInt8(ascii: "+") { negative = p[i] == UInt8(ascii: "-"); i += 1 }
        var mantissa: UInt64 = 0
        let digitsStart = i
        digitRun(&i, &mantissa)
        var digits = i - digitsStart, exponent = 0
        if i < n, p[i] == UInt8(ascii: ".") {
            i += 1
            let fractionStart = i
            digitRun(&i, &mantissa)
            exponent = fractionStart - i
            digits += i - fractionStart
        }
        var fast = digits > 0 && digits <= 19
        if i < n, p[i] | 0x20 == UInt8(ascii: "e") {
            i += 1
            var expNegative = false
            if i < n, p[i] == UInt8(ascii: "-") || p[i] == UInt8(ascii: "+") { expNegative = p[i] == UInt8(ascii: "-"); i += 1 }
            var x = 0, expDigits = 0
            while i < n, p[i] &- 48 < 10 {
                if x < 100_000 { x = x * 10 + Int(p[i] &- 48) }
                expDigits += 1
                i += 1
            }
            if expDigits == 0 { fast = false }
            exponent += expNegative ? -x : x
        }
        let end = i
        if end - s > CSVScanner.maxLength { throw Fallback() }
        if i < n {
            let b = p[i]
            if b == Self.cr, i + 1 == n || p[i + 1] == Self.lf {
                i += 1
            } else if b != Self.comma && b != Self.lf {
                return try generalNumber(from: s, &pos, &line)
            }
        }
        pos = i
        if fast, mantissa <= 1 << 53, exponent >= -22, exponent <= 22 {
            var v = Double(mantissa)
            v = exponent < 0 ? v / DecimalParser.power(-exponent) : v * DecimalParser.power(exponent)
            return negative ? -v : v
        }
        return DecimalParser.parse(p, s, end)
    }

    /// Appends the decimal digits at `i` to `mantissa` (wrapping, like `DecimalParser`) and moves `i` past them,
    /// eight at a time while eight bytes in a row are digits (SWAR: one load, a check, three multiplications).
    @inline(__always)
    private func digitRun(_ i: inout Int, _ mantissa: inout UInt64) {
        let raw = UnsafeRawPointer(p)
        while i + 8 <= n {
            let w = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            // Every byte is in 0x30...0x39: high nibbles are 3, and adding 6 does not carry into them.
            guard w & 0xF0F0_F0F0_F0F0_F0F0 == 0x3030_3030_3030_3030,
                  (w &+ 0x0606_0606_0606_0606) & 0xF0F0_F0F0_F0F0_F0F0 == 0x3030_3030_3030_3030 else { break }
            var v = w & 0x0F0F_0F0F_0F0F_0F0F  // first digit in the lowest byte
            v = (v &* 10 &+ (v >> 8)) & 0x00FF_00FF_00FF_00FF  // pairs
            v = (v &* 100 &+ (v >> 16)) & 0x0000_FFFF_0000_FFFF  // quads
            v = (v &* 10000 &+ (v >> 32)) & 0xFFFF_FFFF  // eight digits
            mantissa = mantissa &* 100_000_000 &+ v
            i += 8
        }
        while i < n, p[i] &- 48 < 10 { mantissa = mantissa &* 10 &+ UInt64(p[i] &- 48); i += 1 }
    }

    /// A numeric field with other characters (quotes, spaces, `nan`...): delimited like a text field, then parsed.
    private func generalNumber(from s: Int, _ pos: inout Int, _ line: inout Int) throws -> Double? {
        pos = s
        let (e, quoted) = try field(&pos, &line)
        if !quoted { return DecimalParser.parse(p, s, e) }
        let bytes = CSVScanner(bytes: UnsafeBufferPointer(start: p, count: n), columns: 0).unquoted(s, e)
        return bytes.withUnsafeBufferPointer { b in b.baseAddress.map { DecimalParser.parse($0, 0, b.count) } ?? .nan }
    }
}

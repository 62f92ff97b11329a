/// Finds records and fields in CSV bytes, one chunk at a time.
///
/// Quoting follows RFC 4180 with one uniform rule that makes chunks independent: every `"` toggles the quoted
/// state and is not part of the value, except that `""` inside quotes stands for one `"`. Separators and line
/// ends inside quotes belong to the field. So the quoted state at any byte is the parity of the quotes before
/// it, which lets chunks be found by counting quotes, then parsed in parallel.
/// A line ends at LF; a CR right before it is dropped. Empty lines are skipped.
struct CSVScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    let columns: Int

    /// Fields of the well-formed records of one chunk, `columns` per record, packed as
    /// start (bits 0–39) | length (bits 40–62) | contains-quotes (bit 63).
    struct Chunk {
        var fields: [UInt64] = []
        /// The line each record starts on (a slice of the file's row lines on the fast path).
        var lines: ArraySlice<Int> = []
        /// (line, field count) of records whose field count differed from the header's.
        var ragged: [(line: Int, count: Int)] = []
        /// Where the scan stopped: the start of the first record not parsed.
        var end = 0
    }

    enum ScanError: Error {
        case unterminatedQuote(line: Int)
        case fieldTooLong(line: Int)
    }

    static let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), newline = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
    static let maxLength = (1 << 23) - 1
    /// True for bytes with no meaning to the scanner (everything but `"`, `,` and LF).
    /// (A constant table allocated once and never freed.)
    static let ordinary: UnsafePointer<Bool> = {
        let table = UnsafeMutablePointer<Bool>.allocate(capacity: 256)
        for b in 0..<256 { table[b] = b != 0x22 && b != 0x2C && b != 0x0A }
        return UnsafePointer(table)
    }()

    /// Counts quotes and LFs in `range` (the first pass that lets chunks be parsed independently), 16 bytes at a
    /// time: a vector compare gives 0xFF per match, subtracted from per-lane byte counters that are summed
    /// every 255 vectors (before they can wrap).
    func counts(_ range: Range<Int>) -> (quotes: Int, newlines: Int) {
        guard let p = bytes.baseAddress else { return (0, 0) }
        let raw = UnsafeRawPointer(p)
        let quotes = SIMD16<UInt8>(repeating: Self.quote), newlines = SIMD16<UInt8>(repeating: Self.newline)
        var q = 0, nl = 0
        var i = range.lowerBound
        while i + 16 <= range.upperBound {
            var quoteLanes = SIMD16<UInt8>(), newlineLanes = SIMD16<UInt8>()
            let blockEnd = min(range.upperBound, i + 255 * 16)
            while i + 16 <= blockEnd {
                let v = raw.loadUnaligned(fromByteOffset: i, as: SIMD16<UInt8>.self)
                quoteLanes &-= unsafeBitCast(v .== quotes, to: SIMD16<UInt8>.self)
                newlineLanes &-= unsafeBitCast(v .== newlines, to: SIMD16<UInt8>.self)
                i += 16
            }
            for k in 0..<16 {
                q += Int(quoteLanes[k])
                nl += Int(newlineLanes[k])
            }
        }
        while i < range.upperBound {
            q &+= p[i] == Self.quote ? 1 : 0
            nl &+= p[i] == Self.newline ? 1 : 0
            i += 1
        }
        return (q, nl)
    }

    /// The first record start at or after `from`, given the quoted state and line number at `from`.
    func firstRecordStart(from: Int, inQuotes: Bool, line: Int) -> (position: Int, line: Int) {
        if from == 0 || (bytes[from - 1] == Self.newline && !inQuotes) { return (from, line) }
        var q = inQuotes, l = line, i = from
        while i < bytes.count {
            let b = bytes[i]
            if b == Self.quote { q.toggle() } else if b == Self.newline {
                l += 1
                if !q { return (i + 1, l) }
            }
            i += 1
        }
        return (bytes.count, l)
    }

    /// Where a window of the file that reaches `from` ends, given the quoted state and line number at `from`:
    /// right after the first record end (an LF outside quotes) at or after `from`; or, if a field runs on for more
    /// than `maxLength` + 1 bytes first, at that point (`truncated`: scanning the window reports the field as too
    /// long without reading the rest of the file). Also returns the line number there.
    func windowEnd(from: Int, inQuotes: Bool, line: Int) -> (position: Int, line: Int, truncated: Bool) {
        let n = bytes.count
        if from >= n { return (n, line, false) }
        if from == 0 || (bytes[from - 1] == Self.newline && !inQuotes) { return (from, line, false) }
        let ordinary = Self.ordinary
        // The field at `from` started at or before it, so measuring from `from` never overstates its length.
        var q = inQuotes, l = line, i = from, fieldStart = from
        while i < n {
            let limit = min(n, fieldStart + Self.maxLength + 2)
            while i < limit, ordinary[Int(bytes[i])] { i += 1 }
            if i == limit && limit < n { return (i, l, true) }
            if i == n { break }
            let b = bytes[i]
            i += 1
            if b == Self.quote { q.toggle(); continue }
            if b == Self.newline { l += 1; if !q { return (i, l, false) } }
            if !q { fieldStart = i }
        }
        return (n, l, false)
    }

    /// Parses the records that start in `start..<stop` (the last may run past `stop`), the first on `line`.
    /// With `columns == 0` records of any length are kept (used for the header).
    func scan(start: Int, stop: Int, line firstLine: Int) throws -> Chunk {
        var chunk = Chunk()
        chunk.fields.reserveCapacity(max(0, (stop - start) / 8))
        let n = bytes.count
        let ordinary = Self.ordinary
        var pos = start, line = firstLine
        while pos < stop && pos < n {
            let recordLine = line
            var fieldStart = pos, hasQuote = false, inQuotes = false, fieldCount = 0
            var lastEnd = pos
            while true {
                if pos == n {
                    // An overlong field is reported as soon as it is seen, closed or not (a window may end in it).
                    if pos - fieldStart > Self.maxLength + 1 { throw ScanError.fieldTooLong(line: recordLine) }
                    if inQuotes { throw ScanError.unterminatedQuote(line: recordLine) }
                    var end = pos
                    if end > fieldStart, bytes[end - 1] == Self.cr { end -= 1 }
                    try emit(&chunk, fieldStart, end, hasQuote, recordLine)
                    fieldCount += 1
                    lastEnd = end
                    break
                }
                // Skip ordinary bytes (not quote, comma, LF) with one table lookup each.
                while pos < n, ordinary[Int(bytes[pos])] { pos += 1 }
                // Past maxLength + 1 (a CR before the LF is not part of the field), the field is too long.
                if pos - fieldStart > Self.maxLength + 1 { throw ScanError.fieldTooLong(line: recordLine) }
                if pos == n { continue }
                let b = bytes[pos]
                if b == Self.quote { inQuotes.toggle(); hasQuote = true; pos += 1; continue }
                if inQuotes {
                    if b == Self.newline { line += 1 }
                    pos += 1
                    continue
                }
                if b == Self.comma {
                    try emit(&chunk, fieldStart, pos, hasQuote, recordLine)
                    fieldCount += 1
                    pos += 1
                    fieldStart = pos
                    hasQuote = false
                    continue
                }
                if b == Self.newline {
                    var end = pos
                    if end > fieldStart, bytes[end - 1] == Self.cr { end -= 1 }
                    try emit(&chunk, fieldStart, end, hasQuote, recordLine)
                    fieldCount += 1
                    lastEnd = end
                    pos += 1
                    line += 1
                    break
                }
                pos += 1
            }
            if fieldCount == 1 && lastEnd == fieldStart && !hasQuote {
                chunk.fields.removeLast(1) // an empty line
                continue
            }
            if columns > 0 && fieldCount != columns {
                chunk.fields.removeLast(fieldCount)
                chunk.ragged.append((recordLine, fieldCount))
                continue
            }
            chunk.lines.append(recordLine)
        }
        chunk.end = pos
        return chunk
    }

    @inline(__always)
    private func emit(_ chunk: inout Chunk, _ s: Int, _ e: Int, _ quoted: Bool, _ line: Int) throws {
        let length = e - s
        if length > Self.maxLength { throw ScanError.fieldTooLong(line: line) }
        chunk.fields.append(UInt64(s) | UInt64(length) << 40 | (quoted ? 1 << 63 : 0))
    }

    @inline(__always) static func start(_ f: UInt64) -> Int { Int(f & 0xFF_FFFF_FFFF) }
    @inline(__always) static func length(_ f: UInt64) -> Int { Int((f >> 40) & 0x7F_FFFF) }
    @inline(__always) static func quoted(_ f: UInt64) -> Bool { f >> 63 == 1 }

    /// The bytes of a field with quotes removed and `""` turned into `"`.
    func unquoted(_ s: Int, _ e: Int) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: e - s) { buffer, count in count = unquote(s, e, into: buffer) }
    }

    /// The text of a field with quotes removed and `""` turned into `"`; nil when that leaves nothing.
    func unquotedText(_ s: Int, _ e: Int) -> String? {
        let text = String(unsafeUninitializedCapacity: e - s) { unquote(s, e, into: $0) }
        return text.isEmpty ? nil : text
    }

    private func unquote(_ s: Int, _ e: Int, into out: UnsafeMutableBufferPointer<UInt8>) -> Int {
        var i = s, inQuotes = false, k = 0
        while i < e {
            let b = bytes[i]
            if b == Self.quote {
                if inQuotes, i + 1 < e, bytes[i + 1] == Self.quote { out[k] = b; k += 1; i += 2; continue }
                inQuotes.toggle()
            } else {
                out[k] = b
                k += 1
            }
            i += 1
        }
        return k
    }
}

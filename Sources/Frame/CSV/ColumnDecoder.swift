import Support

/// Turns the field spans of one column into a typed `Column`, inferring its kind unless one is given.
struct ColumnDecoder {
    let scanner: CSVScanner
    let chunks: [CSVScanner.Chunk]
    let path: String
    let trim: Bool

    private var columns: Int { scanner.columns }

    /// Decodes column `c`. `numericFailed` says a numeric pass already found a non-number in it.
    func decode(column c: Int, name: String, kind: ColumnKind?, numericFailed: Bool = false) throws -> Column {
        switch kind {
        case .numeric?: return .numeric(try numbers(c, name: name))
        case .text?: return .text(texts(c))
        case .list?: return .list(try lists(c, name: name))
        case nil:
            if !numericFailed, let v = try? numbers(c, name: name) { return .numeric(v) }
            if looksLikeLists(c), let v = try? lists(c, name: name) { return .list(v) }
            return .text(texts(c))
        }
    }

    private func numbers(_ c: Int, name: String) throws -> [Double] {
        var out: [Double] = []
        out.reserveCapacity(chunks.reduce(0) { $0 + $1.lines.count })
        guard let base = scanner.bytes.baseAddress else { return out }
        for chunk in chunks {
            var f = c
            for r in 0..<chunk.lines.count {
                let field = chunk.fields[f]
                f += columns
                let s = CSVScanner.start(field), e = s + CSVScanner.length(field)
                let parsed: Double?
                if CSVScanner.quoted(field) {
                    let bytes = scanner.unquoted(s, e)
                    parsed = bytes.withUnsafeBufferPointer { b in
                        b.baseAddress.map { DecimalParser.parse($0, 0, b.count) } ?? .nan
                    }
                } else {
                    parsed = DecimalParser.parse(base, s, e)
                }
                guard let parsed else {
                    let value = String(decoding: scanner.unquoted(s, e), as: UTF8.self)
                    throw DataFileError(path: path, line: chunk.lines[chunk.lines.startIndex + r],
                                        message: "column `\(name)` is numeric but has the value \"\(value)\"")
                }
                out.append(parsed)
            }
        }
        return out
    }

    /// Column `c`'s texts, the chunks decoded in parallel straight into the result's storage.
    private func texts(_ c: Int) -> [String?] {
        var firstRows: [Int] = []
        var total = 0
        for chunk in chunks { firstRows.append(total); total += chunk.lines.count }
        return [String?](unsafeUninitializedCapacity: total) { buffer, count in
            if let base = buffer.baseAddress {
                MemoryAdvice.hugePages(base, bytes: buffer.count * MemoryLayout<String?>.stride)
                Parallel.forEach(chunks.count) { i in
                    let chunk = chunks[i]
                    var f = c
                    for r in firstRows[i]..<firstRows[i] + chunk.lines.count {
                        (base + r).initialize(to: text(chunk.fields[f]))
                        f += columns
                    }
                }
            }
            count = total
        }
    }

    /// The field's text; nil when empty.
    private func text(_ field: UInt64) -> String? {
        var s = CSVScanner.start(field), e = s + CSVScanner.length(field)
        if CSVScanner.quoted(field) {
            if !trim { return scanner.unquotedText(s, e) }
            var bytes = scanner.unquoted(s, e)
            while let last = bytes.last, last == 0x20 || last == 0x09 { bytes.removeLast() }
            bytes.removeFirst(bytes.prefix { $0 == 0x20 || $0 == 0x09 }.count)
            return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self)
        }
        if trim {
            while s < e, scanner.bytes[s] == 0x20 || scanner.bytes[s] == 0x09 { s += 1 }
            while e > s, scanner.bytes[e - 1] == 0x20 || scanner.bytes[e - 1] == 0x09 { e -= 1 }
        }
        if s == e { return nil }
        return String(decoding: UnsafeBufferPointer(rebasing: scanner.bytes[s..<e]), as: UTF8.self)
    }

    /// Whether every non-empty field starts with `[` (after spaces) and at least one field is non-empty.
    private func looksLikeLists(_ c: Int) -> Bool {
        var any = false
        for chunk in chunks {
            var f = c
            for _ in 0..<chunk.lines.count {
                let field = chunk.fields[f]
                f += columns
                var s = CSVScanner.start(field)
                let e = s + CSVScanner.length(field)
                while s < e, scanner.bytes[s] == 0x20 || scanner.bytes[s] == 0x22 { s += 1 }
                if s == e { continue }
                if scanner.bytes[s] != UInt8(ascii: "[") { return false }
                any = true
            }
        }
        return any
    }

    private func lists(_ c: Int, name: String) throws -> [[String]?] {
        var out: [[String]?] = []
        for chunk in chunks {
            var f = c
            for r in 0..<chunk.lines.count {
                let field = chunk.fields[f]
                f += columns
                guard let value = text(field) else { out.append(nil); continue }
                var copy = value
                guard let items = copy.withUTF8({ ListLiteral.parse($0) }) else {
                    throw DataFileError(path: path, line: chunk.lines[chunk.lines.startIndex + r],
                                        message: "column `\(name)` is a list but \"\(value)\" is not a list literal like ['a', 'b']")
                }
                out.append(items)
            }
        }
        return out
    }
}

extension ColumnDecoder {
    /// Parses the `candidates` columns of chunk `i` as numbers in one row-major pass (touching each record's
    /// bytes once, instead of once per column), writing candidate j's value for the chunk's row r to
    /// `out[j][firstRow + r]`. Returns, per candidate, whether every field was a number.
    func numericPass(chunk i: Int, candidates: [Int], firstRow: Int,
                     into out: [UnsafeMutableBufferPointer<Double>]) -> [Bool] {
        let chunk = chunks[i]
        let rows = chunk.lines.count
        let k = candidates.count
        var alive = [Bool](repeating: true, count: k)
        guard let base = scanner.bytes.baseAddress, rows > 0, k > 0 else { return alive }
        chunk.fields.withUnsafeBufferPointer { fields in
            for r in 0..<rows {
                let row = r * columns
                for j in 0..<k where alive[j] {
                    let field = fields[row + candidates[j]]
                    let s = CSVScanner.start(field), e = s + CSVScanner.length(field)
                    let parsed: Double?
                    if CSVScanner.quoted(field) {
                        let bytes = scanner.unquoted(s, e)
                        parsed = bytes.withUnsafeBufferPointer { b in
                            b.baseAddress.map { DecimalParser.parse($0, 0, b.count) } ?? .nan
                        }
                    } else {
                        parsed = DecimalParser.parse(base, s, e)
                    }
                    if let parsed { out[j][firstRow + r] = parsed } else { alive[j] = false }
                }
            }
        }
        return alive
    }
}

/// Calls `body` with mutable buffers of all `arrays` at once (nested accesses, so the pointers stay valid).
func withMutableBuffers<R>(_ arrays: inout [[Double]], from i: Int = 0, _ collected: [UnsafeMutableBufferPointer<Double>] = [],
                           _ body: ([UnsafeMutableBufferPointer<Double>]) throws -> R) rethrows -> R {
    if i == arrays.count { return try body(collected) }
    var array = arrays[i]
    arrays[i] = []
    defer { arrays[i] = array }
    return try array.withUnsafeMutableBufferPointer { buffer in
        try withMutableBuffers(&arrays, from: i + 1, collected + [buffer], body)
    }
}

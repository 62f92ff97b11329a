/// Turns the field spans of one column into a typed `Column`, inferring its kind unless one is given.
struct ColumnDecoder {
    let scanner: CSVScanner
    let chunks: [CSVScanner.Chunk]
    let path: String
    let trim: Bool

    private var columns: Int { scanner.columns }

    func decode(column c: Int, name: String, kind: ColumnKind?) throws -> Column {
        switch kind {
        case .numeric?: return .numeric(try numbers(c, name: name))
        case .text?: return .text(texts(c))
        case .list?: return .list(try lists(c, name: name))
        case nil:
            if let v = try? numbers(c, name: name) { return .numeric(v) }
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
                    throw DataFileError(path: path, line: chunk.lines[r],
                                        message: "column `\(name)` is numeric but has the value \"\(value)\"")
                }
                out.append(parsed)
            }
        }
        return out
    }

    private func texts(_ c: Int) -> [String?] {
        var out: [String?] = []
        out.reserveCapacity(chunks.reduce(0) { $0 + $1.lines.count })
        for chunk in chunks {
            var f = c
            for _ in 0..<chunk.lines.count {
                out.append(text(chunk.fields[f]))
                f += columns
            }
        }
        return out
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
                    throw DataFileError(path: path, line: chunk.lines[r],
                                        message: "column `\(name)` is a list but \"\(value)\" is not a list literal like ['a', 'b']")
                }
                out.append(items)
            }
        }
        return out
    }
}

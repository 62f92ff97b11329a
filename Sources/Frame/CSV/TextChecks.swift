/// Checks on a data file's bytes and values that the parser itself does not make.
enum TextChecks {
    /// Throws `PATH:LINE: error` at the first byte that is not valid UTF-8 (a Latin-1 or UTF-16 file would
    /// otherwise be decoded with replacement characters and silently change keys and join counts).
    static func requireUTF8(_ bytes: UnsafeBufferPointer<UInt8>, path: String) throws {
        if let error = utf8Error(bytes, path: path, firstLine: 1) { throw error }
    }

    /// The error for the first byte of `bytes` that is not valid UTF-8, `bytes` starting on line `firstLine`
    /// (a window of a file starts at a record end, so no UTF-8 sequence is cut), or nil.
    static func utf8Error(_ bytes: UnsafeBufferPointer<UInt8>, path: String, firstLine: Int) -> DataFileError? {
        guard let offset = firstInvalidUTF8(bytes) else { return nil }
        var line = firstLine
        for k in 0..<offset where bytes[k] == 0x0A { line += 1 }
        return DataFileError(path: path, line: line, message: "invalid UTF-8 byte 0x\(String(bytes[offset], radix: 16, uppercase: true)): "
            + "labbook reads UTF-8 data files; convert it (e.g. iconv -f LATIN1 -t UTF-8)")
    }

    /// A UTF-16 byte-order mark: checked before parsing, which would misread every field.
    static func rejectUTF16(_ bytes: UnsafeBufferPointer<UInt8>, path: String) throws {
        guard bytes.count >= 2, bytes[0] == 0xFF && bytes[1] == 0xFE || bytes[0] == 0xFE && bytes[1] == 0xFF else { return }
        throw DataFileError(path: path, line: 1, message: "the file is UTF-16: labbook reads UTF-8 data files; convert it "
            + "(e.g. iconv -f UTF-16 -t UTF-8)")
    }

    /// The offset of the first byte that does not belong to a well-formed UTF-8 sequence, or nil.
    static func firstInvalidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let n = bytes.count
        var i = 0
        while i < n {
            // ASCII fast path, eight bytes at a time.
            while i + 8 <= n {
                let word = UnsafeRawPointer(bytes.baseAddress! + i).loadUnaligned(as: UInt64.self)
                if word & 0x8080_8080_8080_8080 != 0 { break }
                i += 8
            }
            guard i < n else { return nil }
            let lead = bytes[i]
            if lead < 0x80 { i += 1; continue }
            let length: Int, low: UInt8, high: UInt8
            switch lead {
            case 0xC2...0xDF: (length, low, high) = (2, 0x80, 0xBF)
            case 0xE0: (length, low, high) = (3, 0xA0, 0xBF)
            case 0xE1...0xEC, 0xEE...0xEF: (length, low, high) = (3, 0x80, 0xBF)
            case 0xED: (length, low, high) = (3, 0x80, 0x9F)
            case 0xF0: (length, low, high) = (4, 0x90, 0xBF)
            case 0xF1...0xF3: (length, low, high) = (4, 0x80, 0xBF)
            case 0xF4: (length, low, high) = (4, 0x80, 0x8F)
            default: return i
            }
            guard i + length <= n, (low...high).contains(bytes[i + 1]) else { return i }
            for k in 2..<max(2, length) where bytes[i + k] & 0xC0 != 0x80 { return i }
            i += length
        }
        return nil
    }

    /// Throws `PATH:LINE: error` at the first infinite value of a numeric column: `inf` (or a number too large
    /// for a double) is not a measurement, and would otherwise pass imputation and fail far from the file.
    static func rejectInfinities(_ table: CSVTable, path: String) throws {
        for (name, column) in zip(table.frame.names, table.frame.columns) {
            guard case .numeric(let values) = column, let row = values.firstIndex(where: \.isInfinite) else { continue }
            let line = table.rowLines.indices.contains(row) ? table.rowLines[row] : nil
            throw DataFileError(path: path, line: line, message: "column `\(name)` has the infinite value "
                + "\(values[row] > 0 ? "" : "-")inf: leave the field empty to mark a missing value")
        }
    }
}

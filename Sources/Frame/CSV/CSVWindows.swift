/// Streams a CSV file through `CSVReader` one window at a time, so memory holds the growing table and one window of
/// the file, never the whole file.
///
/// A window is about `CSVOptions.windowBytes` long and ends right after a record end (an LF outside quotes, found
/// from the quote parity), so every window is parsed like a small file of its own, starting on a known line. The
/// result, table or error, is the one a single-window parse gives:
/// - a scan error (unclosed quote, overlong field) stops the read at once: it is the first in file order, and a
///   whole-file parse reports scan errors first; an overlong field ends its window early, so a huge field is
///   reported without reading the rest of the file;
/// - the first ragged record (when those are errors), then a value that does not fit its declared kind (the
///   leftmost such column, its first row), then the first invalid UTF-8 byte are held until every window is
///   scanned, and thrown in that order;
/// - each window infers the kinds of undeclared columns from its own records; when windows disagree, the file is
///   read again with what the disagreement proves (the column is not numeric; or it is text), at most twice.
enum CSVWindows {
    /// One window's records, its columns in header order (none when the window has no records).
    struct Part {
        var columns: [Column]
        var rowLines: [Int]
        var skipped: [Int]
    }

    /// Errors a whole-file parse would rank after scan errors in later windows.
    enum Deferred: Error {
        case ragged(DataFileError)
        case value(column: Int, DataFileError)
    }

    /// Runs `decode` (column `c`'s decoding), turning its `DataFileError` into `Deferred.value`.
    static func deferred(column c: Int, _ decode: () throws -> Column) throws -> Column {
        do { return try decode() } catch let error as DataFileError { throw Deferred.value(column: c, error) }
    }

    /// Reads `input` (a BOM is skipped) window by window; `pages` gives each window's bytes back once parsed
    /// (nil: the caller owns memory that cannot be given back).
    static func read(_ input: UnsafeBufferPointer<UInt8>, path: String, options: CSVOptions, route: CSVReader.Route,
                     pages: FilePages?) throws -> CSVTable {
        var bytes = input
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            bytes = UnsafeBufferPointer(rebasing: input[3...])
        }
        let header = try CSVReader.header(bytes, path: path)
        var options = options
        // Each read settles a column for good or moves it from "any kind" to "not numeric" to "text": three reads at
        // most (the third, should it still disagree, reads every disagreeing column as text).
        for read in 1...3 {
            let parts = try readWindows(bytes, header: header, path: path, options: options, route: route, pages: pages)
            let hints = kindHints(parts, names: header.names, options: options)
            if hints.isEmpty { return try merged(parts, names: header.names) }
            for (name, hint) in hints {
                if hint == .text || read == 2 { options.types[name] = .text } else { options.notNumeric.insert(name) }
            }
        }
        return try merged(readWindows(bytes, header: header, path: path, options: options, route: route, pages: pages),
                          names: header.names)
    }

    /// Parses every window of the records after the header, ranking errors as described above.
    private static func readWindows(_ bytes: UnsafeBufferPointer<UInt8>, header: (names: [String], line: Int, end: Int),
                                    path: String, options: CSVOptions, route: CSVReader.Route,
                                    pages: FilePages?) throws -> [Part] {
        let whole = CSVScanner(bytes: bytes, columns: header.names.count)
        let size = max(1, options.windowBytes ?? CSVReader.defaultWindowBytes)
        var utf8 = TextChecks.utf8Error(UnsafeBufferPointer(rebasing: bytes[0..<header.end]), path: path, firstLine: 1)
        var ragged: DataFileError?
        var value: (column: Int, error: DataFileError)?
        var parts: [Part] = []
        var anyRows = false
        var start = header.end, line = 1 + whole.counts(0..<header.end).newlines
        while start < bytes.count {
            let stop = min(bytes.count, start + size)
            pages?.willRead(start..<stop)
            let counts = whole.counts(start..<stop)
            let end = whole.windowEnd(from: stop, inQuotes: counts.quotes % 2 == 1, line: line + counts.newlines)
            let window = UnsafeBufferPointer(rebasing: bytes[start..<end.position])
            do {
                let part = try CSVReader.scanned(path) {
                    try CSVReader.parseWindow(window, line: line, names: header.names, path: path, options: options, route: route)
                }
                anyRows = anyRows || !part.rowLines.isEmpty
                if ragged == nil && value == nil { parts.append(part) }
            } catch Deferred.ragged(let error) {
                if ragged == nil { ragged = error }
            } catch Deferred.value(let column, let error) {
                anyRows = true  // a value was decoded, so its record was a row
                if column < value?.column ?? Int.max { value = (column, error) }
            }
            if end.truncated {  // the window's scan reports the overlong field; this is a safety net
                throw DataFileError(path: path, line: end.line, message: "field longer than \(CSVScanner.maxLength) bytes")
            }
            if utf8 == nil { utf8 = TextChecks.utf8Error(window, path: path, firstLine: line) }
            if ragged != nil || value != nil { parts = [] }  // an error is coming: keep no table
            pages?.done(start..<end.position)
            (start, line) = (end.position, end.line)
        }
        if let ragged { throw ragged }
        if !anyRows {
            throw DataFileError(path: path, line: header.line, message: "the file has a header but no data rows")
        }
        if let value { throw value.error }
        if let utf8 { throw utf8 }
        return parts
    }

    /// What a second read must assume about undeclared columns whose windows inferred different kinds, by name
    /// (empty when the windows agree). Whole-file inference: numeric when every field is a number (so a column
    /// some window did not find numeric is not); else a list when every non-empty field is a list literal (so a
    /// list window and a text window with values make text; a text window without values changes nothing).
    private static func kindHints(_ parts: [Part], names: [String], options: CSVOptions) -> [String: Hint] {
        let filled = parts.filter { !$0.rowLines.isEmpty }
        guard filled.count > 1 else { return [:] }
        var hints: [String: Hint] = [:]
        for (c, name) in names.enumerated() where options.types[name] == nil {
            let columns = filled.map { $0.columns[c] }
            let kinds = Set(columns.map(\.kindName))
            if kinds.count == 1 { continue }
            if kinds.contains("numeric") {
                hints[name] = .notNumeric
            } else if columns.contains(where: { if case .text(let v) = $0 { v.contains { $0 != nil } } else { false } }) {
                hints[name] = .text
            }
        }
        return hints
    }

    enum Hint { case notNumeric, text }

    /// The windows' columns stacked into one table (a column's list windows absorb its empty text windows).
    private static func merged(_ parts: [Part], names: [String]) throws -> CSVTable {
        let filled = parts.filter { !$0.rowLines.isEmpty }
        if filled.count == 1 {
            return CSVTable(frame: try DataFrame(Array(zip(names, filled[0].columns))),
                            skippedLines: parts.flatMap(\.skipped), rowLines: filled[0].rowLines)
        }
        let columns = names.indices.map { c -> Column in
            let pieces = filled.map { $0.columns[c] }
            if pieces.contains(where: { $0.kindName == "list" }) {
                return .list(pieces.flatMap { piece -> [[String]?] in
                    if case .list(let v) = piece { return v }
                    return Array(repeating: nil, count: piece.count)
                })
            }
            switch pieces[0] {
            case .numeric: return .numeric(pieces.flatMap { piece -> [Double] in if case .numeric(let v) = piece { v } else { [] } })
            case .text: return .text(pieces.flatMap { piece -> [String?] in if case .text(let v) = piece { v } else { [] } })
            case .list: return .list([])  // handled above
            }
        }
        return CSVTable(frame: try DataFrame(Array(zip(names, columns))),
                        skippedLines: parts.flatMap(\.skipped), rowLines: filled.flatMap(\.rowLines))
    }
}

import Support
import Foundation

/// A CSV reader for real files: RFC 4180 quoting (separators, doubled quotes and newlines inside quotes),
/// LF or CRLF line ends, an optional UTF-8 BOM, a header row, empty fields (quoted or not) as missing.
///
/// Large files are parsed on all cores: a first pass counts quotes and line ends per chunk, which gives the
/// quoted state and line number at each chunk start; then chunks are parsed and columns decoded in parallel.
/// The result does not depend on the number of chunks.
///
/// `CSVFastPath` parses numeric columns straight from the bytes in the scanning pass; when it declines (a column
/// the sample called numeric is not, a ragged record that is an error, a malformed file), the general path below
/// parses the file and reports any error. Both give identical tables.
public enum CSVReader {
    /// Reads the file at `url`; errors name `path` (default: the URL's path) and the line, except a missing file,
    /// which is reported with its absolute path (`data file not found: /abs/path`).
    public static func read(_ url: URL, path: String? = nil, options: CSVOptions = CSVOptions()) throws -> CSVTable {
        let shown = path ?? url.path
        guard FileManager.default.fileExists(atPath: url.path) else { throw DataFileError.notFound(url.path) }
        return try withFileBytes(url, path: shown) { try parse($0, path: shown, options: options) }
    }

    /// Parses CSV text (for tests and small inputs).
    public static func parse(text: String, path: String = "<text>", options: CSVOptions = CSVOptions()) throws -> CSVTable {
        var copy = text
        return try copy.withUTF8 { try parse($0, path: path, options: options) }
    }

    /// Parses CSV bytes.
    public static func parse(_ input: UnsafeBufferPointer<UInt8>, path: String, options: CSVOptions) throws -> CSVTable {
        try TextChecks.rejectUTF16(input, path: path)
        let table = try parse(input, path: path, options: options, route: .automatic)
        // After parsing (which stops at the first malformed record), so a bad file is not read twice.
        try TextChecks.requireUTF8(input, path: path)
        try TextChecks.rejectInfinities(table, path: path)
        return table
    }

    /// Which parser `parse` uses (tests compare the two).
    enum Route {
        /// `CSVFastPath`, or the general path when it declines.
        case automatic
        case general
        /// `CSVFastPath` only; throws `RecordParser.Fallback` when it declines.
        case fastOnly
    }

    static func parse(_ input: UnsafeBufferPointer<UInt8>, path: String, options: CSVOptions, route: Route) throws -> CSVTable {
        var bytes = input
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            bytes = UnsafeBufferPointer(rebasing: input[3...])
        }
        let headerScanner = CSVScanner(bytes: bytes, columns: 0)
        let header = try scanned(path) { try headerScanner.scan(start: 0, stop: min(1, bytes.count), line: 1) }
        guard let headerLine = header.lines.first else {
            throw DataFileError(path: path, line: 1, message: "empty file: expected a header row")
        }
        let names = header.fields.map { f in
            String(decoding: headerScanner.unquoted(CSVScanner.start(f), CSVScanner.start(f) + CSVScanner.length(f)), as: UTF8.self)
        }
        try checkHeader(names, path: path, line: headerLine)
        let scanner = CSVScanner(bytes: bytes, columns: names.count)
        if route != .general {
            if let table = try CSVFastPath.parse(scanner, names: names, from: header.end, path: path, options: options) {
                return table
            }
            if route == .fastOnly { throw RecordParser.Fallback() }
        }
        let chunks = try scanChunks(scanner, from: header.end, path: path, options: options)

        var skipped: [Int] = []
        for chunk in chunks {
            if let first = chunk.ragged.first, options.raggedRows == .error {
                throw DataFileError(path: path, line: first.line,
                                    message: "row has \(first.count) field\(first.count == 1 ? "" : "s"), expected \(names.count) as in the header")
            }
            skipped += chunk.ragged.map(\.line)
        }
        let rowLines = chunks.flatMap(\.lines)
        if rowLines.isEmpty {
            throw DataFileError(path: path, line: headerLine, message: "the file has a header but no data rows")
        }
        let decoder = ColumnDecoder(scanner: scanner, chunks: chunks, path: path, trim: options.trimWhitespace)
        // Numeric candidates (declared numeric or not declared) in one row-major pass per chunk; the rest
        // (and candidates that turned out not to be numeric) column by column.
        let candidates = names.indices.filter { options.types[names[$0]] ?? .numeric == .numeric }
        var firstRows: [Int] = []
        var total = 0
        for chunk in chunks { firstRows.append(total); total += chunk.lines.count }
        var outputs = candidates.map { _ in [Double](repeating: 0, count: total) }
        let passes = withMutableBuffers(&outputs) { out in
            Parallel.map(chunks.count) {
                decoder.numericPass(chunk: $0, candidates: candidates, firstRow: firstRows[$0], into: out)
            }
        }
        var numeric: [Int: [Double]] = [:]
        for (j, c) in candidates.enumerated() where passes.allSatisfy({ $0[j] }) { numeric[c] = outputs[j] }
        let columns = try Parallel.map(names.count) { c -> Column in
            if let values = numeric[c] { return .numeric(values) }
            let kind = options.types[names[c]]
            return try decoder.decode(column: c, name: names[c], kind: kind, numericFailed: candidates.contains(c))
        }
        let frame = try DataFrame(Array(zip(names, columns)))
        return CSVTable(frame: frame, skippedLines: skipped, rowLines: rowLines)
    }

    private static func checkHeader(_ names: [String], path: String, line: Int) throws {
        var seen = Set<String>()
        for (i, name) in names.enumerated() {
            if name.isEmpty { throw DataFileError(path: path, line: line, message: "header column \(i + 1) has no name") }
            if !seen.insert(name).inserted {
                throw DataFileError(path: path, line: line, message: "header names column `\(name)` twice")
            }
        }
    }

    private static func scanChunks(_ scanner: CSVScanner, from start: Int, path: String,
                                   options: CSVOptions) throws -> [CSVScanner.Chunk] {
        let n = scanner.bytes.count
        let size = n - start
        let wanted = options.chunks ?? (size < 1 << 20 ? 1 : Parallel.workers * 4)
        let k = max(1, min(wanted, max(1, size / 64)))
        let bounds = (0...k).map { start + size * $0 / k }
        let counts = Parallel.map(k) { scanner.counts(bounds[$0]..<bounds[$0 + 1]) }
        let before = scanner.counts(0..<start)
        var quotes = before.quotes, lines = 1 + before.newlines
        var starts: [(quotes: Int, line: Int)] = []
        for c in counts {
            starts.append((quotes, lines))
            quotes += c.quotes
            lines += c.newlines
        }
        return try Parallel.map(k) { i in
            let first = scanner.firstRecordStart(from: bounds[i], inQuotes: starts[i].quotes % 2 == 1, line: starts[i].line)
            return try scanned(path) { try scanner.scan(start: first.position, stop: bounds[i + 1], line: first.line) }
        }
    }

    private static func scanned<T>(_ path: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch CSVScanner.ScanError.unterminatedQuote(let line) {
            throw DataFileError(path: path, line: line, message: "quoted field is not closed before the end of the file")
        } catch CSVScanner.ScanError.fieldTooLong(let line) {
            throw DataFileError(path: path, line: line, message: "field longer than \(CSVScanner.maxLength) bytes")
        }
    }
}

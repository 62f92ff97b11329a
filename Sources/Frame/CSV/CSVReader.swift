import Support
import Foundation

/// A CSV reader for real files: RFC 4180 quoting (separators, doubled quotes and newlines inside quotes),
/// LF or CRLF line ends, an optional UTF-8 BOM, a header row, empty fields (quoted or not) as missing.
///
/// Files are read in windows of a few tens of megabytes, each ending at a record end (`CSVWindows`), and each
/// window is parsed on all cores: a first pass counts quotes and line ends per chunk, which gives the quoted
/// state and line number at each chunk start; then chunks are parsed and columns decoded in parallel.
/// The result (table or error) depends neither on the number of chunks nor on the window size.
///
/// `CSVFastPath` parses numeric columns straight from the bytes in the scanning pass; when it declines (a column
/// the sample called numeric is not, a ragged record that is an error, a malformed file), the general path below
/// parses the file and reports any error. Both give identical tables.
public enum CSVReader {
    /// Reads the file at `url`; errors name `path` (default: the URL's path) and the line, except a missing file,
    /// which is reported with its absolute path (`data file not found: /abs/path`).
    /// The file is streamed: mapped, and read one window (`CSVOptions.windowBytes`) at a time, each window's
    /// pages given back once its records are parsed, so memory holds the table, not the file.
    public static func read(_ url: URL, path: String? = nil, options: CSVOptions = CSVOptions()) throws -> CSVTable {
        let shown = path ?? url.path
        guard FileManager.default.fileExists(atPath: url.path) else { throw DataFileError.notFound(url.path) }
        return try withFileBytes(url, path: shown, window: options.windowBytes ?? defaultWindowBytes) { bytes, pages in
            try TextChecks.rejectUTF16(bytes, path: shown)
            let table = try CSVWindows.read(bytes, path: shown, options: options, route: .automatic, pages: pages)
            try TextChecks.rejectInfinities(table, path: shown)
            return table
        }
    }

    /// Parses CSV text (for tests and small inputs).
    public static func parse(text: String, path: String = "<text>", options: CSVOptions = CSVOptions()) throws -> CSVTable {
        var copy = text
        return try copy.withUTF8 { try parse($0, path: path, options: options) }
    }

    /// Parses CSV bytes (window by window, as `read` does).
    public static func parse(_ input: UnsafeBufferPointer<UInt8>, path: String, options: CSVOptions) throws -> CSVTable {
        try TextChecks.rejectUTF16(input, path: path)
        let table = try parse(input, path: path, options: options, route: .automatic)
        try TextChecks.rejectInfinities(table, path: path)
        return table
    }

    /// Bytes per window when `CSVOptions.windowBytes` is nil.
    public static let defaultWindowBytes = 64 << 20

    /// Which parser `parse` uses (tests compare the two).
    enum Route {
        /// `CSVFastPath`, or the general path when it declines.
        case automatic
        case general
        /// `CSVFastPath` only; throws `RecordParser.Fallback` when it declines.
        case fastOnly
    }

    /// Parses CSV bytes with the given route (no check for infinities).
    static func parse(_ input: UnsafeBufferPointer<UInt8>, path: String, options: CSVOptions, route: Route) throws -> CSVTable {
        try CSVWindows.read(input, path: path, options: options, route: route, pages: nil)
    }

    /// The header of `bytes` (a BOM already skipped): its names, its line and where the records start.
    static func header(_ bytes: UnsafeBufferPointer<UInt8>, path: String) throws -> (names: [String], line: Int, end: Int) {
        let headerScanner = CSVScanner(bytes: bytes, columns: 0)
        let header = try scanned(path) { try headerScanner.scan(start: 0, stop: min(1, bytes.count), line: 1) }
        guard let headerLine = header.lines.first else {
            throw DataFileError(path: path, line: 1, message: "empty file: expected a header row")
        }
        let names = header.fields.map { f in
            String(decoding: headerScanner.unquoted(CSVScanner.start(f), CSVScanner.start(f) + CSVScanner.length(f)), as: UTF8.self)
        }
        try checkHeader(names, path: path, line: headerLine)
        return (names, headerLine, header.end)
    }

    /// The records of one window (`bytes`, starting at a record start on line `line`) as columns, without inferring
    /// anything from other windows. Scan errors are thrown as `DataFileError`s; a ragged record (when those are
    /// errors) and a value that does not fit a declared kind as `CSVWindows.Deferred`, which the caller ranks
    /// across windows as a whole-file parse would. A window without records gives an empty `Part`.
    static func parseWindow(_ bytes: UnsafeBufferPointer<UInt8>, line: Int, names: [String], path: String,
                            options: CSVOptions, route: Route) throws -> CSVWindows.Part {
        let scanner = CSVScanner(bytes: bytes, columns: names.count)
        if route != .general {
            if let table = try CSVFastPath.parse(scanner, names: names, line: line, path: path, options: options) {
                return table
            }
            if route == .fastOnly { throw RecordParser.Fallback() }
        }
        let chunks = try scanChunks(scanner, line: line, path: path, options: options)

        var skipped: [Int] = []
        for chunk in chunks {
            if let first = chunk.ragged.first, options.raggedRows == .error {
                throw CSVWindows.Deferred.ragged(DataFileError(path: path, line: first.line, message:
                    "row has \(first.count) field\(first.count == 1 ? "" : "s"), expected \(names.count) as in the header"))
            }
            skipped += chunk.ragged.map(\.line)
        }
        let rowLines = chunks.flatMap(\.lines)
        if rowLines.isEmpty { return CSVWindows.Part(columns: [], rowLines: [], skipped: skipped) }
        let decoder = ColumnDecoder(scanner: scanner, chunks: chunks, path: path, trim: options.trimWhitespace)
        // Numeric candidates (declared numeric or not declared) in one row-major pass per chunk; the rest
        // (and candidates that turned out not to be numeric) column by column.
        let candidates = names.indices.filter { options.mayBeNumeric(names[$0]) }
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
            return try CSVWindows.deferred(column: c) {
                try decoder.decode(column: c, name: names[c], kind: kind,
                                   numericFailed: candidates.contains(c) || options.notNumeric.contains(names[c]))
            }
        }
        return CSVWindows.Part(columns: columns, rowLines: rowLines, skipped: skipped)
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

    /// The records of `scanner`'s bytes (which start at a record start, on line `line`), scanned in parallel chunks.
    private static func scanChunks(_ scanner: CSVScanner, line: Int, path: String,
                                   options: CSVOptions) throws -> [CSVScanner.Chunk] {
        let size = scanner.bytes.count
        let k = chunkCount(size, options)
        let bounds = (0...k).map { size * $0 / k }
        let counts = Parallel.map(k) { scanner.counts(bounds[$0]..<bounds[$0 + 1]) }
        var quotes = 0, lines = line
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

    /// How many parallel chunks `size` bytes are parsed in.
    static func chunkCount(_ size: Int, _ options: CSVOptions) -> Int {
        let wanted = options.chunks ?? (size < 1 << 20 ? 1 : Parallel.workers * 4)
        return max(1, min(wanted, max(1, size / 64)))
    }

    static func scanned<T>(_ path: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch CSVScanner.ScanError.unterminatedQuote(let line) {
            throw DataFileError(path: path, line: line, message: "quoted field is not closed before the end of the file")
        } catch CSVScanner.ScanError.fieldTooLong(let line) {
            throw DataFileError(path: path, line: line, message: "field longer than \(CSVScanner.maxLength) bytes")
        }
    }
}
